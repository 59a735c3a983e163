// Expected-outputs files: what they may say, how a run is compared with them, and what blessing
// keeps.
#include "sim/report/expected_outputs.h"

#include <catch2/catch.hpp>

#include "sim/report/summary_format.h"
#include "tests/sim/report/consistent_summary.h"

namespace {

nlohmann::ordered_json summaryJson() {
  return nlohmann::ordered_json::parse(formatSummaryJson(cdnsim::sim::testing::consistentSummary()));
}

cdnsim::sim::ExpectedOutputs parse(const std::string& text) {
  std::string error;
  auto parsed = cdnsim::sim::parseExpectedOutputs(text, error);
  INFO(error);
  REQUIRE(parsed.has_value());
  return *parsed;
}

const std::string kDigest(64, 'a');

}  // namespace

TEST_CASE("an expected file that is not one is refused with the reason", "[report][expect]") {
  using namespace cdnsim::sim;
  const auto [text, reason] = GENERATE(table<std::string, std::string>({
      {"", "not JSON"},
      {"[1]", "expected a JSON object"},
      {"{}", "pins nothing"},
      {R"({"format": "cdnsim-expected/1"})", "pins nothing"},
      {R"({"format": "cdnsim-expected/9", "metrics": {"seed": 1}})", "this cdnsim reads \"cdnsim-expected/1\""},
      {R"({"metric": {"seed": 1}})", "unknown key \"metric\" (did you mean \"metrics\"?)"},
      {R"({"summary": 3})", "\"summary\" must be an object"},
      {R"({"metrics": []})", "\"metrics\" must be an object"},
      {R"({"metrics": {"seed": [1]}})", "metrics.seed: expected a value or"},
      {R"({"metrics": {"seed": {"abs": 1}}})", "metrics.seed: expected {\"value\""},
      {R"({"metrics": {"seed": {"value": 1, "tol": 1}}})", "metrics.seed: unknown key \"tol\""},
      {R"({"metrics": {"seed": {"value": 1, "abs": -1}}})", "metrics.seed: \"abs\" must be a number >= 0, got -1"},
      {R"({"metrics": {"seed": {"value": 1, "rel": "5%"}}})", "metrics.seed: \"rel\" must be a number >= 0"},
      {R"({"metrics": {"scenario": {"value": "tiny", "rel": 0.1}}})", "a tolerance needs a number"},
      {R"({"trace_sha256": "abc"})", "\"trace_sha256\" must be 64 lowercase hex digits"},
      {R"({"run_options": "--requests 5", "metrics": {"seed": 7}})", "\"run_options\" must be an array of strings"},
  }));
  INFO(text);
  std::string error;
  CHECK_FALSE(parseExpectedOutputs(text, error).has_value());
  CHECK_THAT(error, Catch::Contains(reason));
}

TEST_CASE("a whole pinned summary differs in exactly the values that moved", "[report][expect]") {
  using namespace cdnsim::sim;
  using nlohmann::ordered_json;
  const ordered_json expected = summaryJson();
  const auto file = parse(ordered_json{{"summary", expected}}.dump());
  ordered_json actual = expected;
  CHECK(compareOutputs(file, {&actual, std::nullopt}).empty());

  actual["edge"]["hits"] = expected["edge"]["hits"].get<int>() + 2;
  actual["pops"][1]["hit_ratio"] = 0.5;
  actual["latency"]["by_layer"].erase("shield");
  actual["viewer"]["extra"] = 1;
  const auto differences = compareOutputs(file, {&actual, std::nullopt});
  std::vector<std::string> metrics;
  for (const auto& d : differences) metrics.push_back(d.metric);
  CHECK(std::count(metrics.begin(), metrics.end(), "edge.hits") == 1);
  CHECK(std::count(metrics.begin(), metrics.end(), "pops[FRA56-C2].hit_ratio") == 1);
  CHECK(std::count(metrics.begin(), metrics.end(), "latency.by_layer.shield.total.p50_ms") == 1);
  CHECK(std::count(metrics.begin(), metrics.end(), "viewer.extra") == 1);
  const auto hits = std::find_if(differences.begin(), differences.end(), [](const Difference& d) { return d.metric == "edge.hits"; });
  CHECK(hits->expected == expected["edge"]["hits"].dump());
  CHECK(hits->change == "+2 (+50%)");  // 4 -> 6
  const auto removed = std::find_if(differences.begin(), differences.end(), [](const Difference& d) {
    return d.metric == "latency.by_layer.shield.total.p50_ms";
  });
  CHECK(removed->actual == "(absent)");
  CHECK(removed->change == "removed");
}

