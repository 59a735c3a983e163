#pragma once
// LRU: evicts the least recently used object. One queue; a hit moves the object to the front,
// a miss inserts at the front, eviction takes the back. No parameters.
// The baseline of every caching study (e.g. Mattson et al. 1970, "Evaluation techniques for
// storage hierarchies"); the floor in DESIGN.md compares cachesim's LRU to a hand-written one.

#include "core/store/single_queue_policy.h"

namespace cdnsim::core::store {

class LruPolicy final : public SingleQueuePolicy {
 public:
  explicit LruPolicy(std::uint64_t capacityUnits) : SingleQueuePolicy(capacityUnits) {}

  std::string_view name() const override { return "lru"; }
  std::optional<SlotIndex> find(ObjectId id) override;
};

}  // namespace cdnsim::core::store
