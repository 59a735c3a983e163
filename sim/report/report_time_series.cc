#include "sim/report/report_time_series.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace cdnsim::sim {

namespace {

// The counters of every series, or of the tiers only (a run's page: no copy of the POP rows).
ReportTimeSeries copySeries(const TimeSeries& series, bool tiersOnly) {
  ReportTimeSeries out;
  out.intervalSeconds = static_cast<double>(series.interval().count()) / 1e6;
  const std::size_t n = series.intervalCount();
  for (std::size_t i = 0; i < n; ++i) {
    out.startSeconds.push_back(static_cast<double>((series.intervalStart(i) - series.intervalStart(0)).count()) / 1e6);
  }
  for (std::size_t s = 0; s < series.seriesCount(); ++s) {
    if (tiersOnly && !isTierSeries(series.seriesName(s))) continue;
    out.names.push_back(series.seriesName(s));
    std::vector<IntervalCounters> cells;
    cells.reserve(n);
    for (std::size_t i = 0; i < n; ++i) cells.push_back(series.at(i, s));
    out.cells.push_back(std::move(cells));
  }
  return out;
}

}  // namespace

// The series the charts draw: the tiers. POPs are in the summary, and their rows would multiply
// the page's size.
bool isTierSeries(const std::string& name) {
  return name == "edge" || name == "regional" || name == "shield" || name == "origin";
}

ReportTimeSeries reportTimeSeries(const TimeSeries& series) { return copySeries(series, false); }
ReportTimeSeries reportTierTimeSeries(const TimeSeries& series) { return copySeries(series, true); }

std::optional<ReportTimeSeries> parseTimeSeriesCsv(std::string_view csv, std::string& error) {
  constexpr std::string_view kHeader = "time_s,unix_time_s,series,requests,hits,hit_ratio,errors,bytes,miss_bytes,mbps";
  ReportTimeSeries out;
  std::size_t lineNumber = 0;
  std::size_t pos = 0;
  std::size_t columns = 10;  // the header's; the error columns after mbps are not charted
  std::optional<double> currentStart;
  std::size_t seriesIndex = 0;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(pos, end - pos);
    pos = end + 1;
    ++lineNumber;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (lineNumber == 1) {
      // The first ten columns, then possibly the error columns (sim/metrics/time_series.h).
      if (line != kHeader && line.substr(0, kHeader.size() + 1) != std::string(kHeader) + ",") {
        error = fmt::format("line 1: expected the header {}", kHeader);
        return std::nullopt;
      }
      columns = static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1;
      continue;
    }
    if (line.empty()) continue;
    // Fields; the series name may be quoted (RFC 4180).
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          field += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.push_back(std::move(field));
        field.clear();
      } else {
        field += c;
      }
    }
    fields.push_back(std::move(field));
    auto number = [&](std::size_t i, double& v) {
      char* stop = nullptr;
      v = std::strtod(fields[i].c_str(), &stop);
      return !fields[i].empty() && stop == fields[i].c_str() + fields[i].size();
    };
    double start = 0, requests = 0, hits = 0, errors = 0, bytes = 0, missBytes = 0;
    if (fields.size() != columns || !number(0, start) || !number(3, requests) || !number(4, hits) ||
        !number(6, errors) || !number(7, bytes) || !number(8, missBytes)) {
      error = fmt::format("line {}: expected {} fields: {}", lineNumber, columns, kHeader);
      return std::nullopt;
    }
    if (!currentStart || start != *currentStart) {
      if (currentStart && start < *currentStart) {
        error = fmt::format("line {}: time_s goes back ({} after {})", lineNumber, start, *currentStart);
        return std::nullopt;
      }
      if (currentStart && !out.startSeconds.empty() && seriesIndex != out.names.size()) {
        error = fmt::format("line {}: the interval at {} s has {} series, the first had {}", lineNumber,
                            *currentStart, seriesIndex, out.names.size());
        return std::nullopt;
      }
      currentStart = start;
      out.startSeconds.push_back(start);
      seriesIndex = 0;
    }
    const bool first = out.startSeconds.size() == 1;
    if (first) {
      out.names.push_back(fields[2]);
      out.cells.emplace_back();
    } else if (seriesIndex >= out.names.size() || out.names[seriesIndex] != fields[2]) {
      error = fmt::format("line {}: series '{}' where the first interval had '{}'", lineNumber, fields[2],
                          seriesIndex < out.names.size() ? out.names[seriesIndex] : "nothing");
      return std::nullopt;
    }
    out.cells[seriesIndex].push_back(IntervalCounters{static_cast<std::uint64_t>(requests),
                                                      static_cast<std::uint64_t>(hits),
                                                      static_cast<std::uint64_t>(errors),
                                                      static_cast<std::uint64_t>(bytes),
                                                      static_cast<std::uint64_t>(missBytes)});
    ++seriesIndex;
  }
  if (out.startSeconds.empty()) {
    error = lineNumber == 0 ? "empty; expected a timeseries.csv" : "no rows";
    return std::nullopt;
  }
  if (seriesIndex != out.names.size()) {
    error = fmt::format("the last interval has {} series, the first had {}", seriesIndex, out.names.size());
    return std::nullopt;
  }
  out.intervalSeconds = out.startSeconds.size() > 1 ? out.startSeconds[1] - out.startSeconds[0] : 0.0;
  return out;
}

}  // namespace cdnsim::sim
