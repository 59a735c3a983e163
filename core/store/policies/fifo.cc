// FIFO: see fifo.h.

#include "core/store/policies/fifo.h"

namespace cdnsim::core::store {

std::optional<SlotIndex> FifoPolicy::find(ObjectId id) {
  return index_.find(id);  // a hit changes nothing: that is FIFO
}

std::optional<SlotIndex> FifoPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  while (full(u)) evict(queue_.popBack(links_));
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  queue_.pushFront(links_, slot);
  return slot;
}

bool FifoPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  queue_.remove(links_, *slot);
  drop(*slot);
  return true;
}

std::uint64_t FifoPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link);
}

}  // namespace cdnsim::core::store
