// Great-circle distances against published airport-to-airport distances, and the deterministic
// nearest-POP choice used for DNS routing.
#include "sim/network/geo.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace {
// Airport coordinates as in ../shared/data/cloudfront-edge-locations.csv.
constexpr cdnsim::sim::GeoPoint kJfk{40.639801, -73.7789};
constexpr cdnsim::sim::GeoPoint kLhr{51.4706, -0.461941};
constexpr cdnsim::sim::GeoPoint kLax{33.9425, -118.408};
constexpr cdnsim::sim::GeoPoint kSyd{-33.9461, 151.177};
constexpr cdnsim::sim::GeoPoint kNrt{35.7647, 140.386};
}  // namespace

TEST_CASE("great-circle distances match published route distances within 1%", "[sim][network][geo]") {
  using cdnsim::sim::GeoPoint;
  using cdnsim::sim::greatCircleKm;
  // Published great-circle distances (e.g. Great Circle Mapper, ellipsoidal): our sphere is within
  // half a percent of them.
  auto [name, a, b, km] = GENERATE(table<std::string, GeoPoint, GeoPoint, double>({
      {"JFK-LHR", kJfk, kLhr, 5540.0},
      {"LAX-JFK", kLax, kJfk, 3983.0},
      {"SYD-LAX", kSyd, kLax, 12051.0},
      {"LAX-NRT", kLax, kNrt, 8754.0},
  }));
  INFO(name);
  CHECK(greatCircleKm(a, b) == Approx(km).epsilon(0.01));
  CHECK(greatCircleKm(b, a) == Approx(greatCircleKm(a, b)).epsilon(1e-12));  // symmetric
}

TEST_CASE("great-circle distance special cases on the sphere", "[sim][network][geo]") {
  using cdnsim::sim::greatCircleKm;
  constexpr double kHalfCircumference = std::numbers::pi * cdnsim::sim::kEarthRadiusKm;
  CHECK(greatCircleKm(kJfk, kJfk) == 0.0);
  CHECK(greatCircleKm({0, 0}, {0, 180}) == Approx(kHalfCircumference));  // antipodes
  CHECK(greatCircleKm({90, 0}, {-90, 0}) == Approx(kHalfCircumference));
  CHECK(greatCircleKm({0, 0}, {0, 90}) == Approx(kHalfCircumference / 2));
  // Across the antimeridian: one degree of equator, not 359.
  CHECK(greatCircleKm({0, 179.5}, {0, -179.5}) == Approx(kHalfCircumference / 180).epsilon(1e-9));
}

TEST_CASE("nearestIndex picks the closest candidate", "[sim][network][geo]") {
  using cdnsim::sim::GeoPoint;
  using cdnsim::sim::nearestIndex;
  const std::vector<GeoPoint> pops{kLhr, kJfk, kSyd, kLax};
  CHECK(nearestIndex({48.85, 2.35}, pops) == 0u);      // Paris -> London
  CHECK(nearestIndex({42.36, -71.06}, pops) == 1u);    // Boston -> New York
  CHECK(nearestIndex({-37.81, 144.96}, pops) == 2u);   // Melbourne -> Sydney
  CHECK(nearestIndex({37.77, -122.42}, pops) == 3u);   // San Francisco -> Los Angeles
}

TEST_CASE("nearestIndex breaks ties by the lowest index and handles no candidates", "[sim][network][geo]") {
  using cdnsim::sim::GeoPoint;
  using cdnsim::sim::nearestIndex;
  const std::vector<GeoPoint> twins{{10, 10}, {0, 0}, {10, 10}, {0, 0}};
  CHECK(nearestIndex({0, 0}, twins) == 1u);
  CHECK(nearestIndex({10, 10}, twins) == 0u);
  // Equidistant on the equator, east and west.
  const std::vector<GeoPoint> sides{{0, 1}, {0, -1}};
  CHECK(nearestIndex({0, 0}, sides) == 0u);
  CHECK_FALSE(nearestIndex({0, 0}, std::span<const GeoPoint>{}).has_value());
}

TEST_CASE("GeoPoint validation rejects out-of-range coordinates", "[sim][network][geo]") {
  using cdnsim::sim::GeoPoint;
  auto [lat, lon, valid] = GENERATE(table<double, double, bool>({
      {0, 0, true}, {90, 180, true}, {-90, -180, true}, {90.01, 0, false}, {0, -180.5, false},
      {std::nan(""), 0, false}, {0, INFINITY, false},
  }));
  CHECK((GeoPoint{lat, lon}.validate().has_value()) == !valid);
}
