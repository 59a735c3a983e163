#pragma once
// When requests arrive, source by source (DESIGN.md: one PRNG stream per independent source; the
// caller passes each source its own Rng).
// - A client population: a Poisson process at its rate times its diurnal factor in local time. A
//   flat day draws exponential gaps exactly as a constant-rate population always has (the same
//   numbers from the same seed). Otherwise it thins (P. A. W. Lewis and G. S. Shedler,
//   "Simulation of nonhomogeneous Poisson processes by thinning", Naval Research Logistics
//   Quarterly 26(3), 1979): candidates at the peak rate, each kept with probability
//   factor(t) / maxFactor, so about maxFactor candidates per arrival (at most 2 for a sinusoid;
//   at most 100 for hourly curves, which the loader bounds).
// - A flash crowd: rate R·e^{−(t−T)/τ} from T on. Its cumulative rate Λ(t) = Rτ(1 − e^{−(t−T)/τ})
//   is inverted exactly: arrival i is at Λ⁻¹(E₁ + … + Eᵢ) with unit exponentials Eⱼ, until the sum
//   passes Rτ (the crowd's expected total). O(1) per arrival.
// Times are whole microseconds: each gap is rounded down, as the event queue counts them.

#include <optional>

#include "core/time.h"
#include "sim/random/distributions.h"
#include "sim/random/rng.h"
#include "sim/workload/diurnal.h"

namespace cdnsim::sim {

class PopulationArrivals {
 public:
  PopulationArrivals(double requestsPerSecond, DiurnalCurve curve, core::Duration utcOffset);
  // The next arrival after `now`.
  core::TimePoint next(Rng& rng, core::TimePoint now) const;

 private:
  DiurnalCurve curve_;
  core::Duration utcOffset_;
  Exponential gap_;  // at the peak rate (the mean rate for a flat day), in microseconds
};

class FlashCrowdArrivals {
 public:
  FlashCrowdArrivals(core::TimePoint start, double requestsPerSecond, core::Duration decay);
  // The next arrival, or nullopt once the crowd has dispersed. Keeps the cumulative rate reached.
  std::optional<core::TimePoint> next(Rng& rng);

 private:
  core::TimePoint start_;
  double decaySeconds_;
  double total_;            // Rτ: the expected number of arrivals
  double cumulative_ = 0;   // Λ at the last arrival
};

}  // namespace cdnsim::sim
