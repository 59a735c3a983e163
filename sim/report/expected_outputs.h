#pragma once
// Expected outputs of a run, pinned in a JSON file and checked by `cdnsim run --expect FILE`
// (written or updated by `--expect FILE --bless`). One file may pin any of three things:
//
//   {
//     "format": "cdnsim-expected/1",
//     "run_options": ["--requests", "20000"],        // optional: what tests pass to `cdnsim run`
//     "summary": { ...summary.json... },              // the whole summary, every value exactly
//     "metrics": {                                    // chosen values, by summary path
//       "edge.hit_ratio":       {"value": 0.4629, "abs": 0.005},   // |actual - value| <= 0.005
//       "latency.total.p99_ms": {"value": 88.2, "rel": 0.05},      // within 5% of value
//       "viewer.requests":      {"value": 20000}                   // exactly
//     },
//     "trace_sha256": "3f2a..."                       // SHA-256 of trace.jsonl (decompressed)
//   }
//
// Metric paths are summary.json's keys joined by '.', with POPs as pops[CODE]
// (sim/report/summary_paths.h). With both "abs" and "rel" a value passes when it is within
// either. "format" is optional; "run_options" (read by tests/scenarios/expected_test.cc, not by
// `cdnsim run`) and "comment" are kept when blessing; any other key is refused, so a misspelt
// section never goes unchecked.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdnsim::sim {

inline constexpr std::string_view kExpectedFormat = "cdnsim-expected/1";

struct MetricExpectation {
  std::string path;                  // "edge.hit_ratio"
  nlohmann::ordered_json value;      // a number, or a string/boolean compared exactly
  std::optional<double> absolute;    // "abs": allowed |actual - value|
  std::optional<double> relative;    // "rel": allowed |actual - value| / |value|
};

struct ExpectedOutputs {
  nlohmann::ordered_json document;                // the file as read (kept keys, their order)
  std::optional<nlohmann::ordered_json> summary;  // "summary"
  std::vector<MetricExpectation> metrics;         // "metrics", in file order
  std::optional<std::string> traceSha256;         // "trace_sha256"
};

// Reads an expected file's text. nullopt with `error` ("metrics.edge.hit_ratio: \"abs\" must be a
// number >= 0") when it is not one; at least one of summary, metrics and trace_sha256 is required.
std::optional<ExpectedOutputs> parseExpectedOutputs(std::string_view text, std::string& error);

// What a run produced.
struct ActualOutputs {
  const nlohmann::ordered_json* summary = nullptr;  // the summary.json object
  std::optional<std::string> traceSha256;           // when the run wrote a trace
};

// One value that differs. Texts are ready to print.
struct Difference {
  std::string metric;    // "edge.hit_ratio", "trace.jsonl sha256"
  std::string expected;  // "0.4629", "(absent)"
  std::string actual;
  std::string change;    // "+0.0082 (+1.77%)", "changed"
  std::string allowed;   // "±0.005", "±5%", "" for exact
};

// Metric paths of `expected` that `summary` does not have, each with a did-you-mean when one is
// close: bad input, not a difference.
std::vector<std::string> unknownMetrics(const ExpectedOutputs& expected,
                                        const nlohmann::ordered_json& summary);

// The values that differ beyond their tolerance (tolerances ignored with `ignoreTolerances`: what
// moved at all), in order: the trace, the metrics, then the summary's leaves in document order
// (so a long table cut short still shows the first two). Precondition: unknownMetrics() is empty, and actual.traceSha256 is set when the file pins one.
std::vector<Difference> compareOutputs(const ExpectedOutputs& expected, const ActualOutputs& actual,
                                       bool ignoreTolerances = false);

// A table: metric, expected, actual, change (and allowed, when some difference has a tolerance).
// At most maxRows rows, then "... and N more".
std::string formatDifferences(const std::vector<Difference>& differences, std::size_t maxRows = 60);

// The file's new text after a bless: every section `existing` pins (or, for a new file, the whole
// summary and the trace's digest when there is one) takes the actual values; tolerances,
// run_options and unknown keys stay. Precondition: as for compareOutputs.
std::string blessedExpectedOutputs(const ExpectedOutputs* existing, const ActualOutputs& actual);

}  // namespace cdnsim::sim
