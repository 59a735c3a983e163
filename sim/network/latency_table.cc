// Precomputed site-to-site latencies (see latency_table.h).
#include "sim/network/latency_table.h"

#include <algorithm>

namespace cdnsim::sim {

LatencyTable::LatencyTable(std::span<const GeoPoint> sites, const LatencyModel& model)
    : size_(sites.size()), table_(sites.size() * sites.size()) {
  for (std::size_t i = 0; i < size_; ++i) {
    table_[i * size_ + i] = model.oneWayForKm(0.0);
    for (std::size_t j = i + 1; j < size_; ++j) {
      // The distance is symmetric: compute it once per unordered pair.
      const Duration d = model.oneWay(sites[i], sites[j]);
      table_[i * size_ + j] = d;
      table_[j * size_ + i] = d;
    }
  }
}

void LatencyTable::set(std::size_t from, std::size_t to, Duration oneWay) {
  table_[from * size_ + to] = std::max(oneWay, Duration::zero());
}

void LatencyTable::setSymmetric(std::size_t a, std::size_t b, Duration oneWay) {
  set(a, b, oneWay);
  set(b, a, oneWay);
}

}  // namespace cdnsim::sim
