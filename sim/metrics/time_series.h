#pragma once
// TimeSeries: per-interval counters (requests, hits, errors, bytes) for each named series, e.g.
// one per tier ("edge", "regional", "shield", "origin") or per POP, written as timeseries.csv.
// Memory is bounded by run length / interval x series (40 bytes per cell), never by the number
// of requests; intervals past maxIntervals are not stored but counted in droppedRecords().
//
// Costs: add() O(1) amortised (an array grows as the run advances); appendCsv() O(cells).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "sim/metrics/error_tally.h"

namespace cdnsim::sim {

using core::Duration;
using core::TimePoint;

struct IntervalCounters {
  std::uint64_t requests{0};  // requests answered in the interval
  std::uint64_t hits{0};      // of which served from cache (Hit or RefreshHit)
  std::uint64_t errors{0};    // of which answered with an error (status >= 400, or no answer)
  std::uint64_t bytes{0};     // response body bytes sent downstream
  std::uint64_t missBytes{0}; // body bytes fetched from upstream (misses, refreshes)

  IntervalCounters& operator+=(const IntervalCounters& other);
  friend bool operator==(const IntervalCounters&, const IntervalCounters&) = default;
};

// What went wrong in one interval of one series: errors by status and result type, expired copies
// served because the origin failed, and origin-group failovers. Kept apart from IntervalCounters and
// allocated only once a run has any, so error-free runs pay nothing for them.
struct IntervalErrors {
  ErrorTally tally;
  std::uint64_t staleOnError{0};
  std::uint64_t failovers{0};
  friend bool operator==(const IntervalErrors&, const IntervalErrors&) = default;
};

struct TimeSeriesConfig {
  Duration interval{std::chrono::seconds(1)};  // width of one row, > 0
  std::size_t maxIntervals{1'000'000};         // rows kept per series, > 0 (bounds memory)
  std::optional<std::string> validate() const;
  friend bool operator==(const TimeSeriesConfig&, const TimeSeriesConfig&) = default;
};

// The most rows `cdnsim run` lets timeseries.csv have (intervals x series): the counters (40 bytes
// a cell) and the CSV text (about 80 bytes a row) are built in memory, so 1,000,000 rows cost
// about 120 MB. A narrower --interval is refused before the run (tools/cdnsim/run_command.cc).
inline constexpr std::uint64_t kMaxTimeSeriesRows = 1'000'000;

// Rows of a run expected to last `spanSeconds` at `interval`: one per started interval (at least
// one) and series. The span is a double because an estimate such as requests / rate can exceed
// the int64 microseconds of a Duration; so can the result, hence double too.
double estimateTimeSeriesRows(double spanSeconds, Duration interval, std::size_t series);
// The narrowest interval, in whole microseconds, giving at most maxRows rows for that span.
double narrowestTimeSeriesInterval(double spanSeconds, std::size_t series, std::uint64_t maxRows);

class TimeSeries {
 public:
  // Precondition: config.validate() is empty and seriesNames is not empty.
  TimeSeries(TimePoint start, TimeSeriesConfig config, std::vector<std::string> seriesNames);

  // Adds `delta` to the interval holding `when` (times before start count in the first one).
  void add(TimePoint when, std::size_t series, const IntervalCounters& delta);
  // One answered request.
  void countRequest(TimePoint when, std::size_t series, bool hit, bool error, std::uint64_t bytes) {
    add(when, series, IntervalCounters{1, hit ? 1u : 0u, error ? 1u : 0u, bytes, 0});
  }

  // One error response (ErrorTally::add), one stale copy served on error, one failover.
  void addError(TimePoint when, std::size_t series, int status, core::emit::DetailedResultType type);
  void addStaleOnError(TimePoint when, std::size_t series);
  void addFailover(TimePoint when, std::size_t series);
  // The error cell (all zero when the run had none there).
  IntervalErrors errorsAt(std::size_t interval, std::size_t series) const;

  // Intervals from the start to the latest one touched (or set by extendTo).
  std::size_t intervalCount() const { return intervals_; }
  Duration interval() const { return config_.interval; }
  std::size_t seriesCount() const { return names_.size(); }
  const std::string& seriesName(std::size_t series) const { return names_[series]; }
  TimePoint intervalStart(std::size_t interval) const;
  const IntervalCounters& at(std::size_t interval, std::size_t series) const;
  // Sum over every interval of one series.
  IntervalCounters total(std::size_t series) const;
  std::uint64_t droppedRecords() const { return dropped_; }

  // Makes the series cover the run up to `end` (exclusive), so that quiet trailing intervals
  // still appear as zero rows.
  void extendTo(TimePoint end);

  // CSV with a header, one row per interval and series, intervals in time order and series in
  // the order given to the constructor (deterministic output):
  //   time_s,unix_time_s,series,requests,hits,hit_ratio,errors,bytes,miss_bytes,mbps,
  //   status_400,...,status_504,status_4xx_other,status_5xx_other,
  //   type_Error,type_OriginConnectError,type_OriginReadError,type_OriginDnsError,type_other,
  //   stale_on_error,failovers
  // time_s is the interval start in seconds since the run start; hit_ratio is hits/requests (0
  // without requests); mbps is bytes sent downstream per second of interval, in Mbit/s. The error
  // columns are IntervalErrors (ErrorTally's columns).
  void appendCsv(std::string& out) const;

 private:
  std::optional<std::size_t> intervalIndex(TimePoint when) const;
  void ensureIntervals(std::size_t count);
  IntervalErrors* errorCell(TimePoint when, std::size_t series);

  TimePoint start_;
  TimeSeriesConfig config_;
  std::vector<std::string> names_;
  std::vector<IntervalCounters> cells_;  // interval-major: cells_[interval * series + s]
  std::vector<IntervalErrors> errorCells_;  // the same shape once any error was counted, else empty
  std::size_t intervals_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace cdnsim::sim
