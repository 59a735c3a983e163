#pragma once
// Our own random distributions over sim::Rng. std::*_distribution is implementation-defined (the
// same seed gives different numbers on libstdc++ and libc++), so cdnsim never uses it (DESIGN.md,
// "Determinism"). Every sampler is a small immutable value: it holds parameters (and for Zipf a
// few precomputed constants) and draws from the Rng passed in, so one sampler may serve several
// independent streams without mixing them.
//
// Costs: each sample is O(1) with a handful of libm calls (log, exp, sqrt, cos); Zipf uses
// rejection-inversion, expected fewer than ~1.1 rounds for any alpha.
// Determinism caveat: results depend on libm's log/exp/pow being the same; they are within one
// machine and one glibc, which is what golden outputs assume.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sim/random/rng.h"

namespace cdnsim::sim {

// ---------------------------------------------------------------------------------------------
// Zipf over ranks 1..n with P(k) = k^-alpha / H(n, alpha), H the generalised harmonic number.
// Rejection-inversion (W. Hörmann and G. Derflinger, "Rejection-inversion to generate variates
// from monotone discrete distributions", ACM TOMACS 6(3), 1996): invert the integral of the
// continuous hat x^-alpha, round to the nearest rank, accept with a cheap test. O(1) per sample,
// O(1) memory, valid for every alpha > 0 (including alpha = 1 and alpha < 1).
inline constexpr std::uint64_t kMaxZipfRanks = std::uint64_t{1} << 53;  // exact in a double

class ZipfSampler {
 public:
  // Error message for invalid parameters: 1 <= n <= 2^53, alpha finite and > 0.
  static std::optional<std::string> validate(std::uint64_t n, double alpha);

  // Precondition: validate(n, alpha) is empty. Out-of-range values are clamped into range (an
  // invalid alpha becomes 1) so that a violated precondition never hangs or crashes a run.
  ZipfSampler(std::uint64_t n, double alpha);

  std::uint64_t operator()(Rng& rng) const;

  std::uint64_t n() const { return n_; }
  double alpha() const { return alpha_; }

 private:
  double hatIntegral(double x) const;         // ∫_1^x t^-alpha dt
  double hatIntegralInverse(double y) const;  // its inverse
  double hat(double x) const;                 // x^-alpha

  std::uint64_t n_;
  double alpha_;
  double integralAtHalf_;  // hatIntegral(1.5) - 1: lower end of the sampled range
  double integralAtN_;     // hatIntegral(n + 0.5): upper end
  double squeeze_;         // ranks within this distance of x are accepted without the test
};

// ---------------------------------------------------------------------------------------------
// Zipf-Mandelbrot over ranks 1..n: P(k) = (k + q)^-alpha / sum_{j=1..n} (j + q)^-alpha. The shift
// q >= 0 flattens the head (the most popular objects are requested about equally often, as seen in
// web and video traces); q = 0 is Zipf. Same rejection-inversion as ZipfSampler, on the shifted
// hat (x + q)^-alpha, which is convex and decreasing as that method requires. O(1) per sample.
class ZipfMandelbrotSampler {
 public:
  // Error message for invalid parameters: as ZipfSampler, and q finite and >= 0.
  static std::optional<std::string> validate(std::uint64_t n, double alpha, double q);

  // Precondition: validate(n, alpha, q) is empty (out-of-range values are clamped, as in Zipf).
  ZipfMandelbrotSampler(std::uint64_t n, double alpha, double q);

  std::uint64_t operator()(Rng& rng) const;

  std::uint64_t n() const { return n_; }
  double alpha() const { return alpha_; }
  double q() const { return q_; }

 private:
  double hatIntegral(double x) const;         // ∫_1^x (t + q)^-alpha dt
  double hatIntegralInverse(double y) const;  // its inverse
  double hat(double x) const;                 // (x + q)^-alpha

  std::uint64_t n_;
  double alpha_;
  double q_;
  double integralAtOnePlusQ_;  // ∫_1^{1+q} s^-alpha ds: the shift of the unshifted integral
  double integralAtHalf_;
  double integralAtN_;
  double squeeze_;
};

// sum_{k=1..n} (k + q)^-alpha, by summation (O(n); for tests).
double shiftedHarmonicNumber(std::uint64_t n, double alpha, double q);

// ---------------------------------------------------------------------------------------------
// A choice among a few alternatives with given weights (methods, query values, object groups):
// cumulative weights and a binary search, O(log k) per sample, one uniform per draw.
class WeightedChoice {
 public:
  // Error message unless every weight is finite and >= 0 and their sum is > 0.
  static std::optional<std::string> validate(const std::vector<double>& weights);
  // Precondition: validate(weights) is empty. Weights need not sum to 1.
  explicit WeightedChoice(const std::vector<double>& weights);

  std::size_t operator()(Rng& rng) const;
  std::size_t size() const { return cumulative_.size(); }
  // The probability of alternative i (its weight over the sum).
  double probability(std::size_t i) const;

