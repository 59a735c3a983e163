#pragma once
// The common part of every policy in core/store/policies/: an ObjectIndex, the capacity and the
// units in use, and the bookkeeping of admitting and dropping objects. Policies derive from it and
// implement find/insert/erase with their own queues.

#include <cstdint>
#include <optional>

#include "core/store/eviction_policy.h"
#include "core/store/object_index.h"

namespace cdnsim::core::store {

class IndexedPolicy : public EvictionPolicy {
 public:
  explicit IndexedPolicy(std::uint64_t capacityUnits) : capacity_(capacityUnits) {}

  // Overridden only by policies whose index also holds non-resident ids (LIRS).
  bool contains(ObjectId id) const override { return index_.find(id).has_value(); }
  std::optional<SlotIndex> peek(ObjectId id) const override { return index_.find(id); }
  void prefetch(ObjectId id) const override { index_.prefetch(id); }
  std::uint64_t objectCount() const override { return index_.count(); }
  std::uint64_t usedUnits() const final { return used_; }
  std::uint64_t capacityUnits() const final { return capacity_; }
  std::uint64_t memoryBytes() const override { return sizeof(*this) + index_.memoryBytes(); }

 protected:
  // A zero-size object still costs one unit (its metadata), which keeps the cache bounded.
  static std::uint64_t units(std::uint64_t size) { return size == 0 ? 1 : size; }
  bool fits(std::uint64_t units) const { return units <= capacity_; }
  bool full(std::uint64_t incomingUnits) const { return used_ + incomingUnits > capacity_; }

  SlotIndex admit(ObjectId id, std::uint64_t units) {
    used_ += units;
    return index_.add(id, units);
  }
  // Forgets `slot` without telling the listener (erase, or a policy-internal drop).
  void drop(SlotIndex slot) {
    used_ -= index_.size(slot);
    index_.remove(slot);
  }
  // Evicts `slot`: tells the listener, then forgets it.
  void evict(SlotIndex slot) {
    notifyEvicted(index_.id(slot), slot);
    drop(slot);
  }

  ObjectIndex index_;
  std::uint64_t capacity_;
  std::uint64_t used_ = 0;
};

}  // namespace cdnsim::core::store
