#pragma once
// Network latency on the virtual clock: propagation from great-circle distance plus a fixed
// per-hop overhead, and serialisation time of a body at a bandwidth. Integer microseconds out,
// rounded deterministically, so that runs are reproducible (DESIGN.md, "Determinism").
//
// Not modelled (on purpose, for now): queueing, loss, TCP slow start and handshakes (callers add
// round trips for those), jitter (callers may add a sampled term).

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
#include "sim/network/geo.h"

namespace cdnsim::sim {

using core::Duration;

struct LatencyConfig {
  // Fixed one-way cost of a hop regardless of distance: switching, kernel and NIC, the metro
  // segment at each end. >= 0.
  Duration base{std::chrono::microseconds(1000)};
  // Effective one-way speed over the great-circle distance, km per millisecond, > 0. Light in
  // silica fibre does ~204 km/ms (group index ~1.47, the "5 us per km" rule), i.e. 1.5x slower
  // than light in vacuum. Real paths are also longer than the great circle (cables follow coasts
  // and shelves, traffic detours through peering points): Singla et al., "The Internet at the
  // Speed of Light" (HotNets 2014), measure minimum ping times at roughly 3x the vacuum-light
  // time along the geodesic, which is ~100 km/ms one way. Well-provisioned backbone routes are
  // faster (New York-London RTT ~70-80 ms, ~140 km/ms): raise it per topology to model a private
  // backbone such as CloudFront's edge-to-region links.
  double kmPerMs{100.0};
  // Throughput of one transfer, megabits per second, > 0 (1 Mbit/s = 1 bit per microsecond).
  double bandwidthMbps{1000.0};

  std::optional<std::string> validate() const;
  friend bool operator==(const LatencyConfig&, const LatencyConfig&) = default;
};

// Serialisation time of `bytes` at `mbps`: bytes * 8 / mbps microseconds, rounded up (the
// transfer is not over before its last bit). 0 bytes take no time. Precondition: mbps > 0.
Duration transferTime(std::uint64_t bytes, double mbps);

class LatencyModel {
 public:
  // Precondition: config.validate() is empty.
  explicit LatencyModel(LatencyConfig config) : config_(config) {}

  const LatencyConfig& config() const { return config_; }

  // base + km / kmPerMs, the distance term rounded to the nearest microsecond (halves away from
  // zero). O(1): one haversine.
  Duration oneWay(GeoPoint a, GeoPoint b) const { return oneWayForKm(greatCircleKm(a, b)); }
  Duration oneWayForKm(double km) const;
  Duration roundTrip(GeoPoint a, GeoPoint b) const { return 2 * oneWay(a, b); }
  // Serialisation of a body at this model's bandwidth.
  Duration transfer(std::uint64_t bytes) const { return transferTime(bytes, config_.bandwidthMbps); }

 private:
  LatencyConfig config_;
};

}  // namespace cdnsim::sim
