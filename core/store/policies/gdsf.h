#pragma once
// GDSF, Greedy-Dual-Size-Frequency (Cherkasova, "Improving WWW proxies performance with
// Greedy-Dual-Size-Frequency caching policy", HP Labs TR HPL-98-69, 1998). Each cached object has
// a priority H = L + frequency * cost / size, with cost = 1 (maximises the object hit ratio) and
// size in units; L, the inflation value, is the priority of the last evicted object, so objects
// not touched for a while age relative to newcomers. A hit increments the frequency and
// recomputes H with the current L. Eviction takes the lowest H; ties go to the object whose
// priority was set earliest. The frequency starts at 1 and is forgotten on eviction.
// Structure: a binary min-heap of slots with each slot's heap position, O(log n) per hit and
// eviction. No parameters.

#include <cstdint>
#include <vector>

#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

class GdsfPolicy final : public IndexedPolicy {
 public:
  explicit GdsfPolicy(std::uint64_t capacityUnits) : IndexedPolicy(capacityUnits) {}

  std::string_view name() const override { return "gdsf"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

  double inflation() const { return inflation_; }

 private:
  struct Meta {
    double priority = 0;
    std::uint64_t sequence = 0;  // when the priority was last set: the tie-break
    std::uint32_t frequency = 0;
    std::uint32_t heapPosition = 0;
  };

  bool before(SlotIndex a, SlotIndex b) const {
    const Meta& x = meta_[a];
    const Meta& y = meta_[b];
    return x.priority < y.priority || (x.priority == y.priority && x.sequence < y.sequence);
  }
  void setPriority(SlotIndex slot);
  void place(std::uint32_t position, SlotIndex slot);
  void siftUp(std::uint32_t position);
  void siftDown(std::uint32_t position);
  void removeFromHeap(SlotIndex slot);

  std::vector<Meta> meta_;
  std::vector<SlotIndex> heap_;
  double inflation_ = 0;
  std::uint64_t sequence_ = 0;
};

}  // namespace cdnsim::core::store
