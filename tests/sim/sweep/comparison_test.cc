// compare's table, JSON and CSV: values from each summary, changes against the first column, rows
// no run has left out.

#include "sim/sweep/comparison.h"

#include <catch2/catch.hpp>
#include <string>

#include "sim/report/summary_format.h"
#include "sim/sweep/summary_metrics.h"
#include "tests/sim/report/consistent_summary.h"

namespace {

nlohmann::ordered_json json(const cdnsim::sim::RunSummary& s) {
  return nlohmann::ordered_json::parse(cdnsim::sim::formatSummaryJson(s));
}

// The baseline, and a run with one more origin request and a higher edge hit ratio.
cdnsim::sim::Comparison twoRuns(bool shield) {
  cdnsim::sim::RunSummary a = cdnsim::sim::testing::consistentSummary();
  cdnsim::sim::RunSummary b = cdnsim::sim::testing::consistentSummary();
  b.originRequests = 5;
  b.edge.hits = 5;
  b.edge.misses = 4;
  if (!shield) a.shieldNodes = b.shieldNodes = 0;
  return cdnsim::sim::Comparison{
      "compare test", {{"base", "the first"}, {"more, origin", "the second"}}, {json(a), json(b)}};
}

// The table's line for a metric, with runs of spaces made one (the widths follow the contents).
std::string row(const std::string& table, const std::string& label) {
  const auto at = table.find("\n" + label + " ");
  if (at == std::string::npos) return "";
  std::string line;
  for (char c : table.substr(at + 1, table.find('\n', at + 1) - at - 1)) {
    if (c != ' ' || line.empty() || line.back() != ' ') line += c;
  }
  return line;
}

}  // namespace

TEST_CASE("metrics are read from summary.json as its writer put them", "[sim][sweep][compare]") {
  using namespace cdnsim::sim;
  using cdnsim::sim::testing::consistentSummary;
  const RunSummary s = consistentSummary();
  const auto values = readSummaryMetrics(json(s));
  const auto& metrics = summaryMetrics();
  REQUIRE(values.size() == metrics.size());
  auto value = [&](const std::string& key) {
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      if (metrics[m].key == key) return values[m];
    }
    FAIL("no metric " << key);
    return std::optional<double>();
  };
  CHECK(*value("viewer.hit_ratio") ==
        Approx(static_cast<double>(s.viewerHits + s.viewerRefreshHits) / s.viewerRequests));
  CHECK(*value("edge.hit_ratio") == Approx(s.edge.hitRatio()));
  CHECK(*value("shield.byte_hit_ratio") == Approx(s.shield.byteHitRatio()));
  CHECK(*value("origin.requests") == s.originRequests);
  CHECK(*value("origin.offload") == Approx(s.originOffload()));
  CHECK(value("viewer.errors") == 0.0);
  RunSummary noShield = s;
  noShield.shieldNodes = 0;
  CHECK_FALSE(readSummaryMetrics(json(noShield))[5].has_value());
  CHECK_THROWS_WITH(readSummaryMetrics(nlohmann::ordered_json::object()),
                    "no 'viewer' in the summary");
}

TEST_CASE("changes: differences for ratios, percentages otherwise, = when equal",
          "[sim][sweep][compare]") {
  using namespace cdnsim::sim;
  CHECK(formatChange(MetricKind::Ratio, 0.5, 0.5123) == "+0.0123");
  CHECK(formatChange(MetricKind::Ratio, 0.5, 0.4) == "-0.1000");
  CHECK(formatChange(MetricKind::Count, 200, 150) == "-25.0%");
  CHECK(formatChange(MetricKind::Count, 0, 3) == "+3");
  CHECK(formatChange(MetricKind::Milliseconds, 0, 1.5) == "+1.500");
  CHECK(formatChange(MetricKind::Bytes, 7, 7) == "=");
  CHECK(formatChange(MetricKind::Ratio, std::nullopt, 0.5).empty());
  CHECK(formatMetric(MetricKind::Ratio, std::nullopt) == "-");
}

TEST_CASE("the table shows each column's value and its change against the first",
          "[sim][sweep][compare]") {
  using namespace cdnsim::sim;
  const std::string table = formatComparisonTable(twoRuns(true));
  CHECK_THAT(table, Catch::StartsWith(
                        "compare test\n  base          the first\n  more, origin  the second\n"));
  const std::string origin = row(table, "origin requests");
  CHECK_THAT(origin, Catch::EndsWith(" 4 5 (+25.0%)"));
  CHECK_THAT(row(table, "edge hit ratio"), Catch::EndsWith("0.5000 0.6000 (+0.1000)"));
  CHECK_THAT(row(table, "errors"), Catch::EndsWith("0 0 (=)"));
  CHECK_FALSE(row(table, "shield hit ratio").empty());
  CHECK(row(formatComparisonTable(twoRuns(false)), "shield hit ratio").empty());
}

TEST_CASE("JSON and CSV hold the values, JSON the differences too", "[sim][sweep][compare]") {
  using namespace cdnsim::sim;
  const auto j = nlohmann::ordered_json::parse(formatComparisonJson(twoRuns(false)));
  CHECK(j["baseline"] == "base");
  CHECK(j["columns"][1]["name"] == "more, origin");
  bool found = false;
  for (const auto& m : j["metrics"]) {
    CHECK(m["key"] != "shield.hit_ratio");
    if (m["key"] == "origin.requests") {
      found = true;
      CHECK(m["values"] == nlohmann::ordered_json::array({4, 5}));
      CHECK(m["differences"] == nlohmann::ordered_json::array({0, 1}));
    }
  }
  CHECK(found);
  const std::string csv = formatComparisonCsv(twoRuns(false));
  CHECK_THAT(csv, Catch::StartsWith("metric,base,\"more, origin\"\n"));
  CHECK_THAT(csv, Catch::Contains("\norigin.requests,4,5\n"));
  CHECK_THAT(csv, Catch::Contains("\nedge.hit_ratio,0.5,0.6\n"));
  CHECK(csv.find("shield") == std::string::npos);
}
