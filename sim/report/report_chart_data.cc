#include "sim/report/report_chart_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cdnsim::sim::report_data {

namespace {

using Json = nlohmann::ordered_json;

// Charts draw at most this many points per line: longer series are summed in groups of
// neighbouring intervals, so a day at --interval 1s still makes a page of a few hundred KB.
constexpr std::size_t kMaxChartIntervals = 1500;

ReportTimeSeries coarsened(const ReportTimeSeries& in) {
  const std::size_t n = in.startSeconds.size();
  if (n <= kMaxChartIntervals) return in;
  const std::size_t group = (n + kMaxChartIntervals - 1) / kMaxChartIntervals;
  ReportTimeSeries out;
  out.intervalSeconds = in.intervalSeconds * static_cast<double>(group);
  out.names = in.names;
  out.cells.resize(in.cells.size());
  for (std::size_t i = 0; i < n; i += group) out.startSeconds.push_back(in.startSeconds[i]);
  for (std::size_t s = 0; s < in.cells.size(); ++s) {
    out.cells[s].resize(out.startSeconds.size());
    for (std::size_t i = 0; i < n; ++i) out.cells[s][i / group] += in.cells[s][i];
  }
  return out;
}

// Bin edges in ms, ten per decade (the R10 series: 1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8).
double binEdge(int index) {
  static constexpr double kSteps[10] = {1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8};
  const int decade = index >= 0 ? index / 10 : -((-index + 9) / 10);
  return kSteps[index - decade * 10] * std::pow(10.0, decade);
}
int binOf(double ms) {
  int index = static_cast<int>(std::floor(std::log10(ms) * 10.0)) - 1;
  while (binEdge(index + 1) <= ms) ++index;
  while (binEdge(index) > ms) --index;
  return index;
}

}  // namespace

Json seriesJson(const ReportTimeSeries& full) {
  const ReportTimeSeries ts = coarsened(full);
  Json j;
  j["interval_s"] = ts.intervalSeconds;
  j["start_s"] = ts.startSeconds;
  Json series = Json::object();
  for (std::size_t s = 0; s < ts.names.size(); ++s) {
    const std::string& name = ts.names[s];
    if (!isTierSeries(name)) continue;
    Json requests = Json::array(), hits = Json::array(), errors = Json::array(), bytes = Json::array();
    for (const auto& c : ts.cells[s]) {
      requests.push_back(c.requests);
      hits.push_back(c.hits);
      errors.push_back(c.errors);
      bytes.push_back(c.bytes);
    }
    series[name] = {{"requests", requests}, {"hits", hits}, {"errors", errors}, {"bytes", bytes}};
  }
  j["series"] = series;
  return j;
}

Json latencyJson(const RunSummary& s) {
  Json j;
  j["bins"] = Json::array();
  j["layers"] = Json::object();
  const auto& all = s.latency.total;
  if (all.count() == 0) return j;
  constexpr double kFloorMs = 0.01;  // a 0 us latency goes in the lowest bin
  const int first = binOf(std::max(static_cast<double>(all.min()->count()) / 1000.0, kFloorMs));
  const int last = binOf(std::max(static_cast<double>(all.max()->count()) / 1000.0, kFloorMs));
  for (int b = first; b <= last; ++b) j["bins"].push_back(fmt::format("{:g}", binEdge(b)));
  for (std::size_t layer = 0; layer < kAnsweringLayerCount; ++layer) {
    const LatencyHistogram& h = s.byLayer[layer].total;
    if (h.count() == 0) continue;
    std::vector<std::uint64_t> counts(static_cast<std::size_t>(last - first + 1), 0);
    for (std::size_t bucket = 0; bucket < LatencyHistogram::bucketCount(); ++bucket) {
      const std::uint64_t n = h.bucketCountAt(bucket);
      if (n == 0) continue;
      const double ms = std::max(static_cast<double>(LatencyHistogram::bucketRepresentative(bucket)) / 1000.0, kFloorMs);
      const int b = std::clamp(binOf(ms), first, last);
      counts[static_cast<std::size_t>(b - first)] += n;
    }
    j["layers"][std::string(toString(static_cast<AnsweringLayer>(layer)))] = counts;
  }
  return j;
}

}  // namespace cdnsim::sim::report_data
