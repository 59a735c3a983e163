#pragma once
// Geography for the network model: points on the Earth, great-circle distances, and the
// DNS-style "nearest point of presence" choice. Pure functions, no state.

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace cdnsim::sim {

struct GeoPoint {
  double latitudeDeg{0.0};  // -90 (south pole) .. 90 (north pole)
  double longitudeDeg{0.0};  // -180 .. 180, east positive
  // Error message when a coordinate is out of range or not finite.
  std::optional<std::string> validate() const;
  friend bool operator==(const GeoPoint&, const GeoPoint&) = default;
};

// Mean Earth radius (IUGG R1 = (2a + b) / 3 of WGS 84), the usual choice for spherical formulas.
inline constexpr double kEarthRadiusKm = 6371.0088;

// Great-circle distance on a sphere of radius kEarthRadiusKm, by the haversine formula (well
// conditioned for short distances too). Within ~0.5% of the ellipsoidal distance; exact enough
// for latency, where routing inflation is a far larger error.
double greatCircleKm(GeoPoint a, GeoPoint b);

// Index of the candidate nearest to `from` by great-circle distance: the stand-in for CloudFront's
// latency-based DNS routing to a POP. Ties go to the lowest index, so the choice is deterministic.
// nullopt when there is no candidate. O(candidates).
std::optional<std::size_t> nearestIndex(GeoPoint from, std::span<const GeoPoint> candidates);

}  // namespace cdnsim::sim
