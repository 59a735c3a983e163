// The benchmark's Zipf sampler (tools/bench/zipf_sampler.h), rejection-inversion after Hörmann &
// Derflinger (1996): every rank in range, and empirical frequencies close to P(k) = k^-s / H(n, s).
// Fixed seeds: the outcome is deterministic, so the tolerances cannot flake.

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "tools/bench/zipf_sampler.h"

namespace cdnsim::bench {

TEST_CASE("Zipf sampler: frequencies follow k^-s / H(n, s)", "[tools][cachesim][zipf]") {
  auto [n, s] = GENERATE(table<std::uint64_t, double>({
      {1000, 0.9},
      {1000, 1.0},  // the log form of H, where the closed form divides by 1 - s = 0
      {50, 0.5},
      {100000, 1.2},
  }));
  CAPTURE(n, s);
  ZipfSampler zipf(n, s);
  cdnsim::sim::Rng rng(12345);
  constexpr int kSamples = 400000;
  std::vector<int> counts(n + 1, 0);
  for (int i = 0; i < kSamples; ++i) {
    const std::uint64_t k = zipf.sample(rng);
    REQUIRE(k >= 1);
    REQUIRE(k <= n);
    ++counts[k];
  }
  double harmonic = 0;
  for (std::uint64_t k = 1; k <= n; ++k) harmonic += std::pow(static_cast<double>(k), -s);
  for (std::uint64_t k : {1, 2, 3, 10}) {
    const double expected = std::pow(static_cast<double>(k), -s) / harmonic;
    const double sigma = std::sqrt(expected * (1 - expected) / kSamples);
    CAPTURE(k, expected);
    CHECK(std::abs(counts[k] / static_cast<double>(kSamples) - expected) < 5 * sigma);
  }
}

TEST_CASE("Zipf sampler: a single object is always rank 1", "[tools][cachesim][zipf]") {
  ZipfSampler zipf(1, 0.9);
  cdnsim::sim::Rng rng(1);
  for (int i = 0; i < 1000; ++i) REQUIRE(zipf.sample(rng) == 1);
}

}  // namespace cdnsim::bench
