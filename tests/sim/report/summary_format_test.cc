// The summary table and summary.json for the tier chain: keys and rows present exactly when
// their tier or layer exists, latency with p99.9 for total time and time to first byte.
#include "sim/report/summary_format.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/sim/report/consistent_summary.h"

namespace {
std::vector<std::string> keys(const nlohmann::ordered_json& j) {
  std::vector<std::string> out;
  for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

// The same run without a shield tier: nothing reached or was answered by a shield.
cdnsim::sim::RunSummary withoutShield() {
  cdnsim::sim::RunSummary s = cdnsim::sim::testing::consistentSummary();
  s.shieldNodes = 0;
  s.shield = {};
  s.regional.sentUpstream = 4;  // what went to the shield now goes to the origin
  s.regional.sentToOrigin = 4;
  s.originRequests = 5;
  cdnsim::sim::testing::layer(s, cdnsim::sim::AnsweringLayer::Origin).merge(cdnsim::sim::testing::layer(s, cdnsim::sim::AnsweringLayer::OriginShield));
  cdnsim::sim::testing::layer(s, cdnsim::sim::AnsweringLayer::OriginShield) = cdnsim::sim::LatencyPair{};
  return s;
}

bool hasLine(const std::string& text, const std::string& start) {
  return text.starts_with(start) || text.find("\n" + start) != std::string::npos;
}
}  // namespace

TEST_CASE("summary.json keeps today's keys and adds the shield tier only when there is one", "[sim][report]") {
  using cdnsim::sim::formatSummaryJson;
  using cdnsim::sim::RunSummary;
  using cdnsim::sim::testing::consistentSummary;
  using nlohmann::ordered_json;
  const auto withShield = ordered_json::parse(formatSummaryJson(consistentSummary()));
  CHECK(keys(withShield) == std::vector<std::string>{"scenario", "topology", "seed", "start", "duration_s",
                                                     "viewer", "edge", "regional", "shield", "origin",
                                                     "latency", "pops"});
  const RunSummary plain = withoutShield();
  REQUIRE(plain.accountingViolations().empty());
  const auto noShield = ordered_json::parse(formatSummaryJson(plain));
  CHECK_FALSE(noShield.contains("shield"));
  CHECK(keys(noShield) == std::vector<std::string>{"scenario", "topology", "seed", "start", "duration_s",
                                                   "viewer", "edge", "regional", "origin", "latency", "pops"});
  CHECK(keys(noShield["latency"]["by_layer"]) == std::vector<std::string>{"edge", "regional", "origin"});
}

TEST_CASE("summary.json tiers carry collapsing, stale, refresh and upstream counters", "[sim][report]") {
  using cdnsim::sim::formatSummaryJson;
  using cdnsim::sim::testing::consistentSummary;
  using nlohmann::ordered_json;
  const auto j = ordered_json::parse(formatSummaryJson(consistentSummary()));
  const std::vector<std::string> tierKeys = {
      "requests", "hits",      "refresh_hits",   "misses",    "errors",               "collapsed",
      "stale_served", "hit_ratio", "bytes", "hit_bytes", "byte_hit_ratio", "evictions",
      "background_refreshes", "sent_upstream", "sent_to_origin"};
  for (const char* tier : {"edge", "regional", "shield"}) {
    INFO(tier);
    CHECK(keys(j[tier]) == tierKeys);
  }
  CHECK(j["edge"]["collapsed"] == 1);
  CHECK(j["edge"]["stale_served"] == 1);
  CHECK(j["edge"]["background_refreshes"] == 1);
  CHECK(j["edge"]["sent_upstream"] == 7);
  CHECK(j["regional"]["sent_to_origin"] == 2);
  CHECK(j["shield"]["requests"] == 2);
  CHECK(j["edge"]["hit_ratio"] == 0.5);
  CHECK(j["origin"]["offload"] == 0.6);
}

TEST_CASE("summary.json latency: total and first byte, by layer, and per POP", "[sim][report]") {
  using cdnsim::sim::formatSummaryJson;
  using cdnsim::sim::testing::consistentSummary;
  using nlohmann::ordered_json;
  const auto j = ordered_json::parse(formatSummaryJson(consistentSummary()));
  const auto& latency = j["latency"];
  CHECK(keys(latency) == std::vector<std::string>{"total", "first_byte", "by_layer"});
  const std::vector<std::string> statKeys = {"count", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "mean_ms"};
  CHECK(keys(latency["total"]) == statKeys);
  CHECK(keys(latency["first_byte"]) == statKeys);
  CHECK(latency["total"]["count"] == 10);
  CHECK(latency["total"]["max_ms"] == 120.0);
  CHECK(latency["total"]["p999_ms"] == 120.0);  // nearest rank 10 of 10
  CHECK(latency["first_byte"]["max_ms"] == 60.0);
  CHECK(keys(latency["by_layer"]) == std::vector<std::string>{"edge", "regional", "shield", "origin"});
  CHECK(keys(latency["by_layer"]["shield"]) == std::vector<std::string>{"total", "first_byte"});
  CHECK(latency["by_layer"]["edge"]["total"]["count"] == 5);
  CHECK(latency["by_layer"]["shield"]["total"]["max_ms"] == 45.0);
  CHECK(latency["by_layer"]["origin"]["first_byte"]["p50_ms"] == 45.0);

  REQUIRE(j["pops"].size() == 2);
  CHECK(j["pops"][0]["code"] == "IAD89-C1");
  CHECK(keys(j["pops"][0]["latency"]) == std::vector<std::string>{"total", "first_byte"});
  CHECK(j["pops"][0]["latency"]["total"]["count"] == 6);
  CHECK(j["pops"][1]["latency"]["total"]["max_ms"] == 120.0);
}

TEST_CASE("summary.json of an empty run has counts and no made-up percentiles", "[sim][report]") {
  using cdnsim::sim::formatSummaryJson;
  using cdnsim::sim::RunSummary;
  using nlohmann::ordered_json;
  const auto j = ordered_json::parse(formatSummaryJson(RunSummary{}));
  CHECK(j["latency"]["total"] == ordered_json{{"count", 0}});
  CHECK(j["latency"]["first_byte"] == ordered_json{{"count", 0}});
  CHECK(j["latency"]["by_layer"] == ordered_json::object());
  CHECK_FALSE(j.contains("shield"));
}

TEST_CASE("the table shows the origin shield row only with a shield tier", "[sim][report]") {
  using cdnsim::sim::formatSummaryTable;
  using cdnsim::sim::testing::consistentSummary;
  const std::string withShield = formatSummaryTable(consistentSummary());
  const std::string noShield = formatSummaryTable(withoutShield());
  CHECK(hasLine(withShield, "origin shield (1 RECs)"));
  CHECK_FALSE(hasLine(noShield, "origin shield"));
  for (const auto* table : {&withShield, &noShield}) {
    CHECK(hasLine(*table, "edge (2 POPs)"));
    CHECK(hasLine(*table, "regional edge caches (3)"));
    CHECK(hasLine(*table, "origin "));
    CHECK(table->find("collapsed") != std::string::npos);
  }
}

TEST_CASE("the table's latency block has p99.9, a row per answering layer, and per-POP percentiles",
          "[sim][report]") {
  using cdnsim::sim::formatSummaryTable;
  using cdnsim::sim::testing::consistentSummary;
  using cdnsim::sim::testing::layer;
  const std::string table = formatSummaryTable(consistentSummary());
  INFO(table);
  CHECK(table.find("p99.9") != std::string::npos);
  CHECK(hasLine(table, "total time, ms"));
  CHECK(hasLine(table, "time to first byte, ms"));
  // "all" then each layer, in both latency tables; max total 120 ms, max first byte 60 ms.
  CHECK(table.find("120.000") != std::string::npos);
  CHECK(table.find("60.000") != std::string::npos);
  for (const char* row : {"all ", "edge ", "regional ", "shield ", "origin "}) CHECK(hasLine(table, row));
  CHECK(hasLine(table, "IAD89-C1"));
  CHECK(hasLine(table, "FRA56-C2"));

  // A layer that answered nobody has no row.
  const std::string noShield = formatSummaryTable(withoutShield());
  CHECK_FALSE(hasLine(noShield, "shield "));
  CHECK(hasLine(noShield, "regional "));
}

TEST_CASE("the table of an empty run has no latency block and does not fail", "[sim][report]") {
  using cdnsim::sim::formatSummaryTable;
  using cdnsim::sim::RunSummary;
  const std::string table = formatSummaryTable(RunSummary{});
  CHECK(table.find("p99.9") == std::string::npos);
  CHECK(hasLine(table, "per POP"));
}
