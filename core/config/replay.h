#pragma once
// The typed model of a scenario's `replay:` block: a log or trace replayed through the tiers
// instead of the synthetic workload (README.md "Replaying logs" documents the YAML). Built only by
// the scenario loader (readReplay); sim/replay/ runs it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/config/config_error.h"

namespace cdnsim::core::config {

class YamlNode;

enum class ReplayFormat : std::uint8_t {
  CloudFront,     // CloudFront standard access log (33 tab-separated fields), plain or gzip
  Csv,            // `timestamp,object_id,size` as `cdnsim cachesim` reads it
  OracleGeneral,  // libCacheSim's packed 24-byte records
};

enum class ReplayRouting : std::uint8_t {
  Logged,  // each request at the POP its log line names (x-edge-location)
  Dns,     // each request from its client population's place, to the POP DNS picks
};

enum class BadLinePolicy : std::uint8_t {
  Refuse,  // the run stops at the first bad line: file:line: what is wrong (exit 2)
  Skip,    // bad lines are counted (the summary's replay block) and passed over
};

// Which field of a CloudFront log line says where its viewer is.
enum class ClientField : std::uint8_t { ClientIp, EdgeLocation };

// `client_locations:`: log lines to client populations (by name in the scenario's `clients:`),
// by the longest matching prefix of the chosen field.
struct ClientLocationsConfig {
  ClientField by{ClientField::ClientIp};
  std::vector<std::pair<std::string, std::uint32_t>> prefixes{};  // prefix -> population index
  std::optional<std::uint32_t> fallback{};  // `default:`: lines no prefix matches
};

struct ReplayConfig {
  ReplayFormat format{ReplayFormat::CloudFront};
  std::vector<std::string> files{};     // resolved relative to the scenario file; read together
  std::vector<SourceMark> fileMarks{};  // where the scenario names each file
  ReplayRouting routing{ReplayRouting::Logged};
  std::optional<ClientLocationsConfig> clientLocations{};
  double timeScale{1.0};  // simulated seconds per second (unit) of the log's clock
  BadLinePolicy badLines{BadLinePolicy::Refuse};
  std::size_t reorderWindow{1024};  // lines per file held back to restore time order
  std::string pathPrefix{"/trace/"};  // csv, oracleGeneral: object id N is at <prefix>N
  char csvDelimiter{','};
  // The origin's Cache-Control on every replayed object ("" = none: the behaviour's Default TTL).
  std::string cacheControl{"max-age=3600"};
};

// Reads `replay:`. `populations` are the names of the scenario's client populations, in order
// (client_locations refers to them). Paths are resolved against `scenarioFile`'s folder.
ReplayConfig readReplay(const YamlNode& node, const std::vector<std::string>& populations);

}  // namespace cdnsim::core::config
