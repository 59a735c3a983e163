#pragma once
// A ghost queue: ids (with their sizes, in units) of recently evicted objects, no data, in
// eviction order, bounded in units. S3-FIFO's ghost, 2Q's A1out and ARC's B1/B2 are ghost queues:
// a hit on a ghost tells the policy that it evicted something it should have kept.
// Costs: O(1) per operation; ~8 bytes of table + 16 of id/size + 8 of links per ghost entry.

#include <cstdint>

#include "core/store/intrusive_list.h"
#include "core/store/object_index.h"

namespace cdnsim::core::store {

class GhostQueue {
 public:
  explicit GhostQueue(std::uint64_t capacityUnits) : capacity_(capacityUnits) {}

  bool contains(ObjectId id) const { return index_.find(id).has_value(); }

  // Precondition: `id` is not a ghost (policies remove an id from their ghosts when it is cached
  // again, so an evicted id never is; skipping the lookup saves a cache miss per eviction).
  // Remembers `id` as the newest ghost; forgets the oldest ghosts while over capacity. A ghost
  // larger than the whole capacity is not kept.
  void push(ObjectId id, std::uint64_t units) {
    if (units > capacity_) return;
    const SlotIndex slot = index_.add(id, units);
    ensureSlot(links_, slot);
    queue_.pushFront(links_, slot);
    units_ += units;
    while (units_ > capacity_) popOldest();
  }

  // Forgets `id`; returns whether it was a ghost.
  bool remove(ObjectId id) {
    const auto slot = index_.find(id);
    if (!slot) return false;
    queue_.remove(links_, *slot);
    units_ -= index_.size(*slot);
    index_.remove(*slot);
    return true;
  }

  // Precondition: not empty.
  void popOldest() {
    const SlotIndex slot = queue_.popBack(links_);
    units_ -= index_.size(slot);
    index_.remove(slot);
  }

  bool empty() const { return queue_.empty(); }
  std::uint64_t units() const { return units_; }
  std::uint64_t count() const { return index_.count(); }
  std::uint64_t memoryBytes() const {
    return index_.memoryBytes() + links_.capacity() * sizeof(Link);
  }

 private:
  std::uint64_t capacity_;
  std::uint64_t units_ = 0;
  ObjectIndex index_;
  Links links_;
  IntrusiveList queue_;
};

}  // namespace cdnsim::core::store
