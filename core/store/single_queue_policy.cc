#include "core/store/single_queue_policy.h"

namespace cdnsim::core::store {

std::optional<SlotIndex> SingleQueuePolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  while (full(u)) evict(queue_.popBack(links_));
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  queue_.pushFront(links_, slot);
  // The next insert here will probably evict the back, an insert at this node being many events
  // away: start loading the victim's record and its neighbour's link (popBack writes it) now,
  // rather than waiting for each then. Only a hint; reading the back's own link is cheap after
  // an eviction, which has just written it.
  if (const auto tail = queue_.back()) {
    index_.prefetchRecord(*tail);
    if (const auto before = IntrusiveList::prev(links_, *tail)) {
      __builtin_prefetch(&links_[*before]);
    }
  }
  return slot;
}

bool SingleQueuePolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  queue_.remove(links_, *slot);
  drop(*slot);
  return true;
}

std::uint64_t SingleQueuePolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link);
}

}  // namespace cdnsim::core::store
