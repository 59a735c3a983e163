// Golden miss counts (libCacheSim's habit): every policy on one fixed synthetic trace at three
// cache sizes, object-count. Any change to a policy's decisions shows here. The trace: 30000
// requests over 3000 ids, skewed (min of two uniforms), SplitMix64 seed 2024.
// To regenerate after an intended change (and only then): run `core_tests "[golden]"`, which
// prints the new counts of a failing row, and update that row.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/store/policy_registry.h"
#include "core/store/split_mix.h"

namespace cdnsim::core::store {

namespace {
std::vector<ObjectId> goldenTrace() {
  SplitMix64 rng(2024);
  std::vector<ObjectId> trace;
  for (int i = 0; i < 30000; ++i) trace.push_back(std::min(rng.next() % 3000, rng.next() % 3000));
  return trace;
}
}  // namespace

TEST_CASE("golden miss counts on a fixed trace", "[store][golden]") {
  using Row = std::tuple<std::string, std::uint64_t, std::uint64_t, std::uint64_t>;
  // policy, misses at capacity 30, 300, 1500 objects
  const auto [name, at30, at300, at1500] =
      GENERATE(table<std::string, std::uint64_t, std::uint64_t, std::uint64_t>({
          Row{"lru", 29584, 26022, 11658},
          Row{"fifo", 29584, 26084, 12481},
          Row{"lfu", 29509, 25483, 10619},
          Row{"clock", 29584, 25988, 11417},
          Row{"sieve", 29531, 25429, 10587},
          Row{"s3fifo", 29483, 25445, 10771},
          Row{"arc", 29504, 25787, 11422},
          Row{"2q", 29530, 25648, 11854},
          Row{"slru", 29515, 25467, 10691},
          Row{"lirs", 29497, 25587, 10835},
          Row{"gdsf", 29583, 25918, 10565},
          Row{"wtinylfu", 29513, 25284, 9990},
      }));
  static const std::vector<ObjectId> trace = goldenTrace();
  std::vector<std::uint64_t> misses;
  for (const std::uint64_t capacity : {30, 300, 1500}) {
    auto policy = makePolicy(name, capacity);
    std::uint64_t m = 0;
    for (const ObjectId id : trace) m += policy->access(id, 1) ? 0 : 1;
    misses.push_back(m);
  }
  CAPTURE(name);
  REQUIRE(misses == std::vector<std::uint64_t>{at30, at300, at1500});
}

}  // namespace cdnsim::core::store
