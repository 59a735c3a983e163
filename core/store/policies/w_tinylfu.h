#pragma once
// W-TinyLFU (Einziger, Friedman & Manes, "TinyLFU: a highly efficient cache admission policy",
// ACM ToS 2017; the design of Caffeine). A small LRU "window" (1% of the capacity) takes every
// newcomer; the main cache (99%) is an SLRU (80% protected, 20% probation). When the window
// overflows, its LRU object becomes a candidate for main: if main has room it enters probation;
// otherwise it is compared with main's victim (probation's LRU, or protected's if probation is
// empty) and admitted only if its estimated frequency is strictly higher, in which case the victim
// is evicted (and the next victim compared, until the candidate fits); else the candidate is
// evicted. Frequencies come from a FrequencySketch (count-min, 4-bit counters, doorkeeper, reset
// after 10 x the objects it is sized for); every hit and every insert records one access.
//
// Sizes: window, protected and probation budgets are in units, so byte caches work unchanged.
// The sketch must be sized in objects, which a byte capacity does not give: it starts sized for
// min(capacity, 1024) objects and doubles (forgetting its counts, as Caffeine's
// FrequencySketch.ensureCapacity does when the maximum grows) whenever the cache holds more
// objects than it is sized for. For an object-count cache that is capacity objects, as in Caffeine.
// Left out: Caffeine's hill-climbing window resizing and its random admission of warm candidates
// (a defence against hash flooding); the paper's static 1% window is used.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/frequency_sketch.h"
#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

struct WTinyLfuConfig {
  // Window share of the capacity (paper and Caffeine's initial setting: 1%).
  double windowFraction{0.01};
  // Protected share of the main cache (Caffeine: 80%).
  double protectedFraction{0.80};

  std::optional<std::string> validate() const;
};

class WTinyLfuPolicy final : public IndexedPolicy {
 public:
  // Precondition: config.validate() is empty.
  explicit WTinyLfuPolicy(std::uint64_t capacityUnits, const WTinyLfuConfig& config = {});

  std::string_view name() const override { return "wtinylfu"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

  std::uint32_t estimate(ObjectId id) const { return sketch_.estimate(id); }

 private:
  enum Segment : std::uint8_t { kWindow, kProbation, kProtected };

  // Offers the window's LRU object to main; returns false if that object was `newcomer` and it
  // was refused (dropped without a listener call, since it was never admitted).
  bool offerToMain(SlotIndex candidate, std::optional<SlotIndex> newcomer);
  void unlink(SlotIndex slot);
  void pushTo(Segment segment, SlotIndex slot);

  std::uint64_t windowCapacity_;
  std::uint64_t mainCapacity_;
  std::uint64_t protectedCapacity_;
  Links links_;
  std::vector<Segment> segment_;
  IntrusiveList window_;
  IntrusiveList probation_;
  IntrusiveList protected_;
  std::uint64_t windowUnits_ = 0;
  std::uint64_t probationUnits_ = 0;
  std::uint64_t protectedUnits_ = 0;
  FrequencySketch sketch_;
};

}  // namespace cdnsim::core::store
