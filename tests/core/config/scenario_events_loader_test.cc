// The scenario's `events:` list: every kind loads into its typed config; every bad definition is
// refused at its file:line:col, dangling references once the topology is known.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/config/config_error.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"

namespace cdnsim::core::config {

namespace {

const std::string kHead = R"(name: s
topology: t.yaml
requests: 100
catalogue: {objects: 50, sizes: {distribution: fixed, size: 1KiB}}
clients:
  - {name: c, location: {lat: 38.9, lon: -77.4}, requests_per_second: 5}
events:
)";

const std::string kEventsTopology = R"(name: t
regional_edge_caches:
  - {name: us-east-1, location: {lat: 38.94, lon: -77.46}, cache: {capacity: 1GiB}}
  - {name: eu-west-1, location: {lat: 53.3, lon: -6.3}, cache: {capacity: 1GiB}}
pops:
  - {code: IAD89-C1, location: {lat: 38.94, lon: -77.46}, regional_edge_cache: us-east-1, cache: {capacity: 1GiB}}
  - {code: FRA56-P2, location: {lat: 50.03, lon: 8.57}, cache: {capacity: 1GiB}}
origins:
  - {name: bucket, type: custom, domain: origin.example.com, location: {lat: 38.94, lon: -77.46}, origin_shield: {region: eu-west-1}}
behaviors:
  - {path_pattern: "*", origin: bucket}
)";

config::ScenarioConfig load(const std::string& events) {
  return config::loadScenarioFromString(kHead + events, "s.yaml");
}

// "s.yaml:line:col: " of the first `needle` in the events part of the scenario.
std::string whereInEvents(const std::string& events, const std::string& needle) {
  const std::string text = kHead + events;
  const std::size_t at = text.find(needle, kHead.size());
  const std::size_t lineStart = text.rfind('\n', at) + 1;
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  return "s.yaml:" + std::to_string(line) + ":" + std::to_string(1 + at - lineStart) + ": ";
}

