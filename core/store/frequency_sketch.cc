// FrequencySketch: see frequency_sketch.h.

#include "core/store/frequency_sketch.h"

#include <algorithm>

#include "core/store/object_index.h"

namespace cdnsim::core::store {

namespace {

std::uint64_t nextPowerOfTwo(std::uint64_t x) {
  std::uint64_t p = 1;
  while (p < x) p <<= 1;
  return p;
}

// Row seeds: four independent-looking hashes from one mixer.
constexpr std::uint64_t kRowSeeds[4] = {0x97CB3127ULL, 0xC3A5C85C97CB3127ULL,
                                        0xB492B66FBE98F273ULL, 0x9AE16A3B2F90404FULL};
constexpr std::uint64_t kAgingMask = 0x7777777777777777ULL;  // drops each counter's low bit

}  // namespace

void FrequencySketch::resize(std::uint64_t expectedObjects) {
  expected_ = std::clamp<std::uint64_t>(expectedObjects, 16, std::uint64_t{1} << 26);
  const std::uint64_t words = nextPowerOfTwo(expected_);
  table_.assign(words, 0);
  tableMask_ = words - 1;
  // 16 bits per expected object.
  doorkeeper_.assign(words / 4, 0);
  doorkeeperMask_ = doorkeeper_.size() * 64 - 1;
  samples_ = 0;
  samplePeriod_ = 10 * expected_;
}

bool FrequencySketch::doorkeeperContains(std::uint64_t hash) const {
  // Double hashing (Kirsch & Mitzenmacher 2006): probe i is hash + i * step.
  const std::uint64_t step = (hash >> 32) | 1;
  for (std::uint64_t i = 0; i < 3; ++i) {
    const std::uint64_t bit = (hash + i * step) & doorkeeperMask_;
    if ((doorkeeper_[bit >> 6] & (std::uint64_t{1} << (bit & 63))) == 0) return false;
  }
  return true;
}

bool FrequencySketch::doorkeeperPut(std::uint64_t hash) {
  bool present = true;
  const std::uint64_t step = (hash >> 32) | 1;
  for (std::uint64_t i = 0; i < 3; ++i) {
    const std::uint64_t bit = (hash + i * step) & doorkeeperMask_;
    std::uint64_t& word = doorkeeper_[bit >> 6];
    const std::uint64_t mask = std::uint64_t{1} << (bit & 63);
    if ((word & mask) == 0) {
      present = false;
      word |= mask;
    }
  }
  return present;
}

void FrequencySketch::record(ObjectId id) {
  const std::uint64_t hash = mixId(id);
  if (doorkeeperPut(hash)) {
    for (const std::uint64_t seed : kRowSeeds) {
      const std::uint64_t h = mixId(hash ^ seed);
      std::uint64_t& word = table_[h & tableMask_];
      const unsigned shift = static_cast<unsigned>((h >> 60) * 4);  // one of 16 nibbles
      if (((word >> shift) & 0xF) != 0xF) word += std::uint64_t{1} << shift;
    }
  }
  if (++samples_ >= samplePeriod_) age();
}

std::uint32_t FrequencySketch::estimate(ObjectId id) const {
  const std::uint64_t hash = mixId(id);
  std::uint32_t lowest = 0xF;
  for (const std::uint64_t seed : kRowSeeds) {
    const std::uint64_t h = mixId(hash ^ seed);
    const unsigned shift = static_cast<unsigned>((h >> 60) * 4);
    lowest = std::min(lowest, static_cast<std::uint32_t>((table_[h & tableMask_] >> shift) & 0xF));
  }
  return lowest + (doorkeeperContains(hash) ? 1 : 0);
}

void FrequencySketch::age() {
  for (std::uint64_t& word : table_) word = (word >> 1) & kAgingMask;
  std::fill(doorkeeper_.begin(), doorkeeper_.end(), 0);
  samples_ /= 2;
}

}  // namespace cdnsim::core::store
