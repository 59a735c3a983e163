#pragma once
// LatencyTable: one-way latencies between every pair of a topology's sites (clients' metros, POPs,
// regional caches, shields, origins), computed once from the LatencyModel and optionally replaced
// by explicit values (a topology's measured latency matrix). The request path then looks up a hop
// in O(1) instead of evaluating the haversine's trigonometry for every request.
//
// Costs: construction O(n^2) haversines; 8 bytes per ordered pair (1,000 sites: 8 MB); lookups
// O(1). Directions are stored separately, so asymmetric links can be modelled with set().

#include <cstddef>
#include <span>
#include <vector>

#include "core/time.h"
#include "sim/network/geo.h"
#include "sim/network/latency_model.h"

namespace cdnsim::sim {

class LatencyTable {
 public:
  LatencyTable(std::span<const GeoPoint> sites, const LatencyModel& model);

  std::size_t size() const { return size_; }

  // Preconditions for all: indices < size().
  Duration oneWay(std::size_t from, std::size_t to) const { return table_[from * size_ + to]; }
  Duration roundTrip(std::size_t a, std::size_t b) const { return oneWay(a, b) + oneWay(b, a); }

  // Overrides one direction (negative values are taken as zero).
  void set(std::size_t from, std::size_t to, Duration oneWay);
  // Overrides both directions.
  void setSymmetric(std::size_t a, std::size_t b, Duration oneWay);

 private:
  std::size_t size_;
  std::vector<Duration> table_;  // row-major: table_[from * size_ + to]
};

}  // namespace cdnsim::sim
