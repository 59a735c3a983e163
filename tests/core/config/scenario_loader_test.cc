#include <catch2/catch.hpp>

#include <string>

#include "core/config/config_error.h"
#include "core/config/scenario.h"

using namespace cdnsim::core;
using config::loadScenarioFromString;

namespace {
const std::string kScenario = R"(name: s
topology: ../topologies/t.yaml
seed: 7
start: 2026-03-01T12:00:00Z
requests: 1000
catalogue:
  objects: 50
  zipf_alpha: 1.1
  sizes: {distribution: pareto, scale: 4KiB, alpha: 1.5, max: 1MiB}
  cache_control: "max-age=60, stale-while-revalidate=30"
clients:
  - name: tokyo
    location: {lat: 35.7, lon: 139.7}
    requests_per_second: 50
)";
}  // namespace

TEST_CASE("a scenario loads; its topology path is relative to the scenario file",
          "[config][scenario]") {
  const auto s = loadScenarioFromString(kScenario, "/x/scenarios/s.yaml");
  CHECK(s.topologyPath == "/x/topologies/t.yaml");
  CHECK(s.seed == 7);
  CHECK(s.start == fromUnixSeconds(1772366400));  // 2026-03-01T12:00:00Z
  CHECK(s.requests == 1000);
  CHECK(s.catalogue.objects == 50);
  CHECK(s.catalogue.zipfAlpha == 1.1);
  CHECK(s.catalogue.sizes.kind == config::SizeDistributionKind::Pareto);
  CHECK(s.catalogue.sizes.medianBytes == 4096);
  CHECK(s.catalogue.sizes.shape == 1.5);
  CHECK(s.catalogue.cacheControl == "max-age=60, stale-while-revalidate=30");
  REQUIRE(s.clients.size() == 1);
  CHECK(s.clients[0].requestsPerSecond == 50);
}

TEST_CASE("scenario mistakes are reported at file:line:col", "[config][scenario][errors]") {
  auto [from, to, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"requests: 1000", "requests: 0", "s.yaml:5:11: requests must be between 1 and"},
      {"requests: 1000", "request: 1000", "s.yaml:5:1: unknown key 'request' in scenario"},
      {"alpha: 1.5", "sigma: 1.5", "s.yaml:9:53: 'sigma' does not apply to a pareto distribution"},
      {"start: 2026-03-01T12:00:00Z", "start: yesterday", "s.yaml:4:8: start (ISO 8601"},
      {"requests_per_second: 50", "requests_per_second: -5",
       "s.yaml:14:26: requests_per_second must be between"},
      {"distribution: pareto", "distribution: zipf",
       "s.yaml:9:25: size distribution must be one of: fixed, lognormal, pareto; got 'zipf'"},
  }));
  std::string text = kScenario;
  text.replace(text.find(from), from.size(), to);
  CAPTURE(from, to);
  CHECK_THROWS_WITH(loadScenarioFromString(text, "s.yaml"), Catch::StartsWith(expected));
}
