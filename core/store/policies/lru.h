#pragma once
// LRU: evicts the least recently used object. One queue; a hit moves the object to the front,
// a miss inserts at the front, eviction takes the back. No parameters.
// The baseline of every caching study (e.g. Mattson et al. 1970, "Evaluation techniques for
// storage hierarchies"); the floor in DESIGN.md compares cachesim's LRU to a hand-written one.

#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

class LruPolicy final : public IndexedPolicy {
 public:
  explicit LruPolicy(std::uint64_t capacityUnits) : IndexedPolicy(capacityUnits) {}

  std::string_view name() const override { return "lru"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

 private:
  Links links_;
  IntrusiveList queue_;
};

}  // namespace cdnsim::core::store
