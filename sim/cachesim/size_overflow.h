#pragma once
// A request whose size cannot be added to a byte total: the sum would pass 2^64 - 1. A wrapped
// total would silently shrink a cache sized as a fraction of the working set, or turn a byte miss
// ratio into nonsense, so the passes that sum sizes stop at the first such request and say where.

#include <cstdint>

namespace cdnsim::sim::cachesim {

struct SizeOverflow {
  std::uint64_t record{0};  // 1-based among all records the reader handed out (zero-size included)
  std::uint64_t size{0};
  bool operator==(const SizeOverflow&) const = default;
};

}  // namespace cdnsim::sim::cachesim
