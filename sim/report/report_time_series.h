#pragma once
// A run's per-interval counters as report.html charts them: taken from a run just finished, or read
// back from a run directory's timeseries.csv.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/metrics/time_series.h"

namespace cdnsim::sim {

// A run's per-interval counters by series, as timeseries.csv holds them: from the TimeSeries of a
// run just finished, or read back from a run directory's timeseries.csv.
struct ReportTimeSeries {
  double intervalSeconds = 0;
  std::vector<double> startSeconds;                  // each interval's start, since the run's start
  std::vector<std::string> names;                    // "edge", POP codes, "regional", "shield", "origin"
  std::vector<std::vector<IntervalCounters>> cells;  // cells[series][interval]
};

ReportTimeSeries reportTimeSeries(const TimeSeries& series);
// The tier series only (a run's page: POPs are in the summary, and their rows would multiply the
// page's size).
ReportTimeSeries reportTierTimeSeries(const TimeSeries& series);
// "edge", "regional", "shield" or "origin": the series the charts draw.
bool isTierSeries(const std::string& name);

// timeseries.csv (sim/metrics/time_series.h) back into counters. nullopt with `error` naming the
// line when the text is not such a file.
std::optional<ReportTimeSeries> parseTimeSeriesCsv(std::string_view csv, std::string& error);

}  // namespace cdnsim::sim
