#pragma once
// ARC, adaptive replacement cache (Megiddo & Modha, "ARC: a self-tuning, low overhead replacement
// cache", FAST 2003). Two resident LRU lists, T1 (seen once recently) and T2 (seen at least twice),
// and two ghost lists of ids, B1 and B2, remembering what was evicted from T1 and T2. A target p
// for T1's size adapts: a miss that hits B1 means T1 was too small (p grows by
// max(1, |B2|/|B1|)); one that hits B2 means T2 was too small (p shrinks by max(1, |B1|/|B2|)).
// REPLACE evicts T1's LRU into B1 when |T1| > p (or = p on a B2 hit), else T2's LRU into B2.
// The directory is bounded: |T1| + |B1| <= c and |T1| + |T2| + |B1| + |B2| <= 2c.
//
// Sizes: the paper counts pages; here every size is in units (bytes or objects) and the
// adaptation step is scaled by the newcomer's size, so with unit sizes this is exactly the
// paper's algorithm (its cases I-IV), and with bytes the same rules apply to byte totals, with
// as many REPLACE steps as the newcomer needs. No parameters (p starts at 0).

#include <cstdint>
#include <vector>

#include "core/store/ghost_queue.h"
#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

class ArcPolicy final : public IndexedPolicy {
 public:
  explicit ArcPolicy(std::uint64_t capacityUnits);

  std::string_view name() const override { return "arc"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

  // The adaptive target for T1, in units (for tests and inspection).
  std::uint64_t target() const { return p_; }

 private:
  void replace(bool hitInB2);
  void evictFromT1(bool remember);
  void unlink(SlotIndex slot);

  Links links_;
  std::vector<std::uint8_t> inT2_;
  IntrusiveList t1_;
  IntrusiveList t2_;
  std::uint64_t t1Units_ = 0;
  std::uint64_t t2Units_ = 0;
  GhostQueue b1_;
  GhostQueue b2_;
  std::uint64_t p_ = 0;
};

}  // namespace cdnsim::core::store
