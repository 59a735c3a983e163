#pragma once
// Names for the values of a summary.json object, so that people can point at one:
//   edge.hit_ratio, origin.offload, latency.total.p99_ms, latency.by_layer.edge.total.p50_ms,
//   pops[IAD89-C1].hit_ratio (a POP by its code), pops[0].hit_ratio (or by its position).
// Keys follow summary.json exactly (sim/report/summary_format.cc); `run --expect` pins values by
// these names and report.html reads them.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdnsim::sim {

// Every leaf (number, string, boolean, null) in document order with its path. Array elements
// holding a "code" are named by it (pops[IAD89-C1]), others by their index; an empty object or
// array is a leaf of its own.
std::vector<std::pair<std::string, nlohmann::ordered_json>> flattenSummary(
    const nlohmann::ordered_json& summary);

// The value at `path`, or nullptr when there is none (a misspelt key, a tier the run lacks).
// `name[X]` picks the element of array `name` whose "code" is X, else the X-th (from 0).
const nlohmann::ordered_json* findSummaryValue(const nlohmann::ordered_json& summary,
                                               std::string_view path);

}  // namespace cdnsim::sim
