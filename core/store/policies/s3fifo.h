#pragma once
// S3-FIFO (Yang et al., "FIFO queues are all you need for cache eviction", SOSP 2023).
// Three FIFO queues: a small queue S (10% of the capacity), a main queue M (the rest) and a ghost
// queue G of ids recently evicted from S (as large as M, in units, like libCacheSim). Each cached
// object has a 2-bit frequency (0..3), incremented on a hit.
//   - A miss whose id is in G goes to the front of M; any other miss goes to the front of S.
//   - Eviction: from S when S holds at least its share (or M is empty), else from M.
//   - Evicting from S: the oldest object moves to M if it was re-accessed while in S
//     (frequency >= moveToMainThreshold, default 1) with its frequency reset (and M is trimmed if
//     that overfills it); otherwise it is evicted and remembered in G. Repeat until one leaves.
//   - Evicting from M: the oldest object with frequency > 0 is reinserted at the front with
//     frequency - 1 (a 2-bit CLOCK); the first with frequency 0 is evicted.
// This follows the paper's Algorithm 1. libCacheSim's current S3FIFO.c differs, so miss ratios
// are close to but not identical with its numbers: it promotes from S after two hits
// (move-to-main-threshold=2; here moveToMainThreshold, default 1 = re-access), refuses objects at
// least as large as S, checks the ghost before evicting rather than after, evicts from M only
// when M exceeds its share, and sends newcomers to M while S is full and nothing was evicted yet.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store/ghost_queue.h"
#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

struct S3FifoConfig {
  // Share of the capacity for the small FIFO (paper: 10%).
  double smallFraction{0.10};
  // Ghost capacity as a share of the capacity (paper: as large as the main queue, 90%).
  double ghostFraction{0.90};
  // Hits while in the small queue needed to move to main rather than be evicted (1 = re-access).
  unsigned moveToMainThreshold{1};

  std::optional<std::string> validate() const;
};

class S3FifoPolicy final : public IndexedPolicy {
 public:
  // Precondition: config.validate() is empty.
  explicit S3FifoPolicy(std::uint64_t capacityUnits, const S3FifoConfig& config = {});

  std::string_view name() const override { return "s3fifo"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

 private:
  void evictOne();
  void evictSmall();
  void evictMain();

  S3FifoConfig config_;
  std::uint64_t smallCapacity_;
  std::uint64_t mainCapacity_;
  Links links_;
  std::vector<std::uint8_t> frequency_;
  std::vector<std::uint8_t> inMain_;
  IntrusiveList small_;
  IntrusiveList main_;
  std::uint64_t smallUnits_ = 0;
  std::uint64_t mainUnits_ = 0;
  GhostQueue ghost_;
};

}  // namespace cdnsim::core::store
