#pragma once
// Zipf-distributed ranks in [1, n] with exponent s > 0: P(k) ∝ 1 / k^s, by rejection-inversion
// (W. Hörmann and G. Derflinger, "Rejection-inversion to generate variates from monotone discrete
// distributions", ACM TOMACS 6(3), 1996). O(1) memory and expected O(1) time per sample, whatever
// n: no table of n cumulative weights. Draws uniforms from our own Rng, never std::*_distribution.
//
// The idea: take the continuous hat function h(x) = x^-s, whose integral H has a closed-form
// inverse; draw x by inverting H at a uniform point, round to the nearest integer k, and accept k
// unless the point falls in the thin sliver where the hat exceeds the true (discrete) mass of k.

#include <cmath>
#include <cstdint>

#include "sim/random/rng.h"

namespace cdnsim::bench {

class ZipfSampler {
 public:
  ZipfSampler(std::uint64_t n, double s)
      : n_(static_cast<double>(n)),
        s_(s),
        hIntegralX1_(hIntegral(1.5) - 1.0),
        hIntegralN_(hIntegral(n_ + 0.5)),
        squeeze_(2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0))) {}

  std::uint64_t sample(sim::Rng& rng) const {
    for (;;) {
      const double u = hIntegralN_ + rng.uniform() * (hIntegralX1_ - hIntegralN_);
      const double x = hIntegralInverse(u);
      double k = std::floor(x + 0.5);
      if (k < 1.0) k = 1.0;
      if (k > n_) k = n_;
      // Quick acceptance near the centre of k's interval, else the exact test against the hat.
      if (k - x <= squeeze_ || u >= hIntegral(k + 0.5) - h(k)) return static_cast<std::uint64_t>(k);
    }
  }

 private:
  double h(double x) const { return std::exp(-s_ * std::log(x)); }

  // H(x) = (x^(1-s) - 1) / (1-s), written to stay exact as s → 1 (where H(x) = log x).
  double hIntegral(double x) const {
    const double logX = std::log(x);
    return expm1OverX((1.0 - s_) * logX) * logX;
  }
  double hIntegralInverse(double x) const {
    double t = x * (1.0 - s_);
    if (t < -1.0) t = -1.0;  // rounding guard: H's range ends there
    return std::exp(log1pOverX(t) * x);
  }
  static double expm1OverX(double x) {
    return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1.0 + x / 2.0;
  }
  static double log1pOverX(double x) {
    return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x / 2.0;
  }

  double n_;
  double s_;
  double hIntegralX1_;
  double hIntegralN_;
  double squeeze_;
};

}  // namespace cdnsim::bench
