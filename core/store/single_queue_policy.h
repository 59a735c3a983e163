#pragma once
// The shared body of the one-queue policies (LRU, FIFO): a miss inserts at the front, eviction
// takes the back. They differ only in what a hit does, so each overrides find() alone.

#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

class SingleQueuePolicy : public IndexedPolicy {
 public:
  explicit SingleQueuePolicy(std::uint64_t capacityUnits) : IndexedPolicy(capacityUnits) {}

  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) final;
  bool erase(ObjectId id) final;
  std::uint64_t memoryBytes() const final;

 protected:
  Links links_;
  IntrusiveList queue_;  // front = newest (or most recently used), back = next victim
};

}  // namespace cdnsim::core::store
