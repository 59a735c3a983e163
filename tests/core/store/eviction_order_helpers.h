#pragma once
// Helpers for the per-policy eviction-order tests: replay a sequence of requests (unit sizes
// unless given) and collect the ids the policy evicted, in order.

#include <string>
#include <vector>

#include "core/store/eviction_policy.h"

namespace cdnsim::core::store::testing {

struct EvictionRecorder {
  std::vector<ObjectId> evicted;
  explicit EvictionRecorder(EvictionPolicy& policy) {
    policy.setEvictionListener(
        [](void* self, ObjectId id, SlotIndex) {
          static_cast<EvictionRecorder*>(self)->evicted.push_back(id);
        },
        this);
  }
};

// Replays `ids` (each of size 1) through access(); returns the hit ('h') / miss ('m') string.
inline std::string replay(EvictionPolicy& policy, const std::vector<ObjectId>& ids) {
  std::string outcome;
  for (const ObjectId id : ids) outcome += policy.access(id, 1) ? 'h' : 'm';
  return outcome;
}

}  // namespace cdnsim::core::store::testing
