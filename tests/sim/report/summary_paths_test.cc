// Paths into summary.json: every leaf is named, and each name finds its value again.
#include "sim/report/summary_paths.h"

#include <catch2/catch.hpp>

#include "sim/report/summary_format.h"
#include "tests/sim/report/consistent_summary.h"

namespace {
const nlohmann::ordered_json& summary() {
  static const nlohmann::ordered_json s =
      nlohmann::ordered_json::parse(cdnsim::sim::formatSummaryJson(cdnsim::sim::testing::consistentSummary()));
  return s;
}
}  // namespace

TEST_CASE("every leaf of summary.json has a path that finds it again", "[report][paths]") {
  using cdnsim::sim::findSummaryValue;
  using cdnsim::sim::flattenSummary;
  using nlohmann::ordered_json;
  const auto leaves = flattenSummary(summary());
  REQUIRE(leaves.size() > 100);
  for (const auto& [path, value] : leaves) {
    INFO(path);
    const ordered_json* found = findSummaryValue(summary(), path);
    REQUIRE(found != nullptr);
    CHECK(*found == value);
  }
}

TEST_CASE("paths follow summary.json keys, with POPs by code or by position", "[report][paths]") {
  using cdnsim::sim::findSummaryValue;
  using cdnsim::sim::flattenSummary;
  const auto& s = summary();
  CHECK(*findSummaryValue(s, "edge.hit_ratio") == s["edge"]["hit_ratio"]);
  CHECK(*findSummaryValue(s, "latency.by_layer.shield.total.p50_ms") == s["latency"]["by_layer"]["shield"]["total"]["p50_ms"]);
  CHECK(*findSummaryValue(s, "pops[FRA56-C2].misses") == s["pops"][1]["misses"]);
  CHECK(*findSummaryValue(s, "pops[1].misses") == s["pops"][1]["misses"]);
  CHECK(*findSummaryValue(s, "pops[IAD89-C1].latency.total.count") == s["pops"][0]["latency"]["total"]["count"]);
  const auto leaves = flattenSummary(s);
  CHECK(std::find_if(leaves.begin(), leaves.end(), [](const auto& l) { return l.first == "pops[IAD89-C1].code"; }) !=
        leaves.end());
}

TEST_CASE("a path naming nothing finds nothing", "[report][paths]") {
  using cdnsim::sim::findSummaryValue;
  const char* path = GENERATE("", "edge.hit_ratoi", "edge.", ".edge", "edge..hits", "pops[XYZ1-C1].hits", "pops[2].hits",
                              "pops[0", "edge[0]", "pops.hits", "seed.more");
  INFO(path);
  CHECK(findSummaryValue(summary(), path) == nullptr);
}
