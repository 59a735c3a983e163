#pragma once
// report.html for `compare` and `sweep`: the runs side by side (sim/report/html_report.h), with
// Chart.js from the system; without it the page keeps its tables and a warning goes to stderr.

#include <filesystem>
#include <string_view>

#include <string>
#include <vector>

#include "io/atomic_file.h"
#include "sim/sweep/comparison.h"
#include "sim/sweep/sweep_results.h"

namespace cdnsim::tools {

// A comparison's page; a run directory's timeseries.csv, when there is one, adds its charts over
// time (`runDirectories` empty for comparisons of fresh runs).
io::IoStatus writeComparisonPage(std::string_view command, const std::filesystem::path& path,
                                 const sim::Comparison& comparison,
                                 const std::vector<std::string>& runDirectories);

// A whole sweep's page: one run per point, named by its settings.
io::IoStatus writeSweepPage(const std::filesystem::path& path, const sim::SweepResults& results);

}  // namespace cdnsim::tools
