// Fixed-interval counters and their CSV form (see time_series.h).
#include "sim/metrics/time_series.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace cdnsim::sim {

namespace {
// Microseconds as seconds without losing precision or printing noise: "12", "0.5", "1.000001".
void appendSeconds(std::string& out, std::int64_t micros) {
  const bool negative = micros < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(micros) : static_cast<std::uint64_t>(micros);
  if (negative) out.push_back('-');
  fmt::format_to(std::back_inserter(out), "{}", magnitude / 1'000'000);
  std::uint64_t fraction = magnitude % 1'000'000;
  if (fraction == 0) return;
  int digits = 6;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  fmt::format_to(std::back_inserter(out), ".{:0{}}", fraction, digits);
}

// A CSV field, quoted per RFC 4180 section 2 when it holds a comma, quote or line break.
void appendCsvField(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}
}  // namespace

IntervalCounters& IntervalCounters::operator+=(const IntervalCounters& other) {
  requests += other.requests;
  hits += other.hits;
  errors += other.errors;
  bytes += other.bytes;
  missBytes += other.missBytes;
  return *this;
}

double estimateTimeSeriesRows(double spanSeconds, Duration interval, std::size_t series) {
  const double intervals = std::ceil(std::max(spanSeconds, 0.0) * 1e6 / static_cast<double>(interval.count()));
  return std::max(intervals, 1.0) * static_cast<double>(series);
}

double narrowestTimeSeriesInterval(double spanSeconds, std::size_t series, std::uint64_t maxRows) {
  const double intervals = std::floor(static_cast<double>(maxRows) / static_cast<double>(std::max<std::size_t>(series, 1)));
  return std::max(1.0, std::ceil(std::max(spanSeconds, 0.0) * 1e6 / std::max(intervals, 1.0)));
}

std::optional<std::string> TimeSeriesConfig::validate() const {
  if (interval <= Duration::zero()) return fmt::format("time series: interval must be > 0, got {} us", interval.count());
  if (maxIntervals == 0) return "time series: maxIntervals must be > 0";
  return std::nullopt;
}

TimeSeries::TimeSeries(TimePoint start, TimeSeriesConfig config, std::vector<std::string> seriesNames)
    : start_(start), config_(config), names_(std::move(seriesNames)) {
  if (names_.empty()) names_.push_back("all");
  if (config_.interval <= Duration::zero()) config_.interval = Duration(1);
  config_.maxIntervals = std::max<std::size_t>(config_.maxIntervals, 1);
}

std::optional<std::size_t> TimeSeries::intervalIndex(TimePoint when) const {
  if (when <= start_) return 0;
  const auto index = static_cast<std::uint64_t>((when - start_) / config_.interval);
  if (index >= config_.maxIntervals) return std::nullopt;
  return static_cast<std::size_t>(index);
}

void TimeSeries::ensureIntervals(std::size_t count) {
  if (count <= intervals_) return;
  intervals_ = count;
  cells_.resize(intervals_ * names_.size());
  if (!errorCells_.empty()) errorCells_.resize(cells_.size());
}

IntervalErrors* TimeSeries::errorCell(TimePoint when, std::size_t series) {
  const auto index = intervalIndex(when);
  if (!index || series >= names_.size()) {
    ++dropped_;
    return nullptr;
  }
  ensureIntervals(*index + 1);
  if (errorCells_.empty()) errorCells_.resize(cells_.size());
  return &errorCells_[*index * names_.size() + series];
}

void TimeSeries::addError(TimePoint when, std::size_t series, int status,
                          core::emit::DetailedResultType type) {
  if (IntervalErrors* cell = errorCell(when, series)) cell->tally.add(status, type);
}

void TimeSeries::addStaleOnError(TimePoint when, std::size_t series) {
  if (IntervalErrors* cell = errorCell(when, series)) ++cell->staleOnError;
}

void TimeSeries::addFailover(TimePoint when, std::size_t series) {
  if (IntervalErrors* cell = errorCell(when, series)) ++cell->failovers;
}

IntervalErrors TimeSeries::errorsAt(std::size_t interval, std::size_t series) const {
  if (errorCells_.empty()) return {};
  return errorCells_[interval * names_.size() + series];
}

void TimeSeries::add(TimePoint when, std::size_t series, const IntervalCounters& delta) {
  const auto index = intervalIndex(when);
  if (!index || series >= names_.size()) {
    ++dropped_;
    return;
  }
  ensureIntervals(*index + 1);
  cells_[*index * names_.size() + series] += delta;
}

void TimeSeries::extendTo(TimePoint end) {
  if (end <= start_) return;
  // Intervals that start before `end`: ceil((end - start) / interval).
  const auto span = (end - start_).count();
  const auto width = config_.interval.count();
  const auto count = static_cast<std::uint64_t>((span + width - 1) / width);
  ensureIntervals(static_cast<std::size_t>(std::min<std::uint64_t>(count, config_.maxIntervals)));
}

TimePoint TimeSeries::intervalStart(std::size_t interval) const {
  return start_ + config_.interval * static_cast<std::int64_t>(interval);
}

const IntervalCounters& TimeSeries::at(std::size_t interval, std::size_t series) const {
  return cells_[interval * names_.size() + series];
}

IntervalCounters TimeSeries::total(std::size_t series) const {
  IntervalCounters sum;
  for (std::size_t i = 0; i < intervals_; ++i) sum += at(i, series);
  return sum;
}

void TimeSeries::appendCsv(std::string& out) const {
  out += "time_s,unix_time_s,series,requests,hits,hit_ratio,errors,bytes,miss_bytes,mbps";
  for (std::size_t c = 0; c < kStatusColumns; ++c) {
    out += ",status_";
    out += ErrorTally::statusName(c);
  }
  for (std::size_t c = 0; c < kTypeColumns; ++c) {
    out += ",type_";
    out += ErrorTally::typeName(c);
  }
  out += ",stale_on_error,failovers\n";
  const IntervalErrors none{};
  const double intervalMicros = static_cast<double>(config_.interval.count());
  for (std::size_t i = 0; i < intervals_; ++i) {
    const Duration offset = config_.interval * static_cast<std::int64_t>(i);
    for (std::size_t s = 0; s < names_.size(); ++s) {
      const IntervalCounters& c = at(i, s);
      appendSeconds(out, offset.count());
      out.push_back(',');
      appendSeconds(out, (start_ + offset).time_since_epoch().count());
      const double hitRatio = c.requests == 0 ? 0.0 : static_cast<double>(c.hits) / static_cast<double>(c.requests);
      // 1 Mbit/s = 1 bit per microsecond.
      const double mbps = static_cast<double>(c.bytes) * 8.0 / intervalMicros;
      out.push_back(',');
      appendCsvField(out, names_[s]);
      fmt::format_to(std::back_inserter(out), ",{},{},{:.4f},{},{},{},{:.3f}", c.requests, c.hits, hitRatio,
                     c.errors, c.bytes, c.missBytes, mbps);
      const IntervalErrors& e = errorCells_.empty() ? none : errorCells_[i * names_.size() + s];
      for (const auto v : e.tally.byStatus) fmt::format_to(std::back_inserter(out), ",{}", v);
      for (const auto v : e.tally.byType) fmt::format_to(std::back_inserter(out), ",{}", v);
      fmt::format_to(std::back_inserter(out), ",{},{}\n", e.staleOnError, e.failovers);
    }
  }
}

}  // namespace cdnsim::sim