 private:
  std::vector<double> cumulative_;  // running sums, the last one is the total
};

// Generalised harmonic number H(n, alpha) = sum_{k=1..n} k^-alpha, computed exactly by summation
// (O(n); for tests and reports, e.g. the expected hit ratio of the top ranks).
double harmonicNumber(std::uint64_t n, double alpha);

// ---------------------------------------------------------------------------------------------
// Exponential with the given mean (inverse CDF: -mean * ln(1 - U)). Inter-arrival times of a
// Poisson process of rate r have mean 1/r.
struct Exponential {
  double mean{1.0};  // > 0
  std::optional<std::string> validate() const;
  double operator()(Rng& rng) const;
  friend bool operator==(const Exponential&, const Exponential&) = default;
};

// A standard normal variate (Box–Muller, cosine branch only: one variate per two uniforms, so
// the sampler keeps no state between calls).
double standardNormal(Rng& rng);

// Inverse of the standard normal CDF (P. J. Acklam's rational approximation, relative error
// < 1.2e-9), for parametrising distributions from quantiles. Precondition: 0 < p < 1.
double standardNormalQuantile(double p);

struct Normal {
  double mu{0.0};     // mean
  double sigma{1.0};  // standard deviation, >= 0
  std::optional<std::string> validate() const;
  double operator()(Rng& rng) const { return mu + sigma * standardNormal(rng); }
  friend bool operator==(const Normal&, const Normal&) = default;
};

// Lognormal: exp(mu + sigma * Z). Web object sizes and response times are commonly modelled so.
struct Lognormal {
  double mu{0.0};     // mean of the logarithm; the median is exp(mu)
  double sigma{1.0};  // standard deviation of the logarithm, >= 0

  // The lognormal whose median is `median` and whose p-quantile is `quantile` (e.g. median 20 KB,
  // p99 2 MB). Preconditions: median > 0, 0 < p < 1, p != 0.5, quantile on the same side of the
  // median as p (quantile > median for p > 0.5). Returns nullopt when violated.
  static std::optional<Lognormal> fromMedianAndQuantile(double median, double p, double quantile);
  // The lognormal with the given mean and standard deviation (both > 0).
  static std::optional<Lognormal> fromMeanAndStddev(double mean, double stddev);

  std::optional<std::string> validate() const;
  double operator()(Rng& rng) const;
  double median() const;
  double mean() const;
  friend bool operator==(const Lognormal&, const Lognormal&) = default;
};

// Pareto (type I): P(X > x) = (xm / x)^alpha for x >= xm. Heavy-tailed object sizes; the mean is
// finite only for alpha > 1 (alpha * xm / (alpha - 1)).
struct Pareto {
  double xm{1.0};     // scale (minimum value), > 0
  double alpha{1.5};  // shape, > 0
  std::optional<std::string> validate() const;
  double operator()(Rng& rng) const;
  friend bool operator==(const Pareto&, const Pareto&) = default;
};

// ---------------------------------------------------------------------------------------------
// Sizes in whole bytes: a shape, rounded to the nearest byte and clamped to [minBytes, maxBytes].
// Clamping (not resampling) keeps the cost O(1) and puts the cut-off tail mass at the bounds.
struct FixedSize {
  std::uint64_t bytes{1024};  // every object has this size
  friend bool operator==(const FixedSize&, const FixedSize&) = default;
};
struct UniformSize {  // every integer in [lowBytes, highBytes] equally likely
  std::uint64_t lowBytes{1};      // inclusive
  std::uint64_t highBytes{1024};  // inclusive
  friend bool operator==(const UniformSize&, const UniformSize&) = default;
};

// An empirical distribution given by points of its CDF: (probability, value) pairs with
// probabilities rising from 0 to 1 and values not decreasing; linear between the points (inverse
// CDF by interpolation), so each point's value is exactly its quantile.
struct EmpiricalCdf {
  std::vector<std::pair<double, double>> points;  // (P(X <= value), value)
  std::optional<std::string> validate() const;
  double operator()(Rng& rng) const;
  // The p-quantile of the piecewise-linear CDF (0 <= p <= 1).
  double quantile(double p) const;
  friend bool operator==(const EmpiricalCdf&, const EmpiricalCdf&) = default;
};

struct SizeDistribution {
  // The law of sizes before rounding and clamping.
  std::variant<FixedSize, UniformSize, Lognormal, Pareto, Exponential, EmpiricalCdf> shape{FixedSize{}};
  std::uint64_t minBytes{0};           // inclusive
  std::uint64_t maxBytes{5ULL << 30};  // inclusive; 5 GiB, e.g. a large S3 object
  std::optional<std::string> validate() const;
  std::uint64_t operator()(Rng& rng) const;
  friend bool operator==(const SizeDistribution&, const SizeDistribution&) = default;
};

// Rounds a real value to whole bytes and clamps it into [minBytes, maxBytes] (NaN -> minBytes).
std::uint64_t clampToBytes(double value, std::uint64_t minBytes, std::uint64_t maxBytes);

}  // namespace cdnsim::sim
