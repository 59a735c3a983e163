#pragma once
// A tiny deterministic generator for core/ (core must not depend on sim/random): SplitMix64
// (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014). Good
// enough for admission coin flips; the simulator's workloads use sim/random/rng.h.

#include <cstdint>

#include "core/split_mix64.h"

namespace cdnsim::core::store {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    return splitMix64Finalizer(state_ += 0x9E3779B97F4A7C15ULL);
  }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

}  // namespace cdnsim::core::store
