#pragma once
// SplitMix64's output function (Steele, Lea & Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014; Stafford's "variant 13" mixer): a bijection of 64-bit words in which
// every output bit depends on every input bit. Spreads sequential ids over hash slots, and turns
// small integers into ETags and request ids; the SplitMix64 generators apply it to a counter.

#include <cstdint>

namespace cdnsim::core {

constexpr std::uint64_t splitMix64Finalizer(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace cdnsim::core
