// Our own distributions: statistical sanity with fixed seeds (generous tolerances, deterministic
// because the seeds are fixed), pinned first samples (so that any change to an algorithm is
// caught), and parameter validation.
#include "sim/random/distributions.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {
template <class Sample>
std::vector<double> draw(Sample&& sample, std::uint64_t seed, int count) {
  cdnsim::sim::Rng rng(seed);
  std::vector<double> out(static_cast<std::size_t>(count));
  for (auto& v : out) v = static_cast<double>(sample(rng));
  return out;
}
double meanOf(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}
double quantileOf(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}
}  // namespace

// --- Zipf (Hörmann & Derflinger 1996) --------------------------------------------------------

TEST_CASE("zipf rank frequencies follow k^-alpha / H(n, alpha)", "[sim][random][zipf]") {
  using namespace cdnsim::sim;
  // alpha < 1, = 1 and > 1 take different numerical paths in the hat integral.
  auto [n, alpha] = GENERATE(table<std::uint64_t, double>({
      {1000, 0.5}, {1000, 0.8}, {1000, 1.0}, {10, 1.0}, {100000, 1.2}, {50, 2.0}, {3, 0.1},
  }));
  ZipfSampler zipf(n, alpha);
  Rng rng(2024);
  constexpr int kSamples = 400000;
  std::vector<int> counts(4, 0);
  for (int i = 0; i < kSamples; ++i) {
    const std::uint64_t k = zipf(rng);
    REQUIRE(k >= 1);
    REQUIRE(k <= n);
    if (k <= 3) ++counts[k];
  }
  const double h = harmonicNumber(n, alpha);
  for (std::uint64_t k = 1; k <= 3; ++k) {
    const double expected = std::pow(static_cast<double>(k), -alpha) / h;
    const double observed = counts[k] / static_cast<double>(kSamples);
    // 5 standard errors of a binomial proportion, plus a little slack.
    const double tolerance = 5.0 * std::sqrt(expected * (1 - expected) / kSamples) + 1e-4;
    INFO("n=" << n << " alpha=" << alpha << " rank=" << k);
    CHECK(observed == Approx(expected).margin(tolerance));
  }
}

TEST_CASE("zipf with one rank always returns 1", "[sim][random][zipf]") {
  using namespace cdnsim::sim;
  ZipfSampler zipf(1, 0.9);
  Rng rng(5);
  for (int i = 0; i < 1000; ++i) REQUIRE(zipf(rng) == 1);
}

TEST_CASE("zipf covers the whole range, including the last rank", "[sim][random][zipf]") {
  using namespace cdnsim::sim;
  ZipfSampler zipf(5, 0.7);
  Rng rng(11);
  std::vector<int> seen(6, 0);
  for (int i = 0; i < 20000; ++i) ++seen[zipf(rng)];
  for (int k = 1; k <= 5; ++k) CHECK(seen[static_cast<std::size_t>(k)] > 0);
}

TEST_CASE("zipf first samples are pinned for seed 42", "[sim][random][zipf]") {
  using namespace cdnsim::sim;
  // Regenerate only for an intended change of algorithm (this changes every golden output).
  ZipfSampler zipf(1000, 1.0);
  Rng rng(42);
  const std::vector<std::uint64_t> expected{533, 58, 6, 1, 1, 3};
  std::vector<std::uint64_t> got;
  for (std::size_t i = 0; i < expected.size(); ++i) got.push_back(zipf(rng));
  CHECK(got == expected);
}

TEST_CASE("zipf parameters are validated", "[sim][random][zipf]") {
  using namespace cdnsim::sim;
  auto [n, alpha, valid] = GENERATE(table<std::uint64_t, double, bool>({
      {1, 1.0, true}, {1000, 0.01, true}, {1000, 5.0, true}, {0, 1.0, false},
      {10, 0.0, false}, {10, -1.0, false}, {10, std::nan(""), false}, {10, INFINITY, false},
      {kMaxZipfRanks, 1.0, true}, {kMaxZipfRanks + 1, 1.0, false},
  }));
  CHECK(ZipfSampler::validate(n, alpha).has_value() == !valid);
}

TEST_CASE("zipf stays in range at the extremes of n and alpha", "[sim][random][zipf]") {
  using namespace cdnsim::sim;
  // Including invalid parameters, which are clamped rather than allowed to hang or overflow.
  auto [n, alpha, maxRank] = GENERATE(table<std::uint64_t, double, std::uint64_t>({
      {10, 50.0, 10}, {10, 1e6, 10}, {1000, 1e-6, 1000}, {kMaxZipfRanks, 0.7, kMaxZipfRanks},
      {kMaxZipfRanks, 3.0, kMaxZipfRanks}, {UINT64_MAX, 1.0, kMaxZipfRanks}, {0, 1.0, 1},
      {100, std::nan(""), 100}, {100, -2.0, 100},
  }));
  ZipfSampler zipf(n, alpha);
  Rng rng(3);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t k = zipf(rng);
    REQUIRE(k >= 1);
    REQUIRE(k <= maxRank);
  }
}

