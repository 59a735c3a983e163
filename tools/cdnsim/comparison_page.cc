#include "tools/cdnsim/comparison_page.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "sim/report/html_report.h"

namespace cdnsim::tools {

namespace {

std::optional<sim::ReportTimeSeries> readTimeSeries(const std::filesystem::path& dir) {
  std::ifstream in(dir / "timeseries.csv", std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  return sim::parseTimeSeriesCsv(text.str(), error);  // a damaged file only loses its charts
}

io::IoStatus writePage(std::string_view command, const std::filesystem::path& path,
                       std::string_view title, const std::vector<sim::NamedSummary>& runs) {
  const auto charts = sim::loadChartLibrary();
  if (!charts.available())
    std::cerr << "cdnsim " << command << ": warning: report.html without charts: " << charts.problem
              << "\n";
  return sim::writeComparisonReport(path, title, runs, charts);
}

}  // namespace

io::IoStatus writeComparisonPage(std::string_view command, const std::filesystem::path& path,
                                 const sim::Comparison& comparison,
                                 const std::vector<std::string>& runDirectories) {
  std::vector<sim::NamedSummary> runs;
  for (std::size_t i = 0; i < comparison.columns.size(); ++i) {
    sim::NamedSummary run{comparison.columns[i].name, comparison.columns[i].description,
                          comparison.summaries[i], std::nullopt};
    if (i < runDirectories.size()) run.timeSeries = readTimeSeries(runDirectories[i]);
    runs.push_back(std::move(run));
  }
  return writePage(command, path, comparison.title, runs);
}

io::IoStatus writeSweepPage(const std::filesystem::path& path, const sim::SweepResults& results) {
  std::vector<sim::NamedSummary> runs;
  for (const auto& point : results.points) {
    std::string settings;
    for (const auto& s : results.definition.settings(point.index))
      settings += (settings.empty() ? "" : ", ") + s;
    runs.push_back({"point " + std::to_string(point.index), settings, point.summary, std::nullopt});
  }
  std::string title = "sweep of " + results.definition.scenarioFile + ": " +
                      std::to_string(results.points.size()) + " points";
  return writePage("sweep", path, title, runs);
}

}  // namespace cdnsim::tools
