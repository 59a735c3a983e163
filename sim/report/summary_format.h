#pragma once
// The run summary for people (a fixed-width table) and for machines (summary.json).
// Both are pure functions of RunSummary, so the same run prints the same bytes everywhere.

#include <string>

#include "sim/report/run_summary.h"

namespace cdnsim::sim {

std::string formatSummaryTable(const RunSummary& summary);
// Pretty-printed JSON with a stable key order, ending in a newline.
std::string formatSummaryJson(const RunSummary& summary);

}  // namespace cdnsim::sim
