// CLOCK: see clock.h.

#include "core/store/policies/clock.h"

namespace cdnsim::core::store {

std::optional<SlotIndex> ClockPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (slot) referenced_[*slot] = 1;
  return slot;
}

void ClockPolicy::evictOne() {
  for (;;) {
    const SlotIndex oldest = *queue_.back();
    if (referenced_[oldest] == 0) {
      queue_.remove(links_, oldest);
      evict(oldest);
      return;
    }
    referenced_[oldest] = 0;  // second chance
    queue_.moveToFront(links_, oldest);
  }
}

std::optional<SlotIndex> ClockPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  while (full(u)) evictOne();
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  ensureSlot(referenced_, slot);
  referenced_[slot] = 0;
  queue_.pushFront(links_, slot);
  return slot;
}

bool ClockPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  queue_.remove(links_, *slot);
  drop(*slot);
  return true;
}

std::uint64_t ClockPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link) + referenced_.capacity();
}

}  // namespace cdnsim::core::store
