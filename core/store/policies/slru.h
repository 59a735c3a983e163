#pragma once
// SLRU, segmented LRU (Karedla, Love & Wherry, "Caching strategies to improve disk system
// performance", IEEE Computer 1994). Two LRU segments: probation and protected.
//   - A miss enters the front of probation.
//   - A hit in probation moves the object to the front of protected; while protected holds more
//     than its share, its least recently used object is demoted to the front of probation.
//   - A hit in protected moves the object to its front.
//   - Eviction takes the back of probation (the back of protected if probation is empty).
// Parameter: protectedFraction, default 0.8 (the split CacheLib and Caffeine use; the paper leaves
// it to tuning). W-TinyLFU's main cache is an SLRU with the same split.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

struct SlruConfig {
  // Share of the capacity for the protected segment, in [0, 1).
  double protectedFraction{0.80};

  std::optional<std::string> validate() const;
};

class SlruPolicy final : public IndexedPolicy {
 public:
  // Precondition: config.validate() is empty.
  explicit SlruPolicy(std::uint64_t capacityUnits, const SlruConfig& config = {});

  std::string_view name() const override { return "slru"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

 private:
  void unlink(SlotIndex slot);

  std::uint64_t protectedCapacity_;
  Links links_;
  std::vector<std::uint8_t> isProtected_;
  IntrusiveList probation_;
  IntrusiveList protected_;
  std::uint64_t protectedUnits_ = 0;
};

}  // namespace cdnsim::core::store
