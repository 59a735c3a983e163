#include "sim/report/html_report.h"

#include <fmt/format.h>

#include <stdexcept>

#include "sim/report/report_chart_data.h"
#include "sim/report/report_page.h"
#include "sim/report/report_tables.h"
#include "sim/report/summary_format.h"

namespace cdnsim::sim {

namespace {
using Json = nlohmann::ordered_json;
using report_data::latencyJson;
using report_data::seriesJson;
using report_page::Figure;
using report_page::figures;
using report_page::page;
using report_tables::comparisonTable;
using report_tables::latencyTable;
using report_tables::popTable;
using report_tables::runHeading;
using report_tables::tierTable;
}  // namespace

std::string renderRunReport(const RunSummary& summary, const TimeSeries& series, const ChartLibrary& charts) {
  const Json summaryJson = Json::parse(formatSummaryJson(summary));
  Json data;
  data["kind"] = "run";
  data["runs"] = Json::array({Json{{"name", summary.scenario}, {"summary", summaryJson},
                                   {"series", seriesJson(reportTierTimeSeries(series))}}});
  data["latency"] = latencyJson(summary);
  const std::string title = fmt::format("cdnsim run: {} on {}", summary.scenario, summary.topology);
  std::string body = fmt::format("<h1>{}</h1>\n<p class=\"meta\">{}</p>\n", htmlEscape(title),
                                 htmlEscape(runHeading(summaryJson)));
  body += figures({{"chart-hit-ratio", "Hit ratio over time, per tier"},
                   {"chart-latency", "Latency distribution (total time), by the layer that answered"},
                   {"chart-errors", "Errors over time"},
                   {"chart-offload", "Origin offload over time (1 - origin / viewer)"},
                   {"chart-pops", "Hit ratio per POP"}},
                  charts);
  body += "<h2>Tiers</h2>\n" + tierTable(summaryJson);
  body += "<h2>Latency</h2>\n" + latencyTable(summaryJson);
  body += "<h2>Per POP</h2>\n" + popTable(summaryJson);
  return page(title, body, data, charts);
}

std::string renderComparisonReport(std::string_view title, const std::vector<NamedSummary>& runs,
                                   const ChartLibrary& charts) {
  if (runs.empty()) throw std::invalid_argument("renderComparisonReport: no runs");
  Json data;
  data["kind"] = "comparison";
  data["runs"] = Json::array();
  bool anySeries = false;
  for (const auto& r : runs) {
    Json run{{"name", r.name}, {"summary", r.summary}, {"series", nullptr}};
    if (r.timeSeries) {
      run["series"] = seriesJson(*r.timeSeries);
      anySeries = true;
    }
    data["runs"].push_back(std::move(run));
  }
  std::string body = fmt::format("<h1>{}</h1>\n<p class=\"meta\">{} runs; changes against the first, {}</p>\n",
                                 htmlEscape(title), runs.size(), htmlEscape(runs[0].name));
  std::vector<Figure> list = {{"chart-ratios", "Hit ratios and origin offload"},
                              {"chart-latency", "Latency percentiles (total time)"},
                              {"chart-origin", "Origin requests and viewer errors"}};
  if (anySeries) {
    list.push_back({"chart-hit-ratio", "Edge hit ratio over time"});
    list.push_back({"chart-offload", "Origin offload over time"});
    list.push_back({"chart-errors", "Viewer errors over time"});
  }
  body += figures(list, charts);
  body += "<h2>Side by side</h2>\n" + comparisonTable(runs);
  body += "<h2>Runs</h2>\n";
  for (const auto& r : runs) {
    body += fmt::format("<details><summary>{}{}</summary>\n<p class=\"meta\">{}</p>\n", htmlEscape(r.name),
                        r.description.empty() ? "" : ": " + htmlEscape(r.description), htmlEscape(runHeading(r.summary)));
    body += tierTable(r.summary) + latencyTable(r.summary) + popTable(r.summary) + "</details>\n";
  }
  return page(title, body, data, charts);
}

io::IoStatus writeComparisonReport(const std::filesystem::path& path, std::string_view title,
                                   const std::vector<NamedSummary>& runs, const ChartLibrary& charts) {
  return io::writeFileAtomically(path, renderComparisonReport(title, runs, charts));
}

}  // namespace cdnsim::sim
