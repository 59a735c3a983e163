#pragma once
// The metrics compare and sweep put side by side, read from a run's summary JSON (the object
// sim/report/summary_format.h writes as summary.json): a fresh run, a run directory or a sweep
// shard all go through this one reading, so they print the same numbers.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cdnsim::sim {

enum class MetricKind {
  Ratio,         // 0..1; a change is the difference (+0.0123)
  Count,         // a change is relative (+12.3%), or the difference when the first is 0
  Bytes,         // likewise
  Milliseconds,  // likewise
};

struct MetricDefinition {
  std::string key;         // JSON and CSV name: "edge.byte_hit_ratio"
  std::string label;       // table name: "edge byte hit ratio"
  std::string shortLabel;  // column heading of a sweep's table: "edge bhit"
  MetricKind kind;
};

// In table order: viewer hit ratio; hit and byte-hit ratios of the edge, regional and shield tiers;
// origin offload (requests, bytes); origin requests and bytes; total latency p50 and p99; errors
// viewers saw.
const std::vector<MetricDefinition>& summaryMetrics();

// One value per summaryMetrics() entry; nullopt where the summary has none (the shield's, in a run
// without a shield tier; a percentile of no requests). Throws std::invalid_argument naming the
// first missing field when `summary` is not a summary.json object.
std::vector<std::optional<double>> readSummaryMetrics(const nlohmann::ordered_json& summary);

// The value as tables show it: ratios with 4 decimals, counts and bytes whole, milliseconds with
// 3 decimals; "-" for none.
std::string formatMetric(MetricKind kind, std::optional<double> value);
// The value in JSON: whole numbers for counts and bytes, null for none.
nlohmann::ordered_json metricJson(MetricKind kind, std::optional<double> value);
// The change from `base` to `value`: "+0.0123" for ratios, "+12.3%" for the others (the
// difference when base is 0), "=" when equal, "" when either is missing.
std::string formatChange(MetricKind kind, std::optional<double> base, std::optional<double> value);

}  // namespace cdnsim::sim
