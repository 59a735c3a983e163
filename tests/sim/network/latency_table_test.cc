// LatencyTable: the precomputed table agrees with the model, and overrides replace single entries.
#include "sim/network/latency_table.h"

#include <catch2/catch.hpp>

#include <vector>

namespace {
const std::vector<cdnsim::sim::GeoPoint> kSites{
    {40.639801, -73.7789},   // JFK
    {51.4706, -0.461941},    // LHR
    {35.7647, 140.386},      // NRT
    {-33.9461, 151.177},     // SYD
};
}

TEST_CASE("the latency table equals the model for every ordered pair", "[sim][network]") {
  using cdnsim::sim::LatencyConfig;
  using cdnsim::sim::LatencyModel;
  using cdnsim::sim::LatencyTable;
  LatencyModel model(LatencyConfig{});
  LatencyTable table(kSites, model);
  REQUIRE(table.size() == kSites.size());
  for (std::size_t i = 0; i < kSites.size(); ++i) {
    for (std::size_t j = 0; j < kSites.size(); ++j) {
      CHECK(table.oneWay(i, j) == model.oneWay(kSites[i], kSites[j]));
    }
    CHECK(table.oneWay(i, i) == LatencyConfig{}.base);
  }
  CHECK(table.roundTrip(0, 1) == model.roundTrip(kSites[0], kSites[1]));
}

TEST_CASE("latency table overrides change only the given directions", "[sim][network]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyConfig;
  using cdnsim::sim::LatencyModel;
  using cdnsim::sim::LatencyTable;
  LatencyModel model(LatencyConfig{});
  LatencyTable table(kSites, model);
  const Duration original = table.oneWay(1, 0);
  table.set(0, 1, Duration(35'000));  // a fast private backbone, one direction
  CHECK(table.oneWay(0, 1) == Duration(35'000));
  CHECK(table.oneWay(1, 0) == original);
  CHECK(table.roundTrip(0, 1) == Duration(35'000) + original);
  table.setSymmetric(2, 3, Duration(50'000));
  CHECK(table.oneWay(2, 3) == Duration(50'000));
  CHECK(table.oneWay(3, 2) == Duration(50'000));
  table.set(3, 3, Duration(-7));
  CHECK(table.oneWay(3, 3) == Duration(0));
}

TEST_CASE("an empty site list gives an empty table", "[sim][network]") {
  using cdnsim::sim::GeoPoint;
  using cdnsim::sim::LatencyConfig;
  using cdnsim::sim::LatencyModel;
  using cdnsim::sim::LatencyTable;
  LatencyTable table(std::span<const GeoPoint>{}, LatencyModel(LatencyConfig{}));
  CHECK(table.size() == 0);
}