TEST_CASE("harmonic numbers match closed forms", "[sim][random][zipf]") {
  using namespace cdnsim::sim;
  CHECK(harmonicNumber(1, 3.0) == 1.0);
  CHECK(harmonicNumber(4, 1.0) == Approx(25.0 / 12.0));
  CHECK(harmonicNumber(100000, 2.0) == Approx(1.6449240668982263).epsilon(1e-9));  // pi^2/6 - ~1/n
}

// --- Continuous distributions ------------------------------------------------------------------

TEST_CASE("exponential has the requested mean and median mean*ln2", "[sim][random]") {
  using namespace cdnsim::sim;
  auto v = draw(Exponential{2.5}, 3, 200000);
  CHECK(meanOf(v) == Approx(2.5).epsilon(0.02));
  CHECK(quantileOf(v, 0.5) == Approx(2.5 * std::log(2.0)).epsilon(0.02));
  CHECK(*std::min_element(v.begin(), v.end()) >= 0.0);
}

TEST_CASE("normal has the requested mean, deviation and quartiles", "[sim][random]") {
  using namespace cdnsim::sim;
  auto v = draw(Normal{10.0, 3.0}, 4, 200000);
  const double m = meanOf(v);
  double var = 0;
  for (double x : v) var += (x - m) * (x - m);
  var /= static_cast<double>(v.size());
  CHECK(m == Approx(10.0).margin(0.05));
  CHECK(std::sqrt(var) == Approx(3.0).epsilon(0.02));
  // Quartiles of N(10, 3): 10 -/+ 3 * 0.6745.
  CHECK(quantileOf(v, 0.25) == Approx(10.0 - 3.0 * 0.67449).margin(0.05));
  CHECK(quantileOf(v, 0.75) == Approx(10.0 + 3.0 * 0.67449).margin(0.05));
}

TEST_CASE("the standard normal quantile matches reference values", "[sim][random]") {
  using namespace cdnsim::sim;
  // Reference values of the probit function (e.g. Python's statistics.NormalDist().inv_cdf).
  auto [p, z] = GENERATE(table<double, double>({
      {0.5, 0.0}, {0.975, 1.959963985}, {0.99, 2.326347874}, {0.02, -2.053748911},
      {0.001, -3.090232306}, {0.999999, 4.753424309}, {0.3, -0.524400513},
  }));
  CHECK(standardNormalQuantile(p) == Approx(z).margin(1e-7));
}

TEST_CASE("lognormal has median exp(mu) and mean exp(mu + sigma^2/2)", "[sim][random]") {
  using namespace cdnsim::sim;
  Lognormal d{std::log(20000.0), 1.0};
  auto v = draw(d, 5, 300000);
  CHECK(quantileOf(v, 0.5) == Approx(20000.0).epsilon(0.02));
  CHECK(meanOf(v) == Approx(d.mean()).epsilon(0.03));
}

TEST_CASE("lognormal from median and a quantile reproduces both", "[sim][random]") {
  using namespace cdnsim::sim;
  auto d = Lognormal::fromMedianAndQuantile(20000.0, 0.99, 2000000.0);
  REQUIRE(d.has_value());
  CHECK(d->median() == Approx(20000.0));
  auto v = draw(*d, 6, 300000);
  CHECK(quantileOf(v, 0.5) == Approx(20000.0).epsilon(0.03));
  CHECK(quantileOf(v, 0.99) == Approx(2000000.0).epsilon(0.08));
  // A quantile on the wrong side of the median, p = 0.5 and p out of (0, 1) are refused.
  CHECK_FALSE(Lognormal::fromMedianAndQuantile(20000.0, 0.99, 100.0).has_value());
  CHECK_FALSE(Lognormal::fromMedianAndQuantile(20000.0, 0.5, 30000.0).has_value());
  CHECK_FALSE(Lognormal::fromMedianAndQuantile(20000.0, 1.0, 30000.0).has_value());
  CHECK_FALSE(Lognormal::fromMedianAndQuantile(-1.0, 0.9, 30000.0).has_value());
}

TEST_CASE("lognormal from mean and standard deviation reproduces both", "[sim][random]") {
  using namespace cdnsim::sim;
  auto d = Lognormal::fromMeanAndStddev(100.0, 50.0);
  REQUIRE(d.has_value());
  CHECK(d->mean() == Approx(100.0));
  auto v = draw(*d, 7, 300000);
  const double m = meanOf(v);
  double var = 0;
  for (double x : v) var += (x - m) * (x - m);
  CHECK(m == Approx(100.0).epsilon(0.01));
  CHECK(std::sqrt(var / static_cast<double>(v.size())) == Approx(50.0).epsilon(0.03));
  CHECK_FALSE(Lognormal::fromMeanAndStddev(0.0, 1.0).has_value());
}

