#pragma once
// The data report.html's script draws from (sim/report/html_report_assets.h reads it from
// <script id="cdnsim-data">): time series of the tiers and the latency distribution by layer.

#include <nlohmann/json.hpp>

#include "sim/report/report_time_series.h"
#include "sim/report/run_summary.h"

namespace cdnsim::sim::report_data {

// {"interval_s", "start_s": [...], "series": {"edge": {"requests": [...], "hits", "errors",
// "bytes"}, ...}} for the tier series; long series are summed into at most 1500 points.
nlohmann::ordered_json seriesJson(const ReportTimeSeries& full);

// The viewers' total time in bins by the layer that answered: {"bins": ["1.25", ...], "layers":
// {"edge": [counts], ...}}, from the histograms' buckets (each counted at its representative value).
nlohmann::ordered_json latencyJson(const RunSummary& s);

}  // namespace cdnsim::sim::report_data