std::string eventsErrorOf(const std::string& events, bool withTopology) {
  try {
    const auto s = load(events);
    if (withTopology) {
      config::validateScenarioEvents(s.events,
                                     config::loadTopologyFromString(kEventsTopology, "t.yaml"));
    }
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("every kind of event loads into its typed config", "[config][scenario][events]") {
  const auto s = load(R"(  - {kind: origin_down, origin: bucket, mode: silent, at: 10m, until: 20m}
  - {kind: origin_slow, origin: bucket, factor: 5, at: 1m}
  - {kind: origin_errors, origin: bucket, rate: 0.1, status: 502, at: 30s, until: 90s}
  - {kind: pop_down, pop: IAD89-C1, at: 5m, until: 6m}
  - {kind: rec_down, rec: us-east-1, at: 5m, until: 6m}
  - {kind: invalidation, paths: ["/assets/obj-1*", /index.html], at: 2m, completes_after: 5m}
  - {kind: invalidation, paths: ["/*"], at: 3m}
  - {kind: deploy, path_prefix: /assets/, first: 3, last: 9, size: 2KiB, at: 1m}
)");
  REQUIRE(s.events.size() == 8);
  const auto& down = s.events[0];
  CHECK(down.kind == ScenarioEventKind::OriginDown);
  CHECK(down.downMode == config::OriginDownMode::Silent);
  CHECK(down.target == "bucket");
  CHECK(down.at == std::chrono::minutes(10));
  CHECK(down.until == Duration(std::chrono::minutes(20)));
  CHECK(s.events[1].latencyFactor == 5);
  CHECK_FALSE(s.events[1].until.has_value());
  CHECK(s.events[2].errorRate == 0.1);
  CHECK(s.events[2].errorStatus == 502);
  CHECK(s.events[3].kind == ScenarioEventKind::PopDown);
  CHECK(s.events[3].target == "IAD89-C1");
  CHECK(s.events[4].kind == ScenarioEventKind::RecDown);
  CHECK(s.events[4].target == "us-east-1");
  CHECK(s.events[5].paths == std::vector<std::string>{"/assets/obj-1*", "/index.html"});
  CHECK(s.events[5].completesAfter == std::chrono::minutes(5));
  CHECK(s.events[6].completesAfter == config::kDefaultInvalidationDelay);
  const auto& deploy = s.events[7];
  CHECK(deploy.pathPrefix == std::optional<std::string>("/assets/"));
  CHECK(deploy.firstObject == std::optional<std::uint64_t>(3));
  CHECK(deploy.lastObject == std::optional<std::uint64_t>(9));
  CHECK(deploy.newSize == std::optional<std::uint64_t>(2048));
  // Every reference is in the topology.
  CHECK_NOTHROW(config::validateScenarioEvents(
      s.events, config::loadTopologyFromString(kEventsTopology, "t.yaml")));
}

TEST_CASE("bad event definitions are refused at file:line:col", "[config][scenario][events]") {
  struct Case {
    std::string events;
    std::string at;        // where the error points
    std::string message;   // a part of the message
    bool needsTopology = false;
  };
  const auto c = GENERATE(values<Case>({
      // dangling references, found once the topology is known
      {"  - {kind: origin_down, origin: bucket2, at: 1m}\n", "bucket2",
       "origin 'bucket2' is not in the topology; expected one of: bucket; did you mean 'bucket'?",
       true},
      {"  - {kind: origin_slow, origin: nope, factor: 2, at: 1m}\n", "nope",
       "origin 'nope' is not in the topology", true},
      {"  - {kind: pop_down, pop: IAD89-C2, at: 1m}\n", "IAD89-C2",
       "POP 'IAD89-C2' is not in the topology; expected one of: IAD89-C1, FRA56-P2; did you mean "
       "'IAD89-C1'?",
       true},
      {"  - {kind: rec_down, rec: us-east-2, at: 1m}\n", "us-east-2",
       "regional edge cache 'us-east-2' is not in the topology; expected one of: us-east-1, "
       "eu-west-1; did you mean 'us-east-1'?",
       true},
      {"  - {kind: rec_down, rec: eu-west-1, at: 1m}\n", "eu-west-1",
       "regional edge cache 'eu-west-1' is the origin shield of origin 'bucket'", true},
      // times
      {"  - {kind: pop_down, pop: IAD89-C1, at: 10m, until: 5m}\n", "5m",
       "until (5m) is not after at (10m)"},
      {"  - {kind: pop_down, pop: IAD89-C1, at: 10m, until: 10m}\n", "10m}",
       "until (10m) is not after at (10m)"},
      {"  - {kind: pop_down, pop: IAD89-C1, at: soon}\n", "soon", "must be a duration"},
      {"  - {kind: pop_down, pop: IAD89-C1}\n", "{kind", "'at'"},
      // invalidation paths
      {"  - {kind: invalidation, paths: [\"/a*/b\"], at: 1m}\n", "\"/a*/b\"",
       "'*' may only be the last character"},
      {"  - {kind: invalidation, paths: [a.html], at: 1m}\n", "a.html", "must start with '/'"},
      {"  - {kind: invalidation, paths: [], at: 1m}\n", "[]", "at least one path"},
      // kinds and keys
      {"  - {kind: origin_donw, origin: bucket, at: 1m}\n", "origin_donw",
       "event kind must be one of: origin_down, origin_slow, origin_errors, pop_down, "
       "rec_down, invalidation, deploy; got 'origin_donw'; did you mean 'origin_down'?"},
      {"  - {kind: deploy, first: 1, last: 2, at: 1m, until: 2m}\n", "until",
       "'until' does not apply to a deploy event"},
      {"  - {kind: invalidation, paths: [/a], at: 1m, until: 2m}\n", "until",
       "'until' does not apply to a invalidation event"},
      {"  - {kind: origin_down, origin: bucket, mode: asleep, at: 1m}\n", "asleep",
       "mode must be one of: refusing, silent"},
      {"  - {kind: origin_errors, origin: bucket, rate: 1.5, at: 1m}\n", "1.5", "rate"},
      // deploys
      {"  - {kind: deploy, at: 1m}\n", "{kind", "a deploy needs the objects it changes"},
      {"  - {kind: deploy, first: 5, last: 2, at: 1m}\n", "2,", "last is below first"},
      {"  - {kind: deploy, first: 0, last: 50, at: 1m}\n", "50,", "deploy last"},
  }));
  INFO(c.events);
  const auto error = eventsErrorOf(c.events, c.needsTopology);
  CHECK_THAT(error, Catch::StartsWith(whereInEvents(c.events, c.at)));
  CHECK_THAT(error, Catch::Contains(c.message));
  if (c.needsTopology) {
    // The scenario alone does not know the topology's names.
    CHECK_NOTHROW(load(c.events));
  }
}

}  // namespace cdnsim::core::config
