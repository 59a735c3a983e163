// The one SplitMix64 mixer every hash table, ETag and generator of the project shares.

#include "core/split_mix64.h"

#include <catch2/catch.hpp>

#include "core/store/split_mix.h"

namespace cdnsim::core {

TEST_CASE("splitMix64Finalizer is SplitMix64's output function", "[core][split_mix64]") {
  // The reference generator seeded with 0 returns the mix of 1 and then 2 times its increment.
  CHECK(splitMix64Finalizer(0x9E3779B97F4A7C15ULL) == 0xE220A8397B1DCDAFULL);
  CHECK(splitMix64Finalizer(2 * 0x9E3779B97F4A7C15ULL) == 0x6E789E6AA1B965F4ULL);
  store::SplitMix64 generator(0);
  CHECK(generator.next() == 0xE220A8397B1DCDAFULL);
  static_assert(splitMix64Finalizer(0) == 0, "a xor-shift-multiply mix keeps zero");
}

TEST_CASE("splitMix64Finalizer spreads sequential ids over the low bits", "[core][split_mix64]") {
  // Linear probing takes the low bits: sequential ids must not land in sequential slots.
  int adjacent = 0;
  for (std::uint64_t id = 1; id < 1000; ++id) {
    const auto a = splitMix64Finalizer(id) & 1023, b = splitMix64Finalizer(id + 1) & 1023;
    if (b == ((a + 1) & 1023)) ++adjacent;
  }
  CHECK(adjacent < 10);
}

}  // namespace cdnsim::core