TEST_CASE("pareto has minimum xm, mean alpha*xm/(alpha-1) and the right tail", "[sim][random]") {
  using namespace cdnsim::sim;
  Pareto d{10.0, 3.0};
  auto v = draw(d, 8, 300000);
  CHECK(*std::min_element(v.begin(), v.end()) >= 10.0);
  CHECK(meanOf(v) == Approx(15.0).epsilon(0.02));
  // P(X > x) = (xm/x)^alpha, so the 0.875 quantile is 2 xm for alpha = 3.
  CHECK(quantileOf(v, 0.875) == Approx(20.0).epsilon(0.02));
}

TEST_CASE("continuous samplers are pinned for seed 42", "[sim][random]") {
  using namespace cdnsim::sim;
  // Regenerate only for an intended change of algorithm (this changes every golden output).
  auto check = [](const std::vector<double>& got, const std::vector<double>& expected) {
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == Approx(expected[i]).epsilon(1e-12));
  };
  check(draw(Exponential{2.0}, 42, 3), {0.17517866116683514, 0.9527847901575448, 2.2791399037077551});
  check(draw([](Rng& r) { return standardNormal(r); }, 42, 3),
        {-0.30326306467873798, 1.3438117634372806, 0.38346179126769431});
  check(draw(Lognormal{1.0, 0.5}, 42, 3), {2.335832754681932, 5.3223018147239953, 3.2927757287824608});
  check(draw(Pareto{10.0, 1.5}, 42, 3), {10.601314258143816, 13.738196554473488, 21.376632672178097});
}

TEST_CASE("same seed gives the same sequence, another seed another one", "[sim][random]") {
  using namespace cdnsim::sim;
  ZipfSampler zipf(1 << 20, 0.9);
  auto a = draw(zipf, 77, 1000);
  auto b = draw(zipf, 77, 1000);
  auto c = draw(zipf, 78, 1000);
  CHECK(a == b);
  CHECK(a != c);
}

TEST_CASE("continuous parameters are validated", "[sim][random]") {
  using namespace cdnsim::sim;
  CHECK_FALSE(Exponential{1.0}.validate().has_value());
  CHECK(Exponential{0.0}.validate().has_value());
  CHECK(Exponential{-2.0}.validate().has_value());
  CHECK_FALSE(Normal{0.0, 0.0}.validate().has_value());
  CHECK(Normal{0.0, -1.0}.validate().has_value());
  CHECK(Lognormal{0.0, std::nan("")}.validate().has_value());
  CHECK(Pareto{0.0, 1.0}.validate().has_value());
  CHECK(Pareto{1.0, 0.0}.validate().has_value());
  CHECK_FALSE(Pareto{1.0, 0.5}.validate().has_value());
}

// --- Sizes ---------------------------------------------------------------------------------------

TEST_CASE("clampToBytes rounds to the nearest byte and clamps", "[sim][random][sizes]") {
  using namespace cdnsim::sim;
  auto [value, expected] = GENERATE(table<double, std::uint64_t>({
      {1499.4, 1499}, {1499.5, 1500}, {5.0, 100}, {-3.0, 100}, {1e30, 1000000},
      {INFINITY, 1000000}, {std::nan(""), 100}, {1000000.4, 1000000},
  }));
  CHECK(clampToBytes(value, 100, 1000000) == expected);
}

TEST_CASE("size distributions stay within their bounds", "[sim][random][sizes]") {
  using namespace cdnsim::sim;
  const std::vector<SizeDistribution> table{
      {FixedSize{4096}, 0, 1 << 20},
      {FixedSize{4096}, 0, 1000},  // clamped down
      {UniformSize{10, 20}, 0, 1 << 20},
      {Lognormal{std::log(20000.0), 2.0}, 100, 1 << 20},
      {Pareto{1000.0, 1.1}, 0, 10 << 20},
      {Exponential{5000.0}, 1, 1 << 20},
  };
  for (const auto& d : table) {
    REQUIRE_FALSE(d.validate().has_value());
    Rng rng(9);
    for (int i = 0; i < 20000; ++i) {
      const std::uint64_t s = d(rng);
      REQUIRE(s >= d.minBytes);
      REQUIRE(s <= d.maxBytes);
    }
  }
}

TEST_CASE("uniform sizes hit both ends of their range", "[sim][random][sizes]") {
  using namespace cdnsim::sim;
  SizeDistribution d{UniformSize{10, 13}, 0, 100};
  Rng rng(10);
  std::vector<int> seen(14, 0);
  for (int i = 0; i < 4000; ++i) ++seen[d(rng)];
  for (int k = 10; k <= 13; ++k) CHECK(seen[static_cast<std::size_t>(k)] > 800);
}

TEST_CASE("size distributions are validated", "[sim][random][sizes]") {
  using namespace cdnsim::sim;
  CHECK(SizeDistribution{FixedSize{1}, 10, 5}.validate().has_value());
  CHECK(SizeDistribution{UniformSize{20, 10}, 0, 100}.validate().has_value());
  CHECK(SizeDistribution{Pareto{-1.0, 1.0}, 0, 100}.validate().has_value());
  CHECK_FALSE(SizeDistribution{}.validate().has_value());
}
