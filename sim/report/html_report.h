#pragma once
// report.html: one self-contained page per run (`run --out`) or per comparison (compare, sweep),
// that opens offline. Charts are drawn by Chart.js, read from the system when the page is written
// (Debian's libjs-chart.js; never vendored) and inlined with the run's data, so the page loads
// nothing from the network.
//
// A run's page: hit ratio over time per tier, the latency distribution by answering layer, errors
// over time, origin offload over time, hit ratios per POP, then the tier and per-POP tables.
// A comparison's page: the metrics side by side (each with its change against the first run),
// charts of them, and, when time series are given, each run's edge hit ratio, origin offload and
// errors over time.
//
// Without Chart.js the page is still written, tables and all, with a notice where the charts
// would be; ChartLibrary::problem says why, for the caller to print as a warning.
//
// The page sets, once its script has run, <div id="cdnsim-status" data-state="ok"
// data-charts="N" data-rects='[{"id":..,"x":..,"y":..,"w":..,"h":..}]'>: "ok" when every chart
// rendered without an exception (else "error: message" or "no-chart-library"), and where each
// chart's canvas is in page pixels, so a headless browser can check the page.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/atomic_file.h"
#include "sim/metrics/time_series.h"
#include "sim/report/chart_library.h"
#include "sim/report/html_text.h"
#include "sim/report/report_time_series.h"
#include "sim/report/run_summary.h"

namespace cdnsim::sim {

// One run of a comparison.
struct NamedSummary {
  std::string name;                            // column heading: "lru", "out/a"
  std::string description;                     // where it came from (may be empty)
  nlohmann::ordered_json summary;              // its summary.json object
  std::optional<ReportTimeSeries> timeSeries;  // its time series, when known
};

std::string renderRunReport(const RunSummary& summary, const TimeSeries& series, const ChartLibrary& charts);
// Throws std::invalid_argument when `runs` is empty.
std::string renderComparisonReport(std::string_view title, const std::vector<NamedSummary>& runs,
                                   const ChartLibrary& charts);

// The page for several runs, written through io::AtomicFile (complete or absent). For compare and
// sweep: `title` heads the page ("compare 3 topologies: quickstart, small-edges, ..."); the first
// run is the baseline.
io::IoStatus writeComparisonReport(const std::filesystem::path& path, std::string_view title,
                                   const std::vector<NamedSummary>& runs, const ChartLibrary& charts);

}  // namespace cdnsim::sim
