#include "sim/report/report_page.h"

#include <fmt/format.h>

#include "sim/report/html_report_assets.h"
#include "sim/report/html_text.h"

namespace cdnsim::sim::report_page {

std::string figures(const std::vector<Figure>& list, const ChartLibrary& charts) {
  std::string out;
  if (!charts.available()) {
    out += fmt::format("<div class=\"notice\">Charts are missing: {}. The tables below hold the numbers.</div>\n",
                       htmlEscape(charts.problem));
  }
  out += "<section class=\"charts\">\n";
  for (const auto& f : list) {
    out += fmt::format("<figure class=\"chart\"><figcaption>{}</figcaption><canvas id=\"{}\" width=\"560\" "
                       "height=\"300\"></canvas></figure>\n",
                       htmlEscape(f.caption), f.id);
  }
  return out + "</section>\n";
}

std::string page(std::string_view title, std::string_view body, const nlohmann::ordered_json& data, const ChartLibrary& charts) {
  std::string out;
  out.reserve(charts.script.size() + body.size() + 4096);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += fmt::format("<title>{}</title>\n", htmlEscape(title));
  out += "<style>";
  out += report_assets::kStyle;
  out += "</style>\n</head>\n<body>\n";
  out += "<div id=\"cdnsim-status\" hidden data-state=\"pending\" data-charts=\"0\" data-rects=\"[]\"></div>\n";
  out += "<script>";
  out += report_assets::kErrorCatcher;
  out += "</script>\n";
  out += body;
  if (charts.available()) {
    out += fmt::format("<!-- Chart.js, inlined from {} -->\n<script>\n", htmlEscape(charts.path));
    out += charts.script;
    out += "\n</script>\n";
  }
  out += "<script type=\"application/json\" id=\"cdnsim-data\">";
  out += jsonForScript(data);
  out += "</script>\n<script>";
  out += report_assets::kPageScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace cdnsim::sim::report_page
