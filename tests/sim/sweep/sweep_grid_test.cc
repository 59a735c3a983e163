// A sweep's grid: axes parsed from --grid, points in nested-loop order, the definition's JSON.

#include "sim/sweep/sweep_grid.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/config/config_error.h"
#include "sim/sweep/variant.h"

namespace {

std::string errorOf(const std::string& text) {
  try {
    cdnsim::sim::parseGridAxis(text);
  } catch (const cdnsim::core::config::ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a grid axis is a path and values split at top-level commas", "[sim][sweep][grid]") {
  using namespace cdnsim::sim;
  const auto axis = parseGridAxis("pops[*].cache.policy=lru, s3fifo,sieve");
  CHECK(axis.path == "pops[*].cache.policy");
  CHECK(axis.values == std::vector<std::string>{"lru", "s3fifo", "sieve"});
  // Commas inside a flow value or quotes stay in the value.
  const auto flows =
      parseGridAxis("pops[*].cache={capacity: 1GiB, policy: lru},{capacity: 2GiB, policy: sieve}");
  CHECK(flows.values == std::vector<std::string>{"{capacity: 1GiB, policy: lru}",
                                                 "{capacity: 2GiB, policy: sieve}"});
  const auto quoted = parseGridAxis("catalogue.cache_control=\"max-age=60, public\",max-age=600");
  CHECK(quoted.values == std::vector<std::string>{"\"max-age=60, public\"", "max-age=600"});
}

TEST_CASE("a bad grid is refused naming the --grid", "[sim][sweep][grid][errors]") {
  using namespace cdnsim::sim;
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"pops[*].cache.policy", "--grid pops[*].cache.policy: expected PATH=VALUE,VALUE,..."},
      {"pops[*].cache.policy=lru,,sieve",
       "--grid pops[*].cache.policy=lru,,sieve: value 2 of the list is empty"},
      {"pops[*].cache.policy=", "--grid pops[*].cache.policy=: value 1 of the list is empty"},
      {"pops[*].cache.policy=lru,lru",
       "--grid pops[*].cache.policy=lru,lru: 'lru' is listed twice"},
      {"popz[*].cache.policy=lru",
       "--grid popz[*].cache.policy=lru: unknown key 'popz'; did you mean 'pops'?"},
      {"pops[*.cache.policy=lru", "--grid pops[*.cache.policy=lru: '[' at position 5 of the path"},
  }));
  CAPTURE(text);
  CHECK_THAT(errorOf(text), Catch::StartsWith(expected));
}

TEST_CASE("two axes of one path, or too many points, are refused", "[sim][sweep][grid][errors]") {
  using namespace cdnsim::sim;
  std::vector<GridAxis> same = {parseGridAxis("requests=1,2"), parseGridAxis("requests=3,4")};
  CHECK_THROWS_WITH(checkGrid(same),
                    Catch::StartsWith("--grid requests=...: 'requests' has two --grid options"));
  std::vector<GridAxis> huge;
  std::string values = "1";
  for (int v = 2; v <= 1000; ++v) values += fmt::format(",{}", v);
  for (const char* path : {"requests", "seed", "catalogue.objects"}) {
    huge.push_back(parseGridAxis(fmt::format("{}={}", path, values)));
  }
  CHECK_THROWS_WITH(checkGrid(huge), Catch::Contains("the grid has more than 1000000 points"));
}

TEST_CASE("points run like nested loops, the last axis fastest", "[sim][sweep][grid]") {
  using namespace cdnsim::sim;
  SweepDefinition d;
  d.scenarioFile = "s.yaml";
  d.axes = {parseGridAxis("pops[*].cache.policy=lru,s3fifo,sieve"),
            parseGridAxis("pops[*].cache.capacity=1GiB,4GiB")};
  REQUIRE(d.pointCount() == 6);
  CHECK(d.settings(0) ==
        std::vector<std::string>{"pops[*].cache.policy=lru", "pops[*].cache.capacity=1GiB"});
  CHECK(d.settings(1) ==
        std::vector<std::string>{"pops[*].cache.policy=lru", "pops[*].cache.capacity=4GiB"});
  CHECK(d.settings(4) ==
        std::vector<std::string>{"pops[*].cache.policy=sieve", "pops[*].cache.capacity=1GiB"});
  const auto overrides = d.overrides(5);
  REQUIRE(overrides.size() == 2);
  CHECK(overrides[1].label() == "--grid pops[*].cache.capacity=4GiB");
  // Every combination once.
  std::set<std::vector<std::string>> seen;
  for (std::size_t p = 0; p < d.pointCount(); ++p) seen.insert(d.settings(p));
  CHECK(seen.size() == 6);
}

TEST_CASE("a definition survives its JSON", "[sim][sweep][grid]") {
  using namespace cdnsim::sim;
  SweepDefinition d;
  d.scenarioFile = "scenarios/quickstart.yaml";
  d.options = {"--requests 2000", "--set requests=5"};
  d.axes = {parseGridAxis("requests=1,2"), parseGridAxis("seed=7,8,9")};
  const auto back = SweepDefinition::fromJson(d.toJson());
  CHECK(back.toJson() == d.toJson());
  CHECK(back.pointCount() == 6);
  auto broken = d.toJson();
  broken["points"] = 5;
  CHECK_THROWS_WITH(SweepDefinition::fromJson(broken), Catch::Contains("point count disagrees"));
  broken.erase("grid");
  CHECK_THROWS_WITH(SweepDefinition::fromJson(broken), Catch::StartsWith("not a sweep definition"));
}

TEST_CASE("a variant is a name and overrides, or the overrides alone", "[sim][sweep][variant]") {
  using namespace cdnsim::sim;
  const auto named =
      parseVariant("big: pops[*].cache.capacity=8GiB, pops[*].cache={capacity: 1GiB, policy: lru}");
  CHECK(named.name == "big");
  REQUIRE(named.overrides.size() == 2);
  CHECK(named.overrides[1].text == "pops[*].cache={capacity: 1GiB, policy: lru}");
  CHECK(named.overrides[0].label() == "--variant big: pops[*].cache.capacity=8GiB");
  CHECK(parseVariant("as-is:").overrides.empty());
  // A ':' after the first '=' is part of a value, not a name.
  const auto unnamed = parseVariant("start=2026-01-01T00:00:00Z");
  CHECK(unnamed.name == "start=2026-01-01T00:00:00Z");
  CHECK(unnamed.overrides.size() == 1);
  CHECK_THROWS_WITH(parseVariant(": requests=5"), Catch::Contains("the name before ':' is empty"));
  CHECK_THROWS_WITH(parseVariant("x: requests=5,,seed=1"),
                    Catch::Contains("an empty override between commas"));
  CHECK_THROWS_WITH(parseVariant("x: popz[0].code=A"),
                    Catch::StartsWith("--variant x: popz[0].code=A: unknown key 'popz'"));
}
