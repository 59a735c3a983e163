// Real-time log configurations in a topology (DG/real-time-logs.html): `realtime_log_configs:`
// with a name, a sampling rate and fields, attached to behaviours by name. Every mistake is
// reported at its file:line:col.

#include <catch2/catch.hpp>

#include <string>

#include "core/config/config_error.h"
#include "core/config/topology.h"

namespace cdnsim::core::record {

namespace {

const std::string kWithLogs = R"(name: logs
regional_edge_caches: []
pops:
  - code: IAD89-C1
    location: {lat: 38.9, lon: -77.4}
    cache: {capacity: 1GiB}
origins:
  - {name: web, type: custom, domain: o.example.com, location: {lat: 39, lon: -77}}
realtime_log_configs:
  - name: sampled
    sampling_rate: 10
    fields: [sc-status, c-ip, timestamp]
  - name: all_of_it
    sampling_rate: 100
    fields: [timestamp]
behaviors:
  - path_pattern: /api/*
    origin: web
    realtime_log_config: all_of_it
  - path_pattern: /img/*
    origin: web
  - path_pattern: "*"
    origin: web
    realtime_log_config: sampled
)";

std::string mutateLogConfig(const std::string& from, const std::string& to) {
  std::string text = kWithLogs;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("real-time log configurations load and attach to behaviours by name",
          "[config][topology][realtime-log]") {
  const auto t = config::loadTopologyFromString(kWithLogs, "logs.yaml");
  REQUIRE(t.realtimeLogConfigs.size() == 2);
  const auto& sampled = t.realtimeLogConfigs[0];
  CHECK(sampled.name == "sampled");
  CHECK(sampled.samplingRate == 10);
  CHECK(sampled.fields.size() == 3);
  CHECK(sampled.fields.contains(RealtimeLogField::Timestamp));
  CHECK(sampled.fields.contains(RealtimeLogField::ClientIp));
  CHECK(sampled.fields.contains(RealtimeLogField::Status));
  CHECK(t.behaviors[0].realtimeLogConfig == std::optional<std::size_t>(1));
  CHECK_FALSE(t.behaviors[1].realtimeLogConfig.has_value());
  CHECK(t.behaviors[2].realtimeLogConfig == std::optional<std::size_t>(0));
}

TEST_CASE("real-time log configuration mistakes are reported at file:line:col",
          "[config][topology][realtime-log][errors]") {
  auto [from, to, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"fields: [sc-status, c-ip, timestamp]", "fields: [sc-status, c-ipp, timestamp]",
       "logs.yaml:12:25: unknown real-time log field 'c-ipp'; did you mean 'c-ip'? expected one "
       "of: timestamp, c-ip, time-to-first-byte,"},
      {"fields: [sc-status, c-ip, timestamp]", "fields: [sc-status, cs(Host)]",
       "logs.yaml:12:25: unknown real-time log field 'cs(Host)'"},
      {"fields: [sc-status, c-ip, timestamp]", "fields: [sc-status, c-ip, sc-status]",
       "logs.yaml:12:31: real-time log field 'sc-status' is listed twice; expected each field once"},
      {"fields: [sc-status, c-ip, timestamp]", "fields: []",
       "logs.yaml:12:13: fields must name at least one real-time log field"},
      {"sampling_rate: 10", "sampling_rate: 0",
       "logs.yaml:11:20: sampling_rate must be between 1 and 100, got 0"},
      {"sampling_rate: 10", "sampling_rate: 101",
       "logs.yaml:11:20: sampling_rate must be between 1 and 100, got 101"},
      {"sampling_rate: 10", "sampling_rate: 12.5",
       "logs.yaml:11:20: sampling_rate must be a whole number, got '12.5'"},
      {"    sampling_rate: 10\n", "",
       "logs.yaml:10:5: missing key 'sampling_rate' in real-time log configuration"},
      {"    sampling_rate: 10\n", "    sampling_rte: 10\n",
       "logs.yaml:11:5: unknown key 'sampling_rte' in real-time log configuration; did you mean "
       "'sampling_rate'?"},
      {"name: all_of_it", "name: sampled",
       "logs.yaml:13:11: duplicate real-time log configuration name 'sampled' (first at line 10)"},
      {"name: all_of_it", "name: all of it",
       "logs.yaml:13:11: real-time log configuration name 'all of it' must be 1 to 64 letters, "
       "digits, '-' or '_'"},
      {"realtime_log_config: sampled", "realtime_log_config: sampeld",
       "logs.yaml:24:26: unknown real-time log configuration 'sampeld'; did you mean 'sampled'? "
       "expected one of the topology's realtime_log_configs: sampled, all_of_it"},
  }));
  CAPTURE(from, to);
  try {
    config::loadTopologyFromString(mutateLogConfig(from, to), "logs.yaml");
    FAIL("expected a ConfigError");
  } catch (const config::ConfigError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith(expected));
  }
}

}  // namespace cdnsim::core::record
