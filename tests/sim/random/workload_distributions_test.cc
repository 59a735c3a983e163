// The distributions the workload model adds: Zipf-Mandelbrot popularity, empirical size CDFs and
// weighted choices. Statistical checks with fixed seeds (deterministic), tolerances of about five
// standard errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/random/distributions.h"

namespace {
// Pearson's chi-square statistic of observed counts against expected probabilities.
double chiSquare(const std::vector<double>& counts, const std::vector<double>& probabilities, double total) {
  double x2 = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double e = probabilities[i] * total;
    x2 += (counts[i] - e) * (counts[i] - e) / e;
  }
  return x2;
}
}  // namespace

TEST_CASE("zipf-mandelbrot rank frequencies follow (k+q)^-alpha over the whole range",
          "[sim][random][zipf-mandelbrot]") {
  using namespace cdnsim::sim;
  auto [n, alpha, q] = GENERATE(table<std::uint64_t, double, double>({
      {50, 0.8, 10.0}, {50, 1.0, 2.5}, {200, 1.2, 30.0}, {20, 2.0, 0.5}, {40, 0.5, 100.0},
  }));
  CAPTURE(n, alpha, q);
  REQUIRE_FALSE(ZipfMandelbrotSampler::validate(n, alpha, q));
  ZipfMandelbrotSampler zm(n, alpha, q);
  Rng rng(7);
  constexpr int kSamples = 400000;
  std::vector<double> counts(n, 0.0);
  for (int i = 0; i < kSamples; ++i) {
    const auto k = zm(rng);
    REQUIRE(k >= 1);
    REQUIRE(k <= n);
    counts[k - 1] += 1;
  }
  const double h = shiftedHarmonicNumber(n, alpha, q);
  std::vector<double> p(n);
  for (std::uint64_t k = 1; k <= n; ++k) p[k - 1] = std::pow(static_cast<double>(k) + q, -alpha) / h;
  // n - 1 degrees of freedom: the mean is n - 1 and the 99.9th percentile below 2n + 30 for these n.
  const double x2 = chiSquare(counts, p, kSamples);
  CHECK(x2 < 2.0 * static_cast<double>(n) + 30.0);
  // The head is flatter than Zipf's: rank 1 over rank 2 is ((2+q)/(1+q))^alpha.
  const double ratio = counts[0] / counts[1];
  CHECK(ratio == Approx(std::pow((2.0 + q) / (1.0 + q), alpha)).epsilon(0.03));
}

TEST_CASE("zipf-mandelbrot with q = 0 draws exactly what zipf draws", "[sim][random][zipf-mandelbrot]") {
  using namespace cdnsim::sim;
  ZipfSampler zipf(1000, 0.9);
  ZipfMandelbrotSampler zm(1000, 0.9, 0.0);
  Rng a(42), b(42);
  for (int i = 0; i < 10000; ++i) REQUIRE(zipf(a) == zm(b));
}

TEST_CASE("zipf-mandelbrot parameters are validated", "[sim][random][zipf-mandelbrot]") {
  using namespace cdnsim::sim;
  CHECK(ZipfMandelbrotSampler::validate(10, 1.0, -1.0));
  CHECK(ZipfMandelbrotSampler::validate(10, 1.0, std::nan("")));
  CHECK(ZipfMandelbrotSampler::validate(0, 1.0, 1.0));
  CHECK(ZipfMandelbrotSampler::validate(10, 0.0, 1.0));
  CHECK_FALSE(ZipfMandelbrotSampler::validate(10, 1.0, 0.0));
  // Large n stays in range.
  ZipfMandelbrotSampler big(kMaxZipfRanks, 0.6, 1000.0);
  Rng rng(3);
  for (int i = 0; i < 1000; ++i) {
    const auto k = big(rng);
    REQUIRE(k >= 1);
    REQUIRE(k <= kMaxZipfRanks);
  }
}

