#pragma once
// 2Q, the full version (Johnson & Shasha, "2Q: a low overhead high performance buffer management
// replacement algorithm", VLDB 1994). Three queues:
//   A1in  - FIFO of objects seen once recently (resident), at most Kin units;
//   A1out - ghost FIFO of ids evicted from A1in (not resident), at most Kout units;
//   Am    - LRU of objects seen again after leaving A1in (resident).
// A hit in Am moves the object to Am's front; a hit in A1in changes nothing (correlated
// references). A miss whose id is in A1out enters Am; any other miss enters A1in. To make room:
// if A1in holds more than Kin (or Am is empty), A1in's oldest object is evicted into A1out;
// otherwise Am's least recently used object is evicted (and forgotten).
// Parameters: Kin = 25% and Kout = 50% of the capacity, the paper's recommended settings.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/ghost_queue.h"
#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

struct TwoQConfig {
  // Kin: share of the capacity for A1in (paper: 25%).
  double inFraction{0.25};
  // Kout: A1out's size as a share of the capacity (paper: 50%).
  double outFraction{0.50};

  std::optional<std::string> validate() const;
};

class TwoQPolicy final : public IndexedPolicy {
 public:
  // Precondition: config.validate() is empty.
  explicit TwoQPolicy(std::uint64_t capacityUnits, const TwoQConfig& config = {});

  std::string_view name() const override { return "2q"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

 private:
  void reclaim();
  void unlink(SlotIndex slot);

  std::uint64_t inCapacity_;
  Links links_;
  std::vector<std::uint8_t> inAm_;
  IntrusiveList a1in_;
  IntrusiveList am_;
  std::uint64_t a1inUnits_ = 0;
  GhostQueue a1out_;
};

}  // namespace cdnsim::core::store