TEST_CASE("chosen metrics pass within their absolute or relative tolerance", "[report][expect]") {
  using namespace cdnsim::sim;
  using nlohmann::ordered_json;
  ordered_json actual = summaryJson();
  const double hitRatio = actual["edge"]["hit_ratio"].get<double>();  // 0.5
  const double p99 = actual["latency"]["total"]["p99_ms"].get<double>();
  const auto file = parse(ordered_json{{"metrics",
                                        {{"edge.hit_ratio", {{"value", hitRatio + 0.01}, {"abs", 0.02}}},
                                         {"latency.total.p99_ms", {{"value", p99 * 1.04}, {"rel", 0.05}}},
                                         {"pops[IAD89-C1].requests", 6},
                                         {"scenario", "tiny"}}}}
                              .dump());
  CHECK(compareOutputs(file, {&actual, std::nullopt}).empty());
  // Moved, though within tolerance: what a bless reports.
  CHECK(compareOutputs(file, {&actual, std::nullopt}, true).size() == 2);

  actual["edge"]["hit_ratio"] = hitRatio + 0.04;  // 0.03 from the expected value, 0.02 allowed
  actual["latency"]["total"]["p99_ms"] = p99 * 1.10;
  actual["pops"][0]["requests"] = 7;
  const auto differences = compareOutputs(file, {&actual, std::nullopt});
  REQUIRE(differences.size() == 3);
  CHECK(differences[0].metric == "edge.hit_ratio");
  CHECK(differences[0].allowed == "±0.02");
  CHECK(differences[1].metric == "latency.total.p99_ms");
  CHECK(differences[1].allowed == "±5%");
  CHECK(differences[2].metric == "pops[IAD89-C1].requests");
  CHECK(differences[2].change == "+1 (+16.7%)");
  CHECK(differences[2].allowed.empty());
  const std::string table = formatDifferences(differences);
  CHECK_THAT(table, Catch::StartsWith("  metric") && Catch::Contains("allowed") && Catch::Contains("±5%"));
}

TEST_CASE("a metric the summary lacks is named, with the path it probably meant", "[report][expect]") {
  using namespace cdnsim::sim;
  const auto file = parse(R"({"metrics": {"edge.hit_ratoi": 1, "pops[XYZ].hits": 1, "edge": 1, "seed": 7}})");
  const auto problems = unknownMetrics(file, summaryJson());
  REQUIRE(problems.size() == 3);
  CHECK_THAT(problems[0], Catch::Contains("\"edge.hit_ratoi\"") && Catch::Contains("did you mean \"edge.hit_ratio\"?"));
  CHECK_THAT(problems[1], Catch::Contains("\"pops[XYZ].hits\""));
  CHECK_THAT(problems[2], Catch::Contains("\"edge\" is not a value"));  // an object, not a value
}

TEST_CASE("the trace's digest is compared as a whole", "[report][expect]") {
  using namespace cdnsim::sim;
  using nlohmann::ordered_json;
  const ordered_json actual = summaryJson();
  const auto file = parse(ordered_json{{"trace_sha256", kDigest}}.dump());
  CHECK(compareOutputs(file, {&actual, kDigest}).empty());
  const auto differences = compareOutputs(file, {&actual, std::string(64, 'b')});
  REQUIRE(differences.size() == 1);
  CHECK(differences[0].metric == "trace.jsonl sha256");
  CHECK(differences[0].expected == std::string(16, 'a') + "...");  // short enough for a table
  CHECK(differences[0].actual == std::string(16, 'b') + "...");
  CHECK(differences[0].change == "changed");
}

TEST_CASE("blessing a new file pins the whole summary and the trace", "[report][expect]") {
  using namespace cdnsim::sim;
  using nlohmann::ordered_json;
  const ordered_json actual = summaryJson();
  const auto text = blessedExpectedOutputs(nullptr, {&actual, kDigest});
  const auto file = parse(text);
  CHECK(file.summary == actual);
  CHECK(file.traceSha256 == kDigest);
  CHECK(file.document["format"] == "cdnsim-expected/1");
  CHECK(compareOutputs(file, {&actual, kDigest}).empty());
  // Without a trace, the summary alone.
  CHECK_FALSE(parse(blessedExpectedOutputs(nullptr, {&actual, std::nullopt})).traceSha256.has_value());
}

TEST_CASE("blessing an existing file updates its values and keeps its choices", "[report][expect]") {
  using namespace cdnsim::sim;
  using nlohmann::ordered_json;
  ordered_json actual = summaryJson();
  const auto old = parse(R"({
    "comment": "kept",
    "run_options": ["--requests", "10"],
    "metrics": {"edge.hit_ratio": {"value": 0.25, "abs": 0.01, "rel": 0.5}, "edge.hits": 3}
  })");
  const auto blessed = parse(blessedExpectedOutputs(&old, {&actual, kDigest}));
  CHECK(blessed.document["comment"] == "kept");
  CHECK(blessed.document["run_options"] == ordered_json::array({"--requests", "10"}));
  CHECK_FALSE(blessed.summary.has_value());      // it pinned no summary: still none
  CHECK_FALSE(blessed.traceSha256.has_value());  // nor the trace
  REQUIRE(blessed.metrics.size() == 2);
  CHECK(blessed.metrics[0].value == actual["edge"]["hit_ratio"]);
  CHECK(blessed.metrics[0].absolute == 0.01);
  CHECK(blessed.metrics[0].relative == 0.5);
  CHECK(blessed.document["metrics"]["edge.hits"] == actual["edge"]["hits"]);  // a bare value stays bare
  CHECK(compareOutputs(blessed, {&actual, kDigest}, true).empty());
}
