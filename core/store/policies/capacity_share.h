#pragma once
// The part of a cache's capacity a policy gives one of its queues (2Q's Kin, S3-FIFO's small queue).

#include <cstdint>

namespace cdnsim::core::store {

inline std::uint64_t capacityShare(std::uint64_t capacity, double fraction) {
  return static_cast<std::uint64_t>(static_cast<double>(capacity) * fraction);
}

}  // namespace cdnsim::core::store
