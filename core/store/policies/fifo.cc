// FIFO: see fifo.h.

#include "core/store/policies/fifo.h"

namespace cdnsim::core::store {

std::optional<SlotIndex> FifoPolicy::find(ObjectId id) {
  return index_.find(id);  // a hit changes nothing: that is FIFO
}

}  // namespace cdnsim::core::store
