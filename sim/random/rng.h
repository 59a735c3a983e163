#pragma once
// Our own PRNG, so that a seed gives the same numbers on every machine and standard library:
// xoshiro256** (Blackman & Vigna, 2018) seeded through SplitMix64. Each independent random
// source (a client population, an origin) derives its own stream with Rng::stream(seed, id).

#include <cstdint>

#include "core/split_mix64.h"

namespace cdnsim::sim {

// SplitMix64 (Steele, Lea & Flood 2014): used to expand seeds, and as a cheap integer mixer.
constexpr std::uint64_t splitMix64(std::uint64_t& state) {
  return core::splitMix64Finalizer(state += 0x9E3779B97F4A7C15ULL);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  // An independent stream for source `streamId` under one run seed.
  static Rng stream(std::uint64_t seed, std::uint64_t streamId);

  std::uint64_t next();
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, bound) without modulo bias (Lemire's method); bound > 0.
  std::uint64_t below(std::uint64_t bound);

 private:
  std::uint64_t s_[4];
};

}  // namespace cdnsim::sim
