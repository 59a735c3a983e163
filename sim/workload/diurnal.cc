#include "sim/workload/diurnal.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cdnsim::sim {

DiurnalCurve::DiurnalCurve(const core::config::DiurnalConfig& config) {
  if (config.kind == core::config::DiurnalConfig::Kind::Sinusoid) {
    kind_ = Kind::Sinusoid;
    amplitude_ = (config.peakToTrough - 1.0) / (config.peakToTrough + 1.0);
    peakHour_ = config.peakHour;
    max_ = 1.0 + amplitude_;
    return;
  }
  kind_ = Kind::Hourly;
  double sum = 0;
  for (const double v : config.hourly) sum += v;
  const double mean = sum / 24.0;
  for (std::size_t h = 0; h < 24; ++h) hourly_[h] = config.hourly[h] / mean;
  max_ = *std::max_element(hourly_.begin(), hourly_.end());
}

double DiurnalCurve::factor(double localHour) const {
  switch (kind_) {
    case Kind::Flat:
      return 1.0;
    case Kind::Sinusoid:
      return 1.0 + amplitude_ * std::cos(2.0 * std::numbers::pi * (localHour - peakHour_) / 24.0);
    case Kind::Hourly: {
      const double floorHour = std::floor(localHour);
      const auto h = static_cast<std::size_t>(floorHour) % 24;
      const double frac = localHour - floorHour;
      return hourly_[h] + (hourly_[(h + 1) % 24] - hourly_[h]) * frac;
    }
  }
  return 1.0;
}

double localHourOfDay(core::TimePoint t, core::Duration utcOffset) {
  constexpr std::int64_t kDayUs = 86'400'000'000;
  const std::int64_t us = (t.time_since_epoch() + utcOffset).count();
  const std::int64_t ofDay = ((us % kDayUs) + kDayUs) % kDayUs;
  return static_cast<double>(ofDay) / 3.6e9;
}

}  // namespace cdnsim::sim
