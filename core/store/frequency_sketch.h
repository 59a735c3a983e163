#pragma once
// TinyLFU's approximate frequency histogram (Einziger, Friedman & Manes, "TinyLFU: a highly
// efficient cache admission policy", ACM ToS 2017), laid out like Caffeine's FrequencySketch:
//   - a count-min sketch of 4-bit counters (16 per 64-bit word), 4 counters per id, one per
//     row, the table holding `nextPow2(expectedObjects)` words;
//   - a doorkeeper, a Bloom filter that absorbs the first occurrence of each id, so one-hit
//     wonders never reach the counters (16 bits per expected object, 3 probes);
//   - aging: after W = 10 x expectedObjects recorded accesses every counter is halved and the
//     doorkeeper cleared ("reset"), so the histogram follows a changing popularity.
// estimate(id) = min of its 4 counters + 1 if the doorkeeper holds it (0..16).
// Pure and deterministic: hashing is a fixed mixer of the id.

#include <cstdint>
#include <vector>

#include "core/store/eviction_policy.h"

namespace cdnsim::core::store {

class FrequencySketch {
 public:
  explicit FrequencySketch(std::uint64_t expectedObjects) { resize(expectedObjects); }

  // Sizes for `expectedObjects` (clamped to [16, 2^26]) and forgets every count.
  void resize(std::uint64_t expectedObjects);
  std::uint64_t expectedObjects() const { return expected_; }

  // Records one access to `id`, aging the sketch when the sample period ends.
  void record(ObjectId id);
  std::uint32_t estimate(ObjectId id) const;

  std::uint64_t memoryBytes() const {
    return (table_.capacity() + doorkeeper_.capacity()) * sizeof(std::uint64_t);
  }

 private:
  bool doorkeeperContains(std::uint64_t hash) const;
  // Adds to the doorkeeper; returns whether it was already there.
  bool doorkeeperPut(std::uint64_t hash);
  void age();

  std::uint64_t expected_ = 0;
  std::vector<std::uint64_t> table_;
  std::uint64_t tableMask_ = 0;
  std::vector<std::uint64_t> doorkeeper_;
  std::uint64_t doorkeeperMask_ = 0;  // over bits
  std::uint64_t samples_ = 0;
  std::uint64_t samplePeriod_ = 0;
};

}  // namespace cdnsim::core::store
