// Arrivals: a population's Poisson process follows its diurnal curve in its local time (the ratio of
// busiest to quietest hour, the hour of the peak in UTC), a flat day draws exactly the exponential
// gaps it always drew, and a flash crowd brings about R·τ requests, half of them within τ·ln 2.
// Fixed seeds, so every figure below is deterministic; tolerances are about five standard errors.

#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "sim/workload/arrivals.h"

namespace {

const cdnsim::core::TimePoint kMidnightUtc = cdnsim::core::fromUnixSeconds(1767225600);  // 2026-01-01T00:00:00Z

// Arrivals per UTC hour of the day over `days` days.
std::array<double, 24> hourlyCounts(const cdnsim::sim::PopulationArrivals& arrivals, int days, std::uint64_t seed) {
  std::array<double, 24> counts{};
  cdnsim::sim::Rng rng(seed);
  const cdnsim::core::TimePoint end = kMidnightUtc + cdnsim::core::seconds(86400LL * days);
  for (cdnsim::core::TimePoint t = arrivals.next(rng, kMidnightUtc); t < end; t = arrivals.next(rng, t)) {
    counts[static_cast<std::size_t>(cdnsim::sim::localHourOfDay(t, cdnsim::core::Duration::zero()))] += 1;
  }
  return counts;
}

// The mean of the curve's factor over [hour, hour + 1) local time, by fine summation.
double hourMean(const cdnsim::sim::DiurnalCurve& curve, double hour) {
  double sum = 0;
  for (int i = 0; i < 600; ++i) sum += curve.factor(std::fmod(hour + (i + 0.5) / 600.0, 24.0));
  return sum / 600.0;
}

}  // namespace

TEST_CASE("a sinusoidal day: peak/trough ratio and peak hour in local time", "[sim][workload][diurnal]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  core::config::DiurnalConfig config;
  config.peakHour = 20;
  config.peakToTrough = 4;
  const DiurnalCurve curve(config);
  CHECK(curve.maxFactor() == Approx(1.6));  // a = 3/5
  CHECK(curve.factor(20) / curve.factor(8) == Approx(4.0));
  // New York: UTC-5, so its 20:00 local peak is at 01:00 UTC and its trough at 13:00 UTC.
  const PopulationArrivals arrivals(20.0, curve, -core::seconds(5 * 3600));
  const auto counts = hourlyCounts(arrivals, 20, 7);
  double total = 0;
  for (const double c : counts) total += c;
  // The daily mean rate is kept: 20/s over 20 days.
  CHECK(total == Approx(20.0 * 86400 * 20).epsilon(5.0 / std::sqrt(20.0 * 86400 * 20)));
  // The busiest UTC hour window [1, 2) holds the local peak hour's neighbourhood, [13, 14) the
  // trough's: compare with the curve's mean over the same hours.
  const double expectedRatio = hourMean(curve, 20.0) / hourMean(curve, 8.0);
  const double observedRatio = counts[1] / counts[13];
  CHECK(observedRatio == Approx(expectedRatio).epsilon(0.03));
  CHECK(observedRatio > 3.5);
  std::size_t busiest = 0;
  for (std::size_t h = 0; h < 24; ++h) busiest = counts[h] > counts[busiest] ? h : busiest;
  CHECK((busiest == 0 || busiest == 1));  // the peak straddles 01:00 UTC
}

TEST_CASE("an hourly day: each hour's share follows the 24 given points", "[sim][workload][diurnal]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  core::config::DiurnalConfig config;
  config.kind = core::config::DiurnalConfig::Kind::Hourly;
  for (std::size_t h = 0; h < 24; ++h) config.hourly[h] = h >= 9 && h < 18 ? 10.0 : 1.0;  // office hours
  const DiurnalCurve curve(config);
  double mean = 0;
  for (int i = 0; i < 2400; ++i) mean += curve.factor(i / 100.0);
  CHECK(mean / 2400 == Approx(1.0).epsilon(1e-3));  // normalised to a daily mean of 1
  const PopulationArrivals arrivals(5.0, curve, core::Duration::zero());
  const auto counts = hourlyCounts(arrivals, 30, 11);
  double total = 0;
  for (const double c : counts) total += c;
  for (std::size_t h = 0; h < 24; ++h) {
    CAPTURE(h);
    const double p = hourMean(curve, static_cast<double>(h)) / 24.0;
    CHECK(counts[h] / total == Approx(p).margin(5 * std::sqrt(p / total)));
  }
}

TEST_CASE("a flat day draws the exponential gaps a constant-rate population always drew",
          "[sim][workload][diurnal]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  const PopulationArrivals arrivals(90.0, DiurnalCurve(), core::Duration::zero());
  Rng a(5), b(5);
  const Exponential gap{1e6 / 90.0};
  core::TimePoint t = kMidnightUtc, u = kMidnightUtc;
  for (int i = 0; i < 1000; ++i) {
    t = arrivals.next(a, t);
    u += core::Duration(static_cast<std::int64_t>(gap(b)));
    REQUIRE(t == u);
  }
}

TEST_CASE("the local hour follows the UTC offset", "[sim][workload][diurnal]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  CHECK(localHourOfDay(kMidnightUtc, core::Duration::zero()) == 0.0);
  CHECK(localHourOfDay(kMidnightUtc, core::seconds(9 * 3600)) == 9.0);
  CHECK(localHourOfDay(kMidnightUtc, -core::seconds(5 * 3600)) == 19.0);
  CHECK(localHourOfDay(kMidnightUtc + core::seconds(1800), core::seconds(5 * 3600 + 1800)) == 6.0);
}

TEST_CASE("a flash crowd brings about R·τ requests, decaying with time constant τ",
          "[sim][workload][flash]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  const core::TimePoint release = kMidnightUtc + core::seconds(600);
  constexpr double kRate = 500.0;
  const core::Duration decay = core::seconds(120);
  double total = 0, withinHalfLife = 0, first10s = 0;
  core::TimePoint last = release;
  constexpr int kRuns = 20;
  for (int run = 0; run < kRuns; ++run) {
    FlashCrowdArrivals crowd(release, kRate, decay);
    Rng rng(100 + static_cast<std::uint64_t>(run));
    while (auto t = crowd.next(rng)) {
      REQUIRE(*t >= release);
      REQUIRE(*t >= last - core::seconds(1000));  // sanity: times never jump back within a run
      last = *t;
      total += 1;
      const double s = std::chrono::duration<double>(*t - release).count();
      withinHalfLife += s < 120 * std::log(2.0) ? 1 : 0;
      first10s += s < 10 ? 1 : 0;
    }
    last = release;
  }
  const double expected = kRate * 120 * kRuns;
  CHECK(total == Approx(expected).epsilon(5.0 / std::sqrt(expected)));
  CHECK(withinHalfLife / total == Approx(0.5).margin(0.01));
  // At first the rate is R: the first 10 s hold R·τ(1 − e^{−10/τ}) requests per run.
  const double early = kRate * 120 * (1 - std::exp(-10.0 / 120)) * kRuns;
  CHECK(first10s == Approx(early).epsilon(5.0 / std::sqrt(early)));
}