TEST_CASE("empirical CDF samples have the given points as quantiles", "[sim][random][empirical]") {
  using namespace cdnsim::sim;
  const EmpiricalCdf cdf{{{0.0, 1000.0}, {0.5, 20000.0}, {0.9, 200000.0}, {0.99, 2e6}, {1.0, 1e7}}};
  REQUIRE_FALSE(cdf.validate());
  Rng rng(11);
  std::vector<double> v(200000);
  for (auto& x : v) x = cdf(rng);
  std::sort(v.begin(), v.end());
  auto sampleQuantile = [&](double p) { return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))]; };
  for (const auto& [p, value] : cdf.points) {
    CAPTURE(p);
    // A quantile's sampling error is the CDF's slope there times the error of p; 0.3% of p's
    // range around it is ample for 200,000 samples.
    const double low = cdf.quantile(std::max(0.0, p - 0.003));
    const double high = cdf.quantile(std::min(1.0, p + 0.003));
    CHECK(sampleQuantile(p) >= low);
    CHECK(sampleQuantile(p) <= high);
    CHECK(cdf.quantile(p) == value);
  }
  // Between points the CDF is linear: the 0.7-quantile is halfway from 20,000 to 200,000.
  CHECK(cdf.quantile(0.7) == Approx(110000.0));
}

TEST_CASE("empirical CDFs are validated", "[sim][random][empirical]") {
  using namespace cdnsim::sim;
  using P = std::vector<std::pair<double, double>>;
  CHECK(EmpiricalCdf{P{{0.0, 1.0}}}.validate());                          // one point
  CHECK(EmpiricalCdf{P{{0.1, 1.0}, {1.0, 2.0}}}.validate());              // does not start at 0
  CHECK(EmpiricalCdf{P{{0.0, 1.0}, {0.9, 2.0}}}.validate());              // does not end at 1
  CHECK(EmpiricalCdf{P{{0.0, 1.0}, {0.5, 3.0}, {0.5, 4.0}, {1.0, 5.0}}}.validate());  // p repeats
  CHECK(EmpiricalCdf{P{{0.0, 5.0}, {1.0, 2.0}}}.validate());              // values decrease
  CHECK_FALSE(EmpiricalCdf{P{{0.0, 5.0}, {1.0, 5.0}}}.validate());        // a constant is fine
  SizeDistribution sizes;
  sizes.shape = EmpiricalCdf{P{{0.0, 10.0}, {1.0, 20.0}}};
  sizes.minBytes = 12;
  sizes.maxBytes = 18;
  Rng rng(1);
  for (int i = 0; i < 1000; ++i) {
    const auto s = sizes(rng);
    REQUIRE(s >= 12);
    REQUIRE(s <= 18);
  }
}

TEST_CASE("weighted choices come out in proportion to their weights", "[sim][random][choice]") {
  using namespace cdnsim::sim;
  const std::vector<double> weights{0.7, 0.2, 0.0, 0.1};
  REQUIRE_FALSE(WeightedChoice::validate(weights));
  const WeightedChoice choice(weights);
  Rng rng(5);
  constexpr int kSamples = 200000;
  std::vector<double> counts(weights.size(), 0.0);
  for (int i = 0; i < kSamples; ++i) counts[choice(rng)] += 1;
  CHECK(counts[2] == 0);  // a zero weight is never chosen
  for (std::size_t i = 0; i < weights.size(); ++i) {
    CAPTURE(i);
    const double p = choice.probability(i);
    CHECK(p == Approx(weights[i]));
    CHECK(counts[i] / kSamples == Approx(p).margin(5 * std::sqrt(p * (1 - p) / kSamples) + 1e-9));
  }
  CHECK(WeightedChoice::validate({}));
  CHECK(WeightedChoice::validate({0.0, 0.0}));
  CHECK(WeightedChoice::validate({1.0, -0.5}));
  // One alternative draws nothing from the generator.
  const WeightedChoice single({3.0});
  Rng a(9), b(9);
  CHECK(single(a) == 0);
  CHECK(a.next() == b.next());
}
