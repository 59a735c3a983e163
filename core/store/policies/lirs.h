#pragma once
// LIRS, Low Inter-reference Recency Set (Jiang & Zhang, "LIRS: an efficient low inter-reference
// recency set replacement policy to improve buffer cache performance", SIGMETRICS 2002).
// Objects are LIR (low inter-reference recency: kept) or HIR (high; candidates). The LIR set
// holds Llirs = 99% of the capacity, resident HIR objects the remaining Lhirs = 1% (the paper's
// setting). Two structures:
//   S - a recency stack of LIR objects, resident HIR objects and non-resident HIR ids, whose
//       bottom is always LIR ("stack pruning" removes HIR entries that reach the bottom);
//   Q - the resident HIR objects, the oldest evicted first.
// On a hit to an LIR object it moves to the top of S (then S is pruned). On a hit to a resident
// HIR object: if it is in S its inter-reference recency beats the bottom LIR's, so it becomes LIR
// and the bottom LIR becomes HIR (to the end of Q); otherwise it moves to the end of Q. On a
// miss the front of Q is evicted (staying in S as a non-resident id if it is there) and the
// newcomer, at the top of S, becomes LIR if its id was still in S, HIR otherwise. Until the LIR
// set is full every newcomer is LIR.
//
// Sizes and bounds (not in the paper): budgets are in units; a status change demotes bottom LIR
// objects until the LIR set fits again; if Q is empty when room is needed, the bottom LIR is
// demoted first. The paper leaves S unbounded; here the non-resident ids in S are bounded to
// `nonResidentFraction` x the capacity in units (default 1), dropping the one that became
// non-resident longest ago.
//
// Layout: the ObjectIndex holds resident objects and non-resident ids alike (a non-resident id
// keeps its slot until forgotten, its entry reset by the eviction listener), so one hash lookup
// serves both; contains(), peek() and objectCount() count resident objects only.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

struct LirsConfig {
  // Share of the capacity for resident HIR objects, Lhirs (paper: 1%; at least one unit).
  double hirFraction{0.01};
  // Bound on the units of non-resident HIR ids kept in S, as a share of the capacity.
  double nonResidentFraction{1.0};

  std::optional<std::string> validate() const;
};

class LirsPolicy final : public IndexedPolicy {
 public:
  // Precondition: config.validate() is empty.
  explicit LirsPolicy(std::uint64_t capacityUnits, const LirsConfig& config = {});

  std::string_view name() const override { return "lirs"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  bool contains(ObjectId id) const override { return peek(id).has_value(); }
  std::optional<SlotIndex> peek(ObjectId id) const override;
  std::uint64_t objectCount() const override { return residents_; }
  std::uint64_t memoryBytes() const override;

  // For tests: whether a cached object currently has LIR status.
  bool isLir(ObjectId id) const;

 private:
  enum class Status : std::uint8_t { kLir, kHirResident, kHirNonResident };

  void forget(SlotIndex slot);
  void toStackTop(SlotIndex slot);
  void prune();
  void demoteBottomLir();
  void evictFrontOfQ();

  std::uint64_t lirCapacity_;
  std::uint64_t nonResidentCapacity_;
  std::vector<Status> status_;
  std::vector<std::uint8_t> inStack_;
  Links stackLinks_;
  Links queueLinks_;           // Q for resident HIR slots, the non-resident list for the others
  IntrusiveList stack_;        // S: front = top
  IntrusiveList queue_;        // Q: back = next to evict
  IntrusiveList nonResident_;  // back = non-resident longest
  std::uint64_t lirUnits_ = 0;
  std::uint64_t nonResidentUnits_ = 0;
  std::uint64_t residents_ = 0;
};

}  // namespace cdnsim::core::store
