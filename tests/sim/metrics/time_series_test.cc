// TimeSeries: interval assignment at the boundaries, bounded memory, and the exact CSV text.
#include "sim/metrics/time_series.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <string>

namespace {
const cdnsim::core::TimePoint kStart = cdnsim::core::fromUnixSeconds(1'700'000'000);
}

// Readable failures: "{requests, hits, errors, bytes, missBytes}".
namespace Catch {
template <>
struct StringMaker<cdnsim::sim::IntervalCounters> {
  static std::string convert(const cdnsim::sim::IntervalCounters& c) {
    return fmt::format("{{{}, {}, {}, {}, {}}}", c.requests, c.hits, c.errors, c.bytes, c.missBytes);
  }
};
}  // namespace Catch

TEST_CASE("a record at start + t falls in interval floor(t / width)", "[sim][metrics][timeseries]") {
  using cdnsim::core::Duration;
  using cdnsim::core::seconds;
  using cdnsim::sim::IntervalCounters;
  using cdnsim::sim::TimeSeries;
  using cdnsim::sim::TimeSeriesConfig;
  // Offsets in microseconds with a 10 s interval -> interval index.
  auto [offsetUs, interval] = GENERATE(table<std::int64_t, std::size_t>({
      {-5'000'000, 0},  // before the start: first interval
      {0, 0},
      {9'999'999, 0},
      {10'000'000, 1},
      {10'000'001, 1},
      {35'000'000, 3},
  }));
  TimeSeries ts(kStart, TimeSeriesConfig{seconds(10), 100}, {"edge"});
  ts.countRequest(kStart + Duration(offsetUs), 0, true, false, 100);
  REQUIRE(ts.intervalCount() == interval + 1);
  CHECK(ts.at(interval, 0) == IntervalCounters{1, 1, 0, 100, 0});
  CHECK(ts.total(0).requests == 1);
}

TEST_CASE("series are counted separately and totals add up", "[sim][metrics][timeseries]") {
  using cdnsim::core::Duration;
  using cdnsim::core::seconds;
  using cdnsim::sim::IntervalCounters;
  using cdnsim::sim::TimeSeries;
  using cdnsim::sim::TimeSeriesConfig;
  TimeSeries ts(kStart, TimeSeriesConfig{seconds(1), 100}, {"edge", "regional", "origin"});
  ts.countRequest(kStart, 0, true, false, 1000);
  ts.countRequest(kStart + Duration(500'000), 0, false, false, 2000);
  ts.countRequest(kStart + Duration(500'000), 1, false, true, 0);
  ts.add(kStart + seconds(2), 2, IntervalCounters{3, 0, 0, 300, 300});
  CHECK(ts.intervalCount() == 3);
  CHECK(ts.at(0, 0) == IntervalCounters{2, 1, 0, 3000, 0});
  CHECK(ts.at(0, 1) == IntervalCounters{1, 0, 1, 0, 0});
  CHECK(ts.at(1, 2) == IntervalCounters{});
  CHECK(ts.total(2) == IntervalCounters{3, 0, 0, 300, 300});
  CHECK(ts.intervalStart(2) == kStart + seconds(2));
}

TEST_CASE("memory is bounded: records past maxIntervals or for unknown series are dropped", "[sim][metrics][timeseries]") {
  using cdnsim::core::seconds;
  using cdnsim::sim::TimeSeries;
  using cdnsim::sim::TimeSeriesConfig;
  TimeSeries ts(kStart, TimeSeriesConfig{seconds(1), 5}, {"edge"});
  ts.countRequest(kStart + seconds(4), 0, true, false, 1);
  ts.countRequest(kStart + seconds(5), 0, true, false, 1);     // interval 5: beyond the bound
  ts.countRequest(kStart + seconds(1000), 0, true, false, 1);
  ts.countRequest(kStart, 7, true, false, 1);                  // no series 7
  CHECK(ts.intervalCount() == 5);
  CHECK(ts.droppedRecords() == 3);
  ts.extendTo(kStart + seconds(100000));
  CHECK(ts.intervalCount() == 5);
}

TEST_CASE("extendTo adds quiet trailing intervals", "[sim][metrics][timeseries]") {
  using cdnsim::core::Duration;
  using cdnsim::core::seconds;
  using cdnsim::sim::TimeSeries;
  using cdnsim::sim::TimeSeriesConfig;
  auto [endUs, intervals] = GENERATE(table<std::int64_t, std::size_t>({
      {0, 0}, {1, 1}, {1'000'000, 1}, {1'000'001, 2}, {3'000'000, 3},
  }));
  TimeSeries ts(kStart, TimeSeriesConfig{seconds(1), 100}, {"edge"});
  ts.extendTo(kStart + Duration(endUs));
  CHECK(ts.intervalCount() == intervals);
}

TEST_CASE("CSV output is exact and deterministic", "[sim][metrics][timeseries]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::IntervalCounters;
  using cdnsim::sim::TimeSeries;
  using cdnsim::sim::TimeSeriesConfig;
  TimeSeries ts(kStart, TimeSeriesConfig{Duration(500'000), 100}, {"edge", "origin, custom"});
  ts.countRequest(kStart, 0, true, false, 125'000);
  ts.countRequest(kStart, 0, false, false, 0);
  ts.countRequest(kStart, 0, true, false, 0);
  ts.add(kStart + Duration(600'000), 1, IntervalCounters{1, 0, 1, 0, 62'500});
  ts.addError(kStart + Duration(600'000), 1, 504, cdnsim::core::emit::DetailedResultType::OriginReadError);
  ts.addStaleOnError(kStart, 0);
  ts.addFailover(kStart + Duration(700'000), 1);
  std::string csv;
  ts.appendCsv(csv);
  CHECK(csv ==
        "time_s,unix_time_s,series,requests,hits,hit_ratio,errors,bytes,miss_bytes,mbps,"
        "status_400,status_403,status_404,status_405,status_414,status_416,status_500,status_501,"
        "status_502,status_503,status_504,status_4xx_other,status_5xx_other,type_Error,"
        "type_OriginConnectError,type_OriginReadError,type_OriginDnsError,type_other,"
        "stale_on_error,failovers\n"
        "0,1700000000,edge,3,2,0.6667,0,125000,0,2.000,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0\n"
        "0,1700000000,\"origin, custom\",0,0,0.0000,0,0,0,0.000,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n"
        "0.5,1700000000.5,edge,0,0,0.0000,0,0,0,0.000,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n"
        "0.5,1700000000.5,\"origin, custom\",1,0,0.0000,1,0,62500,0.000,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,1,0,0,0,1\n");
}

TEST_CASE("time series config validation", "[sim][metrics][timeseries]") {
  using cdnsim::core::Duration;
  using cdnsim::core::seconds;
  using cdnsim::sim::TimeSeriesConfig;
  CHECK_FALSE(TimeSeriesConfig{}.validate().has_value());
  CHECK(TimeSeriesConfig{Duration(0), 10}.validate().has_value());
  CHECK(TimeSeriesConfig{seconds(-1), 10}.validate().has_value());
  CHECK(TimeSeriesConfig{seconds(1), 0}.validate().has_value());
}

TEST_CASE("rows of a run are estimated per started interval and series", "[sim][metrics][timeseries]") {
  using cdnsim::core::Duration;
  using cdnsim::core::seconds;
  using cdnsim::sim::estimateTimeSeriesRows;
  using cdnsim::sim::narrowestTimeSeriesInterval;
  CHECK(estimateTimeSeriesRows(600.0, seconds(60), 6) == 60.0);
  CHECK(estimateTimeSeriesRows(601.0, seconds(60), 6) == 66.0);    // a started interval counts
  CHECK(estimateTimeSeriesRows(0.0, seconds(60), 6) == 6.0);       // at least one interval
  CHECK(estimateTimeSeriesRows(417.0, Duration(1), 6) == 417e6 * 6);  // --interval 1us
  // Beyond int64 microseconds (2^40 requests at 1e-6 per second) the estimate still orders.
  CHECK(estimateTimeSeriesRows(1.1e18, seconds(60), 3) > 1e16);
  // The narrowest interval keeps the rows within the limit, and one microsecond less does not.
  const double width = narrowestTimeSeriesInterval(417.0, 6, 1'000'000);
  CHECK(estimateTimeSeriesRows(417.0, Duration(static_cast<std::int64_t>(width)), 6) <= 1e6);
  CHECK(estimateTimeSeriesRows(417.0, Duration(static_cast<std::int64_t>(width) - 1), 6) > 1e6);
  CHECK(narrowestTimeSeriesInterval(0.0, 6, 1'000'000) == 1.0);
}
