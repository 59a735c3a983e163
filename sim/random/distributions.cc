// Implementation of our own distributions (see distributions.h for the definitions and sources).
#include "sim/random/distributions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <type_traits>

namespace cdnsim::sim {

namespace {

// log1p(x) / x, continuous at 0 (the series keeps full precision where the quotient would not).
double log1pOverX(double x) {
  if (std::abs(x) > 1e-8) return std::log1p(x) / x;
  return 1.0 - x * (0.5 - x / 3.0);
}

// expm1(x) / x, continuous at 0.
double expm1OverX(double x) {
  if (std::abs(x) > 1e-8) return std::expm1(x) / x;
  return 1.0 + x * (0.5 + x / 6.0);
}

bool positiveFinite(double v) { return std::isfinite(v) && v > 0.0; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Zipf

std::optional<std::string> ZipfSampler::validate(std::uint64_t n, double alpha) {
  if (n == 0) return "zipf: the number of ranks must be at least 1";
  if (n > kMaxZipfRanks) return fmt::format("zipf: at most {} ranks (2^53) are supported, got {}", kMaxZipfRanks, n);
  if (!positiveFinite(alpha)) return fmt::format("zipf: alpha must be finite and > 0, got {}", alpha);
  return std::nullopt;
}

ZipfSampler::ZipfSampler(std::uint64_t n, double alpha)
    : n_(std::clamp<std::uint64_t>(n, 1, kMaxZipfRanks)), alpha_(positiveFinite(alpha) ? alpha : 1.0) {
  integralAtHalf_ = hatIntegral(1.5) - 1.0;
  integralAtN_ = hatIntegral(static_cast<double>(n_) + 0.5);
  squeeze_ = 2.0 - hatIntegralInverse(hatIntegral(2.5) - hat(2.0));
}

// With L = ln x: ∫_1^x t^-a dt = (e^{(1-a)L} - 1) / (1-a) = L * expm1OverX((1-a) L), which is
// also right for a = 1 (ln x).
double ZipfSampler::hatIntegral(double x) const {
  const double logX = std::log(x);
  return logX * expm1OverX((1.0 - alpha_) * logX);
}

// Solving (x^{1-a} - 1)/(1-a) = y: x = exp(ln(1 + (1-a) y) / (1-a)) = exp(y * log1pOverX((1-a) y)).
double ZipfSampler::hatIntegralInverse(double y) const {
  // Rounding can push (1-a) y just below -1 for a > 1 near the end of the range; clamp it there.
  const double t = std::max(y * (1.0 - alpha_), -1.0);
  return std::exp(y * log1pOverX(t));
}

double ZipfSampler::hat(double x) const { return std::exp(-alpha_ * std::log(x)); }

std::uint64_t ZipfSampler::operator()(Rng& rng) const {
  // Rank k owns the hat area between hatIntegral(k - 0.5) and hatIntegral(k + 0.5) (rank 1 gets
  // an extra h(1) so that its area covers its probability); a uniform point u in that range is
  // mapped back to x, rounded to k, and accepted if u lies under the histogram of k.
  for (;;) {
    const double u = integralAtN_ + rng.uniform() * (integralAtHalf_ - integralAtN_);
    const double x = hatIntegralInverse(u);
    // n_ <= 2^53, so every rank converts to double and back exactly.
    const double rounded = std::clamp(std::floor(x + 0.5), 1.0, static_cast<double>(n_));
    const auto k = static_cast<std::uint64_t>(rounded);
    if (rounded - x <= squeeze_ || u >= hatIntegral(rounded + 0.5) - hat(rounded)) return k;
  }
}

// ---------------------------------------------------------------------------------------------
// Zipf-Mandelbrot

std::optional<std::string> ZipfMandelbrotSampler::validate(std::uint64_t n, double alpha, double q) {
  if (auto e = ZipfSampler::validate(n, alpha)) return e;
  if (!std::isfinite(q) || q < 0.0) return fmt::format("zipf-mandelbrot: q must be finite and >= 0, got {}", q);
  return std::nullopt;
}

ZipfMandelbrotSampler::ZipfMandelbrotSampler(std::uint64_t n, double alpha, double q)
    : n_(std::clamp<std::uint64_t>(n, 1, kMaxZipfRanks)),
      alpha_(positiveFinite(alpha) ? alpha : 1.0),
      q_(std::isfinite(q) && q > 0.0 ? q : 0.0) {
  // ∫_1^x (t+q)^-a dt = G(x + q) - G(1 + q), with G(y) = ∫_1^y s^-a ds = L expm1OverX((1-a) L),
  // L = ln y (as in ZipfSampler::hatIntegral).
  const double logShift = std::log1p(q_);
  integralAtOnePlusQ_ = logShift * expm1OverX((1.0 - alpha_) * logShift);
  integralAtHalf_ = hatIntegral(1.5) - hat(1.0);
  integralAtN_ = hatIntegral(static_cast<double>(n_) + 0.5);
  squeeze_ = 2.0 - hatIntegralInverse(hatIntegral(2.5) - hat(2.0));
}

double ZipfMandelbrotSampler::hatIntegral(double x) const {
  const double logY = std::log(x + q_);
  return logY * expm1OverX((1.0 - alpha_) * logY) - integralAtOnePlusQ_;
}

double ZipfMandelbrotSampler::hatIntegralInverse(double y) const {
  // G(y') = u  =>  y' = exp(u log1pOverX((1-a) u)); then x = y' - q.
  const double u = y + integralAtOnePlusQ_;
  const double t = std::max(u * (1.0 - alpha_), -1.0);
  return std::exp(u * log1pOverX(t)) - q_;
}

double ZipfMandelbrotSampler::hat(double x) const { return std::exp(-alpha_ * std::log(x + q_)); }

std::uint64_t ZipfMandelbrotSampler::operator()(Rng& rng) const {
  // As ZipfSampler: rank k owns the hat area between H(k - 0.5) and H(k + 0.5), rank 1 down to
  // H(1.5) - h(1); a point is accepted when it lies under k's bar of height h(k).
  for (;;) {
    const double u = integralAtN_ + rng.uniform() * (integralAtHalf_ - integralAtN_);
    const double x = hatIntegralInverse(u);
    const double rounded = std::clamp(std::floor(x + 0.5), 1.0, static_cast<double>(n_));
    const auto k = static_cast<std::uint64_t>(rounded);
    if (rounded - x <= squeeze_ || u >= hatIntegral(rounded + 0.5) - hat(rounded)) return k;
  }
}

double shiftedHarmonicNumber(std::uint64_t n, double alpha, double q) {
  double sum = 0.0;
  for (std::uint64_t k = n; k >= 1; --k) sum += std::pow(static_cast<double>(k) + q, -alpha);
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Weighted choice

std::optional<std::string> WeightedChoice::validate(const std::vector<double>& weights) {
  if (weights.empty()) return "weighted choice: at least one weight is needed";
  double total = 0;
  for (const double w : weights) {
    if (!std::isfinite(w) || w < 0.0) return fmt::format("weighted choice: weights must be finite and >= 0, got {}", w);
    total += w;
  }
  if (!(total > 0.0)) return "weighted choice: the weights sum to 0";
  return std::nullopt;
}

WeightedChoice::WeightedChoice(const std::vector<double>& weights) {
  double total = 0;
  for (const double w : weights) {
    total += std::isfinite(w) && w > 0.0 ? w : 0.0;
    cumulative_.push_back(total);
  }
  if (cumulative_.empty()) cumulative_.push_back(1.0);
}

std::size_t WeightedChoice::operator()(Rng& rng) const {
  if (cumulative_.size() == 1) return 0;
  const double u = rng.uniform() * cumulative_.back();
  // The first alternative whose running sum exceeds u (zero-weight ones are never chosen).
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
  return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

double WeightedChoice::probability(std::size_t i) const {
  const double before = i == 0 ? 0.0 : cumulative_[i - 1];
  return (cumulative_[i] - before) / cumulative_.back();
}

double harmonicNumber(std::uint64_t n, double alpha) {
  // Summed from the smallest terms up, to lose less precision.
  double sum = 0.0;
  for (std::uint64_t k = n; k >= 1; --k) sum += std::pow(static_cast<double>(k), -alpha);
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Exponential, normal, lognormal, Pareto

std::optional<std::string> Exponential::validate() const {
  if (!positiveFinite(mean)) return fmt::format("exponential: mean must be finite and > 0, got {}", mean);
  return std::nullopt;
}

double Exponential::operator()(Rng& rng) const {
  // 1 - U is in (0, 1], so the logarithm is finite.
  return -mean * std::log1p(-rng.uniform());
}

double standardNormal(Rng& rng) {
  const double u1 = 1.0 - rng.uniform();  // (0, 1]: log is finite
  const double u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double standardNormalQuantile(double p) {
  // Acklam's algorithm: a rational approximation in the central region and another in each tail.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01,  -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  if (!(p > 0.0 && p < 1.0)) return std::nan("");
  if (p < kLow || p > 1.0 - kLow) {
    const double q = std::sqrt(-2.0 * std::log(p < kLow ? p : 1.0 - p));
    const double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                     ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    return p < kLow ? x : -x;
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

std::optional<std::string> Normal::validate() const {
  if (!std::isfinite(mu)) return "normal: mu must be finite";
  if (!std::isfinite(sigma) || sigma < 0.0) return fmt::format("normal: sigma must be finite and >= 0, got {}", sigma);
  return std::nullopt;
}

std::optional<Lognormal> Lognormal::fromMedianAndQuantile(double median, double p, double quantile) {
  if (!positiveFinite(median) || !positiveFinite(quantile) || !(p > 0.0 && p < 1.0) || p == 0.5) {
    return std::nullopt;
  }
  const double mu = std::log(median);
  const double sigma = (std::log(quantile) - mu) / standardNormalQuantile(p);
  if (!std::isfinite(sigma) || sigma < 0.0) return std::nullopt;
  return Lognormal{mu, sigma};
}

std::optional<Lognormal> Lognormal::fromMeanAndStddev(double mean, double stddev) {
  if (!positiveFinite(mean) || !positiveFinite(stddev)) return std::nullopt;
  // mean = exp(mu + s^2/2), var = (exp(s^2) - 1) mean^2.
  const double sigma2 = std::log1p((stddev / mean) * (stddev / mean));
  return Lognormal{std::log(mean) - sigma2 / 2.0, std::sqrt(sigma2)};
}

std::optional<std::string> Lognormal::validate() const {
  if (!std::isfinite(mu)) return "lognormal: mu must be finite";
  if (!std::isfinite(sigma) || sigma < 0.0) return fmt::format("lognormal: sigma must be finite and >= 0, got {}", sigma);
  return std::nullopt;
}

double Lognormal::operator()(Rng& rng) const { return std::exp(mu + sigma * standardNormal(rng)); }
double Lognormal::median() const { return std::exp(mu); }
double Lognormal::mean() const { return std::exp(mu + sigma * sigma / 2.0); }

std::optional<std::string> Pareto::validate() const {
  if (!positiveFinite(xm)) return fmt::format("pareto: xm must be finite and > 0, got {}", xm);
  if (!positiveFinite(alpha)) return fmt::format("pareto: alpha must be finite and > 0, got {}", alpha);
  return std::nullopt;
}

double Pareto::operator()(Rng& rng) const {
  // Inverse CDF: x = xm (1 - U)^(-1/alpha), with 1 - U in (0, 1].
  return xm * std::exp(-std::log1p(-rng.uniform()) / alpha);
}

// ---------------------------------------------------------------------------------------------
// Empirical CDF

std::optional<std::string> EmpiricalCdf::validate() const {
  if (points.size() < 2) return "empirical: at least two points are needed (probabilities 0 and 1)";
  if (points.front().first != 0.0) return fmt::format("empirical: the first point's probability must be 0, got {}", points.front().first);
  if (points.back().first != 1.0) return fmt::format("empirical: the last point's probability must be 1, got {}", points.back().first);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto [p, v] = points[i];
    if (!std::isfinite(v) || v < 0.0) return fmt::format("empirical: values must be finite and >= 0, got {}", v);
    if (i == 0) continue;
    if (!(p > points[i - 1].first)) {
      return fmt::format("empirical: probabilities must rise strictly, got {} after {}", p, points[i - 1].first);
    }
    if (v < points[i - 1].second) {
      return fmt::format("empirical: values must not decrease, got {} after {}", v, points[i - 1].second);
    }
  }
  return std::nullopt;
}

double EmpiricalCdf::quantile(double p) const {
  if (points.empty()) return 0.0;
  // The first point at or above p; interpolate from the one before it.
  const auto it = std::lower_bound(points.begin(), points.end(), p,
                                   [](const std::pair<double, double>& a, double x) { return a.first < x; });
  if (it == points.begin()) return points.front().second;
  if (it == points.end()) return points.back().second;
  const auto& [p1, v1] = *it;
  const auto& [p0, v0] = *(it - 1);
  return v0 + (v1 - v0) * (p - p0) / (p1 - p0);
}

double EmpiricalCdf::operator()(Rng& rng) const { return quantile(rng.uniform()); }

// ---------------------------------------------------------------------------------------------
// Sizes

std::uint64_t clampToBytes(double value, std::uint64_t minBytes, std::uint64_t maxBytes) {
  if (std::isnan(value) || value <= static_cast<double>(minBytes)) return minBytes;
  if (value >= static_cast<double>(maxBytes)) return maxBytes;
  return std::clamp(static_cast<std::uint64_t>(std::llround(value)), minBytes, maxBytes);
}

std::optional<std::string> SizeDistribution::validate() const {
  if (minBytes > maxBytes) return fmt::format("sizes: minBytes {} exceeds maxBytes {}", minBytes, maxBytes);
  return std::visit(
      [](const auto& s) -> std::optional<std::string> {
        using S = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<S, FixedSize>) {
          return std::nullopt;
        } else if constexpr (std::is_same_v<S, UniformSize>) {
          if (s.lowBytes > s.highBytes) {
            return fmt::format("sizes: uniform lowBytes {} exceeds highBytes {}", s.lowBytes, s.highBytes);
          }
          return std::nullopt;
        } else {
          return s.validate();
        }
      },
      shape);
}

std::uint64_t SizeDistribution::operator()(Rng& rng) const {
  return std::visit(
      [&](const auto& s) -> std::uint64_t {
        using S = std::decay_t<decltype(s)>;
        if constexpr (std::is_same_v<S, FixedSize>) {
          return std::clamp(s.bytes, minBytes, maxBytes);
        } else if constexpr (std::is_same_v<S, UniformSize>) {
          const std::uint64_t span = s.highBytes - s.lowBytes;
          const std::uint64_t v = span == UINT64_MAX ? rng.next() : s.lowBytes + rng.below(span + 1);
          return std::clamp(v, minBytes, maxBytes);
        } else {
          return clampToBytes(s(rng), minBytes, maxBytes);
        }
      },
      shape);
}

}  // namespace cdnsim::sim
