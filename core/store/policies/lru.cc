// LRU: see lru.h.

#include "core/store/policies/lru.h"

namespace cdnsim::core::store {

std::optional<SlotIndex> LruPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (slot) queue_.moveToFront(links_, *slot);
  return slot;
}

}  // namespace cdnsim::core::store
