// Distance and size to integer microseconds (see latency_model.h).
#include "sim/network/latency_model.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace cdnsim::sim {

namespace {
// Converts a non-negative real number of microseconds to a Duration, saturating instead of
// overflowing (a nonsense distance must not wrap into a negative time).
Duration saturatingMicros(double micros) {
  constexpr double kMax = 9.0e18;  // below INT64_MAX, exactly representable range is enough
  if (!(micros > 0.0)) return Duration::zero();
  if (micros >= kMax) return Duration(static_cast<std::int64_t>(kMax));
  return Duration(static_cast<std::int64_t>(micros));
}
}  // namespace

std::optional<std::string> LatencyConfig::validate() const {
  if (base < Duration::zero()) return fmt::format("latency: base must be >= 0, got {} us", base.count());
  if (!std::isfinite(kmPerMs) || kmPerMs <= 0.0) return fmt::format("latency: kmPerMs must be > 0, got {}", kmPerMs);
  if (!std::isfinite(bandwidthMbps) || bandwidthMbps <= 0.0) {
    return fmt::format("latency: bandwidthMbps must be > 0, got {}", bandwidthMbps);
  }
  return std::nullopt;
}

Duration transferTime(std::uint64_t bytes, double mbps) {
  if (bytes == 0) return Duration::zero();
  return saturatingMicros(std::ceil(static_cast<double>(bytes) * 8.0 / mbps));
}

Duration LatencyModel::oneWayForKm(double km) const {
  // std::round: halves away from zero, the same on every IEEE machine.
  return config_.base + saturatingMicros(std::round(km / config_.kmPerMs * 1000.0));
}

}  // namespace cdnsim::sim
