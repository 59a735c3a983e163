#pragma once
// compare's result: runs side by side, one column each, with every metric's change against the
// first column. Formats for people (a table), for programs (JSON) and for spreadsheets (CSV);
// all pure functions of the Comparison, so the same runs print the same bytes.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace cdnsim::sim {

struct ComparisonColumn {
  std::string name;  // column heading: "lru", "small-edges", "out/a"
  std::string
      description;  // where it came from: "topologies/x.yaml, --set pops[*].cache.policy=lru"
};

struct Comparison {
  std::string title;                              // first line of the table: what was compared
  std::vector<ComparisonColumn> columns;          // the first is the baseline
  std::vector<nlohmann::ordered_json> summaries;  // summary.json objects, one per column
};

// metric | first column | each other column as "value (change)". Rows every column lacks (the
// shield's, when no run has a shield tier) are left out. Throws std::invalid_argument when a
// summary is not a summary.json object.
std::string formatComparisonTable(const Comparison& comparison);
// {"title", "baseline", "columns": [{name, description}], "metrics": [{key, label, values,
// differences}]}: differences are value - baseline (null where either is missing).
std::string formatComparisonJson(const Comparison& comparison);
// metric,<column>,<column>...: one row per metric, values only.
std::string formatComparisonCsv(const Comparison& comparison);

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csvField(const std::string& text);

}  // namespace cdnsim::sim
