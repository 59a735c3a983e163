#pragma once
// A population's request rate over its local day (core/config/workload.h DiurnalConfig), as a
// factor of its daily mean: the mean over a day is exactly 1, so `requests_per_second` stays the
// daily average and the run's expected length does not depend on the curve.
//   sinusoid: 1 + a·cos(2π(h − peak)/24) with a = (r − 1)/(r + 1), r the peak-to-trough ratio;
//   hourly:   the 24 given rates at hh:00 local time, linear in between (and from 23:00 back to
//             00:00), divided by their mean (a periodic piecewise-linear curve's mean is the mean
//             of its points).
// Costs: factor() is one cos (sinusoid) or one interpolation (hourly).

#include <array>

#include "core/config/workload.h"
#include "core/time.h"

namespace cdnsim::sim {

class DiurnalCurve {
 public:
  // A flat day: factor 1 at every hour.
  DiurnalCurve() = default;
  explicit DiurnalCurve(const core::config::DiurnalConfig& config);

  // The rate factor at a local hour of the day, 0 <= hour < 24.
  double factor(double localHour) const;
  // The largest factor over the day (the thinning bound).
  double maxFactor() const { return max_; }
  bool flat() const { return kind_ == Kind::Flat; }

 private:
  enum class Kind { Flat, Sinusoid, Hourly };
  Kind kind_ = Kind::Flat;
  double amplitude_ = 0;  // sinusoid: a
  double peakHour_ = 0;
  std::array<double, 24> hourly_{};  // normalised to mean 1
  double max_ = 1;
};

// The local hour of the day (0 <= h < 24, fractional) at UTC time `t` for a UTC offset.
double localHourOfDay(core::TimePoint t, core::Duration utcOffset);

}  // namespace cdnsim::sim
