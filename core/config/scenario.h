#pragma once
// The typed model of a scenario file: which topology, the seed, the clock's start, and the synthetic
// workload (a catalogue of objects with Zipf popularity, or object groups (core/config/workload.h),
// requested by client populations placed on the map). Built only by loadScenario(); see
// scenarios/*.yaml and README.md "Workloads" for the documented format.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config_error.h"
#include "core/config/replay.h"
#include "core/config/scenario_events.h"
#include "core/config/topology.h"
#include "core/config/workload.h"
#include "core/time.h"

namespace cdnsim::core::config {

class YamlNode;

// What the simulator keeps per catalogue object: 8 bytes in the catalogue's size table and 24 in
// the per-object table, allocated up front for the whole catalogue.
inline constexpr std::uint64_t kBytesPerCatalogueObject = 32;
// The largest catalogue a scenario may ask for. 100 M objects take about 3 GiB before any cache
// holds a byte, which a workstation can still afford; a larger catalogue would need a different
// representation (sizes drawn on demand), so it is refused at load time instead of failing with
// bad_alloc when the run starts.
inline constexpr std::uint64_t kMaxCatalogueObjects = 100'000'000;

// A replay's default `requests`: every line of the log.
inline constexpr std::int64_t kMaxReplayRequests = 1LL << 40;

struct CatalogueConfig {
  std::uint64_t objects{10000};          // distinct objects, ranked by popularity
  double zipfAlpha{0.9};                 // popularity skew: P(rank k) ∝ k^-alpha
  std::string pathPrefix{"/assets/"};    // object i is at <pathPrefix>obj-<i>
  SizeDistributionConfig sizes;
  std::string cacheControl{"max-age=3600"};  // the origin's Cache-Control on every object ("" = none)
  // Requests for keys the origin does not hold (typos, stale links, scanners): a share of all
  // requests asks for one of `missingObjects` keys <pathPrefix>missing-<i>, with the catalogue's
  // Zipf skew. 0 = none.
  double missingShare{0.0};
  std::uint64_t missingObjects{0};
};

struct ClientPopulationConfig {
  std::string name;
  GeoLocation location;
  double requestsPerSecond{100};  // Poisson arrivals; the mean over a day when `diurnal` is set
  // ISO 3166-1 alpha-2 code of the viewers' country: from `city:`/`country:`, "" when unknown.
  std::string country{};
  // Local time = UTC + utcOffset: from `utc_offset:`, else the longitude's nearest hour (lon/15).
  Duration utcOffset{};
  std::optional<DiurnalConfig> diurnal{};  // its own or the scenario's; none = a constant rate
};

struct ScenarioConfig {
  std::string file;
  std::string name;
  std::string topologyPath;  // resolved relative to the scenario file
  SourceMark topologyMark;   // where the scenario names it, for errors about that file
  std::uint64_t seed{1};
  TimePoint start{fromUnixSeconds(1767225600)};  // 2026-01-01T00:00:00Z
  std::uint64_t requests{100000};                // the run ends after this many viewer requests
  CatalogueConfig catalogue;  // the single catalogue, when objectGroups is empty
  // The workload model (`object_groups:`), used instead of the catalogue when not empty.
  std::vector<ObjectGroupConfig> objectGroups;
  std::vector<ClientPopulationConfig> clients;
  std::vector<ScenarioEventConfig> events;  // scheduled events, in file order
  // `replay:`: a log replayed instead of the synthetic workload. Then the catalogue is one
  // placeholder object carrying replay's cache_control, `requests` caps the lines replayed
  // (default: all of them), and the populations are only places (their rates are weights).
  std::optional<ReplayConfig> replay;

  // The populations' mean total rate, and the run's expected length at that rate (seconds).
  double totalRequestsPerSecond() const;
  double expectedSeconds() const { return expectedRunSeconds(requests, totalRequestsPerSecond()); }
};

// Loads and validates a scenario file (not its topology); throws ConfigError.
ScenarioConfig loadScenario(const std::string& path);
ScenarioConfig loadScenarioFromString(const std::string& text, const std::string& name);
// The same from a file already parsed (so a caller that inspected it does not parse it twice).
ScenarioConfig readScenario(const YamlNode& root);
// Loads the scenario's topology and checks the events' references to it (validateScenarioEvents).
// A path that cannot be opened (missing, a directory) is reported
// at the scenario's `topology:` value with the OS's reason; errors inside it at their own place.
TopologyConfig loadScenarioTopology(const ScenarioConfig& scenario);

}  // namespace cdnsim::core::config
