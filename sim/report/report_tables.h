#pragma once
// The HTML tables of report.html, built from summary.json objects: tiers, latency, POPs, the
// side-by-side comparison, and the one-line heading of a run.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/report/html_report.h"

namespace cdnsim::sim::report_tables {

std::string tierTable(const nlohmann::ordered_json& summary);
std::string popTable(const nlohmann::ordered_json& summary);
std::string latencyTable(const nlohmann::ordered_json& summary);
// The metrics side by side, each with its change against the first run.
std::string comparisonTable(const std::vector<NamedSummary>& runs);
// "scenario S on topology T, seed N: R viewer requests over D s of virtual time from START".
std::string runHeading(const nlohmann::ordered_json& summary);

}  // namespace cdnsim::sim::report_tables
