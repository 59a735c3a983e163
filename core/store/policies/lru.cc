// LRU: see lru.h.

#include "core/store/policies/lru.h"

namespace cdnsim::core::store {

std::optional<SlotIndex> LruPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (slot) queue_.moveToFront(links_, *slot);
  return slot;
}

std::optional<SlotIndex> LruPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  while (full(u)) evict(queue_.popBack(links_));
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  queue_.pushFront(links_, slot);
  return slot;
}

bool LruPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  queue_.remove(links_, *slot);
  drop(*slot);
  return true;
}

std::uint64_t LruPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link);
}

}  // namespace cdnsim::core::store
