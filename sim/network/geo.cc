// Haversine distance and nearest-candidate search (see geo.h).
#include "sim/network/geo.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cdnsim::sim {

namespace {
constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;
}  // namespace

std::optional<std::string> GeoPoint::validate() const {
  if (!std::isfinite(latitudeDeg) || latitudeDeg < -90.0 || latitudeDeg > 90.0) {
    return fmt::format("latitude {} is outside -90..90 degrees", latitudeDeg);
  }
  if (!std::isfinite(longitudeDeg) || longitudeDeg < -180.0 || longitudeDeg > 180.0) {
    return fmt::format("longitude {} is outside -180..180 degrees", longitudeDeg);
  }
  return std::nullopt;
}

double greatCircleKm(GeoPoint a, GeoPoint b) {
  const double lat1 = a.latitudeDeg * kRadiansPerDegree;
  const double lat2 = b.latitudeDeg * kRadiansPerDegree;
  const double sinHalfDLat = std::sin((lat2 - lat1) / 2.0);
  const double sinHalfDLon = std::sin((b.longitudeDeg - a.longitudeDeg) * kRadiansPerDegree / 2.0);
  const double h = sinHalfDLat * sinHalfDLat + std::cos(lat1) * std::cos(lat2) * sinHalfDLon * sinHalfDLon;
  // Rounding can push h a hair above 1 for antipodal points.
  return 2.0 * kEarthRadiusKm * std::asin(std::sqrt(std::clamp(h, 0.0, 1.0)));
}

std::optional<std::size_t> nearestIndex(GeoPoint from, std::span<const GeoPoint> candidates) {
  std::optional<std::size_t> best;
  double bestKm = 0.0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const double km = greatCircleKm(from, candidates[i]);
    if (!best || km < bestKm) {  // strict: an equal distance keeps the earlier index
      best = i;
      bestKm = km;
    }
  }
  return best;
}

}  // namespace cdnsim::sim
