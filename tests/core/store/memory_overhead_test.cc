// Memory overhead per cached object (DESIGN.md: at most 100 bytes; the cachesim floor: at most
// 64 bytes for LRU, FIFO, SIEVE and S3-FIFO at 1M cached objects). Counts what memoryBytes()
// reports: index, queues, ghosts, sketches; not the payload. Prints the figure for every policy.

#include <catch2/catch.hpp>
#include <string>

#include "core/store/object_index.h"
#include "core/store/policy_registry.h"
#include "core/store/split_mix.h"

namespace cdnsim::core::store {

TEST_CASE("memory overhead per cached object at 1M objects", "[store][memory]") {
  using Row = std::tuple<std::string, double>;
  const auto [name, limit] = GENERATE(table<std::string, double>({
      Row{"lru", 64}, Row{"fifo", 64}, Row{"sieve", 64}, Row{"s3fifo", 64}, Row{"clock", 64},
      Row{"slru", 64}, Row{"lfu", 100}, Row{"2q", 100}, Row{"gdsf", 100}, Row{"wtinylfu", 100},
      Row{"arc", 100}, Row{"lirs", 100},
  }));
  constexpr std::uint64_t kObjects = 1'000'000;
  auto policy = makePolicy(name, kObjects);
  // A skewed stream over 2M ids: enough misses to fill ghosts and sketches to steady state.
  SplitMix64 rng(5);
  for (std::uint64_t i = 0; i < 3 * kObjects; ++i) {
    const std::uint64_t id = std::min(rng.next() % (2 * kObjects), rng.next() % (2 * kObjects));
    policy->access(mixId(id), 1);
  }
  REQUIRE(policy->objectCount() > kObjects * 9 / 10);
  const double perObject =
      static_cast<double>(policy->memoryBytes()) / static_cast<double>(policy->objectCount());
  WARN(name << ": " << perObject << " bytes per cached object");
  REQUIRE(perObject <= limit);
}

}  // namespace cdnsim::core::store
