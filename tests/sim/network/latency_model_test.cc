// Latency model: propagation + base per hop, transfer time, rounding to integer microseconds.
#include "sim/network/latency_model.h"

#include <catch2/catch.hpp>

TEST_CASE("one-way latency is base plus distance over speed, rounded to the microsecond", "[sim][network]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyConfig;
  using cdnsim::sim::LatencyModel;
  // km -> microseconds with base 1000 us and 100 km/ms (10 us per km).
  auto [km, expectedUs] = GENERATE(table<double, std::int64_t>({
      {0.0, 1000}, {1.0, 1010}, {0.04, 1000}, {0.05, 1001}, {0.149, 1001}, {5540.0, 56400},
      {-5.0, 1000},  // nonsense distance saturates at zero propagation
  }));
  LatencyModel model(LatencyConfig{Duration(1000), 100.0, 1000.0});
  CHECK(model.oneWayForKm(km) == Duration(expectedUs));
}

TEST_CASE("JFK to LHR round trip with the default model", "[sim][network]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::GeoPoint;
  using cdnsim::sim::LatencyConfig;
  using cdnsim::sim::LatencyModel;
  LatencyModel model(LatencyConfig{});
  const GeoPoint jfk{40.639801, -73.7789}, lhr{51.4706, -0.461941};
  const Duration oneWay = model.oneWay(jfk, lhr);
  // ~5540 km at 100 km/ms = ~55.4 ms, plus 1 ms base.
  CHECK(oneWay.count() == Approx(56400).epsilon(0.01));
  CHECK(model.roundTrip(jfk, lhr) == 2 * oneWay);
  CHECK(model.oneWay(jfk, lhr) == model.oneWay(lhr, jfk));
  CHECK(model.oneWay(jfk, jfk) == LatencyConfig{}.base);
}

TEST_CASE("transfer time is bytes*8/Mbps microseconds, rounded up", "[sim][network]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyConfig;
  using cdnsim::sim::LatencyModel;
  using cdnsim::sim::transferTime;
  auto [bytes, mbps, expectedUs] = GENERATE(table<std::uint64_t, double, std::int64_t>({
      {0, 1000.0, 0},
      {1, 1000.0, 1},           // 0.008 us rounds up to 1
      {125, 1000.0, 1},         // exactly 1 us
      {126, 1000.0, 2},
      {1'000'000, 1000.0, 8000},  // 1 MB at 1 Gbit/s: 8 ms
      {1'000'000, 100.0, 80000},
      {5ULL << 30, 10000.0, 4294968},  // 5 GiB at 10 Gbit/s: ~4.3 s
  }));
  CHECK(transferTime(bytes, mbps) == Duration(expectedUs));
  LatencyModel model(LatencyConfig{Duration(0), 100.0, mbps});
  CHECK(model.transfer(bytes) == Duration(expectedUs));
}

TEST_CASE("latency config validation", "[sim][network]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyConfig;
  CHECK_FALSE(LatencyConfig{}.validate().has_value());
  CHECK(LatencyConfig{Duration(-1), 100.0, 1000.0}.validate().has_value());
  CHECK(LatencyConfig{Duration(0), 0.0, 1000.0}.validate().has_value());
  CHECK(LatencyConfig{Duration(0), 100.0, -1.0}.validate().has_value());
  CHECK(LatencyConfig{Duration(0), 100.0, std::nan("")}.validate().has_value());
}
