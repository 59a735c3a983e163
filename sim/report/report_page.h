#pragma once
// The page template of report.html: head, style, status element, chart placeholders, Chart.js and
// the data inlined, then the page script (sim/report/html_report_assets.h).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sim/report/chart_library.h"

namespace cdnsim::sim::report_page {

// One chart's place on the page: the page script draws into the canvas with this id.
struct Figure {
  const char* id;
  const char* caption;
};

// The charts' section (a notice instead when Chart.js is missing).
std::string figures(const std::vector<Figure>& list, const ChartLibrary& charts);

// The whole self-contained page around `body`, with `data` for the page script.
std::string page(std::string_view title, std::string_view body, const nlohmann::ordered_json& data,
                 const ChartLibrary& charts);

}  // namespace cdnsim::sim::report_page
