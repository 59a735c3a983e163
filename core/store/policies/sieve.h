#pragma once
// SIEVE (Zhang et al., "SIEVE is simpler than LRU: an efficient turn-key eviction algorithm for
// web caches", NSDI 2024). One FIFO queue, a visited bit per object and a hand. New objects enter
// at the front (unvisited); a hit only sets the visited bit. To evict, the hand starts at the
// back (oldest) and moves towards the front: a visited object has its bit cleared and stays in
// place; the first unvisited object is evicted and the hand stays where it was, at that object's
// neighbour towards the front. Reaching the front wraps the hand to the back. Unlike CLOCK,
// survivors are not moved, so new objects that are never hit are evicted quickly ("quick
// demotion") while old popular objects keep their place ("lazy promotion"). No parameters.

#include <cstdint>
#include <vector>

#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

class SievePolicy final : public IndexedPolicy {
 public:
  explicit SievePolicy(std::uint64_t capacityUnits) : IndexedPolicy(capacityUnits) {}

  std::string_view name() const override { return "sieve"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

 private:
  void evictOne();
  void unlink(SlotIndex slot);

  Links links_;
  std::vector<std::uint8_t> visited_;
  IntrusiveList queue_;
  std::optional<SlotIndex> hand_;  // nullopt: start from the back
};

}  // namespace cdnsim::core::store
