#pragma once
// The fixed parts of report.html: its style sheet, the error catcher that runs before anything
// else, and the script that draws the charts from the embedded data (sim/report/html_report.h).

#include <string_view>

namespace cdnsim::sim::report_assets {

extern const std::string_view kStyle;
// Records the first script error in #cdnsim-status before Chart.js or the page script runs.
extern const std::string_view kErrorCatcher;
// Reads <script id="cdnsim-data" type="application/json"> and draws every <canvas> of the page.
extern const std::string_view kPageScript;

}  // namespace cdnsim::sim::report_assets
