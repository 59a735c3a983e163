#include "sim/workload/arrivals.h"

#include <cmath>

namespace cdnsim::sim {

PopulationArrivals::PopulationArrivals(double requestsPerSecond, DiurnalCurve curve,
                                       core::Duration utcOffset)
    : curve_(curve), utcOffset_(utcOffset), gap_{1e6 / (requestsPerSecond * curve.maxFactor())} {}

core::TimePoint PopulationArrivals::next(Rng& rng, core::TimePoint now) const {
  if (curve_.flat()) return now + core::Duration(static_cast<std::int64_t>(gap_(rng)));
  core::TimePoint t = now;
  for (;;) {
    t += core::Duration(static_cast<std::int64_t>(gap_(rng)));
    if (rng.uniform() * curve_.maxFactor() < curve_.factor(localHourOfDay(t, utcOffset_))) return t;
  }
}

FlashCrowdArrivals::FlashCrowdArrivals(core::TimePoint start, double requestsPerSecond,
                                       core::Duration decay)
    : start_(start),
      decaySeconds_(std::chrono::duration<double>(decay).count()),
      total_(requestsPerSecond * decaySeconds_) {}

std::optional<core::TimePoint> FlashCrowdArrivals::next(Rng& rng) {
  cumulative_ += -std::log1p(-rng.uniform());  // a unit exponential
  if (cumulative_ >= total_) return std::nullopt;
  // Λ(t) = Rτ(1 − e^{−s/τ}) = c  ⇒  s = −τ ln(1 − c/(Rτ)).
  const double seconds = -decaySeconds_ * std::log1p(-cumulative_ / total_);
  return start_ + core::Duration(static_cast<std::int64_t>(seconds * 1e6));
}

}  // namespace cdnsim::sim
