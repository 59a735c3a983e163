// SIEVE: see sieve.h.

#include "core/store/policies/sieve.h"

namespace cdnsim::core::store {

std::optional<SlotIndex> SievePolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (slot) visited_[*slot] = 1;
  return slot;
}

void SievePolicy::evictOne() {
  SlotIndex hand = hand_ ? *hand_ : *queue_.back();
  while (visited_[hand] != 0) {
    visited_[hand] = 0;
    const auto towardsFront = IntrusiveList::prev(links_, hand);
    hand = towardsFront ? *towardsFront : *queue_.back();
  }
  hand_ = IntrusiveList::prev(links_, hand);
  queue_.remove(links_, hand);
  evict(hand);
}

std::optional<SlotIndex> SievePolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  while (full(u)) evictOne();
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  ensureSlot(visited_, slot);
  visited_[slot] = 0;
  queue_.pushFront(links_, slot);
  return slot;
}

void SievePolicy::unlink(SlotIndex slot) {
  if (hand_ == slot) hand_ = IntrusiveList::prev(links_, slot);
  queue_.remove(links_, slot);
}

bool SievePolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  unlink(*slot);
  drop(*slot);
  return true;
}

std::uint64_t SievePolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link) + visited_.capacity();
}

}  // namespace cdnsim::core::store
