#pragma once
// Chart.js for report.html: read from the system when a page is written (Debian's libjs-chart.js;
// never vendored) and inlined, so the page loads nothing from the network.

#include <string>

namespace cdnsim::sim {

// Chart.js's script, read when a page is written.
struct ChartLibrary {
  std::string script;   // empty when unavailable
  std::string path;     // the file it was read from
  std::string problem;  // why it is unavailable (a one-line warning), empty when available
  bool available() const { return !script.empty(); }
};

// Debian's packaged Chart.js (/usr/share/javascript/chart.js/chart.min.js from libjs-chart.js), or
// the file named by the environment variable CDNSIM_CHART_JS when it is set.
ChartLibrary loadChartLibrary();

}  // namespace cdnsim::sim
