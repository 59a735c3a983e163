// LatencyHistogram: bucket layout, exact statistics, and percentiles against the exact
// nearest-rank percentiles of known data within the stated 0.4% error.
#include "sim/metrics/latency_histogram.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/random/distributions.h"
#include "sim/random/rng.h"

namespace {
// Exact nearest-rank percentile of sorted data: the value of rank ceil(p/100 * n), at least 1.
std::int64_t exactPercentile(const std::vector<std::int64_t>& sorted, double p) {
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}
}  // namespace

TEST_CASE("bucket layout: exact below 256 us, then 128 buckets per power of two", "[sim][metrics]") {
  using cdnsim::sim::LatencyHistogram;
  auto [micros, index, lowest, width] = GENERATE(table<std::int64_t, std::size_t, std::int64_t, std::int64_t>({
      {0, 0, 0, 1},
      {1, 1, 1, 1},
      {255, 255, 255, 1},
      {256, 256, 256, 2},
      {257, 256, 256, 2},
      {258, 257, 258, 2},
      {511, 383, 510, 2},
      {512, 384, 512, 4},
      {1000, 506, 1000, 4},
      {LatencyHistogram::kMaxTrackableMicros, 3286, 3590324224, 16777216},
  }));
  CHECK(LatencyHistogram::bucketIndex(micros) == index);
  CHECK(LatencyHistogram::bucketLowest(index) == lowest);
  CHECK(LatencyHistogram::bucketWidth(index) == width);
}

TEST_CASE("buckets tile the range without gaps and stay within 1/128 relative width", "[sim][metrics]") {
  using cdnsim::sim::LatencyHistogram;
  std::int64_t expectedLow = 0;
  for (std::size_t i = 0; i < LatencyHistogram::bucketCount(); ++i) {
    REQUIRE(LatencyHistogram::bucketLowest(i) == expectedLow);
    REQUIRE(LatencyHistogram::bucketIndex(expectedLow) == i);
    const std::int64_t width = LatencyHistogram::bucketWidth(i);
    REQUIRE(LatencyHistogram::bucketIndex(expectedLow + width - 1) == i);
    if (expectedLow >= 256) REQUIRE(width * 128 <= expectedLow);
    expectedLow += width;
  }
  CHECK(expectedLow > LatencyHistogram::kMaxTrackableMicros);
  CHECK(LatencyHistogram::bucketCount() == 3287);
}

TEST_CASE("an empty histogram has no statistics", "[sim][metrics]") {
  using cdnsim::sim::LatencyHistogram;
  LatencyHistogram h;
  CHECK(h.count() == 0);
  CHECK_FALSE(h.percentile(50).has_value());
  CHECK_FALSE(h.mean().has_value());
  CHECK_FALSE(h.max().has_value());
  CHECK_FALSE(h.min().has_value());
}

TEST_CASE("small exact data: nearest-rank percentiles and exact extremes", "[sim][metrics]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyHistogram;
  LatencyHistogram h;
  for (std::int64_t v : {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}) h.record(Duration(v));
  // Values under 256 us are exact, so these are the textbook nearest-rank answers.
  auto [p, expected] = GENERATE(table<double, std::int64_t>({
      {0, 10}, {5, 10}, {10, 10}, {10.1, 20}, {50, 50}, {90, 90}, {95, 100}, {100, 100},
      {-3, 10}, {250, 100},
  }));
  CHECK(h.percentile(p) == Duration(expected));
  CHECK(h.count() == 10);
  CHECK(h.mean() == Duration(55));
  CHECK(h.min() == Duration(10));
  CHECK(h.max() == Duration(100));
}

TEST_CASE("percentiles of lognormal latencies are within 0.4% of the exact ones", "[sim][metrics]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyHistogram;
  // Median 40 ms with a long tail: values from ~100 us to minutes cross many bucket octaves.
  cdnsim::sim::Lognormal dist{std::log(40000.0), 1.5};
  cdnsim::sim::Rng rng(31);
  LatencyHistogram h;
  std::vector<std::int64_t> values;
  for (int i = 0; i < 100000; ++i) {
    const auto v = static_cast<std::int64_t>(dist(rng));
    values.push_back(v);
    h.record(Duration(v));
  }
  std::sort(values.begin(), values.end());
  for (double p : {0.0, 1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9, 99.99, 100.0}) {
    const auto exact = static_cast<double>(exactPercentile(values, p));
    const auto got = static_cast<double>(h.percentile(p)->count());
    INFO("p" << p << " exact " << exact << " got " << got);
    CHECK(std::abs(got - exact) <= exact * 0.004 + 1.0);
  }
  double sum = 0;
  for (auto v : values) sum += static_cast<double>(v);
  CHECK(static_cast<double>(h.mean()->count()) == Approx(sum / 100000.0).margin(1.0));
  CHECK(h.max()->count() == values.back());
  CHECK(h.min()->count() == values.front());
}

TEST_CASE("values beyond the range are clamped but counted, negatives count as zero", "[sim][metrics]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyHistogram;
  LatencyHistogram h;
  h.record(Duration(-5));
  h.record(std::chrono::hours(2));
  h.record(Duration(100));
  CHECK(h.count() == 3);
  CHECK(h.overflowCount() == 1);
  CHECK(h.min() == Duration(0));
  CHECK(h.max() == std::chrono::hours(2));  // exact max survives the clamp
  CHECK(h.percentile(50) == Duration(100));
  CHECK(h.percentile(100) == std::chrono::hours(2));
}

TEST_CASE("merge equals recording everything in one histogram", "[sim][metrics]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyHistogram;
  cdnsim::sim::Rng rng(5);
  LatencyHistogram a, b, all;
  for (int i = 0; i < 20000; ++i) {
    const Duration v(static_cast<std::int64_t>(rng.below(5'000'000)));
    (i % 3 == 0 ? a : b).record(v);
    all.record(v);
  }
  a.merge(b);
  CHECK(a.count() == all.count());
  CHECK(a.mean() == all.mean());
  CHECK(a.min() == all.min());
  CHECK(a.max() == all.max());
  for (double p : {1.0, 50.0, 99.0, 99.9}) CHECK(a.percentile(p) == all.percentile(p));
  LatencyHistogram empty;
  a.merge(empty);
  CHECK(a.count() == all.count());
  empty.merge(all);
  CHECK(empty.percentile(50) == all.percentile(50));
}

TEST_CASE("recordMany and clear", "[sim][metrics]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyHistogram;
  LatencyHistogram h;
  h.recordMany(Duration(1000), 99);
  h.recordMany(Duration(9000), 1);
  h.recordMany(Duration(5), 0);  // zero times records nothing
  CHECK(h.count() == 100);
  CHECK(h.min() == Duration(1000));
  CHECK(h.percentile(99)->count() == Approx(1000).epsilon(0.004));
  CHECK(h.percentile(100) == Duration(9000));
  CHECK(h.mean() == Duration(1080));
  h.clear();
  CHECK(h.count() == 0);
  CHECK_FALSE(h.percentile(50).has_value());
}
