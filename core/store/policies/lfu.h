#pragma once
// LFU: evicts the object with the fewest hits since it entered the cache ("in-cache" LFU: the
// count starts at 1 on insert and is forgotten on eviction, as in libCacheSim's LFU).
// Tie-break: among objects of equal frequency, the least recently accessed one goes first.
//
// O(1) per operation (Shah, Mitra & Matani, "An O(1) algorithm for implementing the LFU cache
// eviction scheme", 2010): a list of frequency nodes in increasing order, each holding the
// objects of that frequency in recency order. A hit moves the object to the front of the node
// for frequency + 1 (created next to its current node if absent); eviction takes the back of the
// lowest node. Empty nodes are recycled. No parameters.

#include <cstdint>
#include <vector>

#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

class LfuPolicy final : public IndexedPolicy {
 public:
  explicit LfuPolicy(std::uint64_t capacityUnits) : IndexedPolicy(capacityUnits) {}

  std::string_view name() const override { return "lfu"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

  // The frequency of a cached object (for tests and inspection).
  std::optional<std::uint64_t> frequency(ObjectId id) const;

 private:
  using NodeIndex = std::uint32_t;
  struct FrequencyNode {
    std::uint64_t frequency = 0;
    IntrusiveList objects;      // front = most recently accessed
    NodeIndex lower = kNilSlot;  // towards lower frequencies
    NodeIndex higher = kNilSlot;
  };

  // A new node for `frequency` placed between `lower` and `higher` (either may be kNilSlot).
  NodeIndex makeNode(std::uint64_t frequency, NodeIndex lower, NodeIndex higher);
  void unlinkIfEmpty(NodeIndex node);
  void detach(SlotIndex slot);

  Links links_;
  std::vector<NodeIndex> nodeOf_;
  std::vector<FrequencyNode> nodes_;
  std::vector<NodeIndex> freeNodes_;
  NodeIndex lowest_ = kNilSlot;
};

}  // namespace cdnsim::core::store
