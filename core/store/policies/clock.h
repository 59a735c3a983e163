#pragma once
// CLOCK (Corbato, "A paging experiment with the Multics system", 1968): FIFO with a second
// chance. Each object has a reference bit, cleared on insert and set on a hit. To evict, the
// hand looks at the oldest object: if its bit is set, the bit is cleared and the object goes back
// to the front (it survives one more round); otherwise it is evicted. This is the queue form used
// by libCacheSim's Clock (1-bit counter, its default). No parameters.

#include <cstdint>
#include <vector>

#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

class ClockPolicy final : public IndexedPolicy {
 public:
  explicit ClockPolicy(std::uint64_t capacityUnits) : IndexedPolicy(capacityUnits) {}

  std::string_view name() const override { return "clock"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

 private:
  void evictOne();

  Links links_;
  std::vector<std::uint8_t> referenced_;
  IntrusiveList queue_;
};

}  // namespace cdnsim::core::store
