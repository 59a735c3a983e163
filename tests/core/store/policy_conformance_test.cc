// The contract of EvictionPolicy (core/store/eviction_policy.h), checked against every policy in
// the registry, so a new policy is covered by adding its registry line.

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "core/store/policy_registry.h"
#include "core/store/split_mix.h"

namespace cdnsim::core::store {
namespace {

std::vector<std::string> allPolicyNames() {
  std::vector<std::string> names;
  for (const PolicyInfo& info : policyCatalogue()) names.emplace_back(info.name);
  return names;
}

// Records evictions so the test can keep its own picture of what is cached.
struct EvictionLog {
  std::map<ObjectId, SlotIndex>* cached;
  std::uint64_t evictions = 0;
  bool wrongSlot = false;
  bool unknownId = false;
  static void onEvicted(void* self, ObjectId id, SlotIndex slot) {
    auto* log = static_cast<EvictionLog*>(self);
    ++log->evictions;
    const auto it = log->cached->find(id);
    if (it == log->cached->end()) {
      log->unknownId = true;
      return;
    }
    if (it->second != slot) log->wrongSlot = true;
    log->cached->erase(it);
  }
};

struct TraceShape {
  const char* what;
  std::uint64_t capacity;
  std::uint64_t maxSize;  // sizes uniform in [1, maxSize]; 1 = object-count cache
  std::uint64_t ids;
};

}  // namespace

TEST_CASE("every policy keeps the EvictionPolicy contract on random traces",
          "[store][policy][conformance]") {
  const std::string name = GENERATE(from_range(allPolicyNames()));
  const TraceShape shape = GENERATE(values<TraceShape>({
      {"object-count cache", 50, 1, 300},
      {"byte cache, mixed sizes", 5000, 400, 300},
      {"tiny cache", 3, 1, 10},
      {"byte cache, some objects near capacity", 1000, 900, 50},
  }));
  CAPTURE(name, shape.what);
  auto policy = makePolicy(name, shape.capacity);
  REQUIRE(policy->capacityUnits() == shape.capacity);

  std::map<ObjectId, SlotIndex> cached;  // what the test believes is cached, and where
  std::map<ObjectId, std::uint64_t> sizeOf;
  EvictionLog log{&cached};
  policy->setEvictionListener(&EvictionLog::onEvicted, &log);

  SplitMix64 rng(42);
  std::uint64_t hits = 0, misses = 0;
  for (int step = 0; step < 20000; ++step) {
    // Skewed popularity: half the requests go to the first tenth of the ids.
    const ObjectId id = rng.next() % 2 == 0 ? rng.next() % (shape.ids / 10 + 1)
                                            : rng.next() % shape.ids;
    if (!sizeOf.count(id)) sizeOf[id] = 1 + rng.next() % shape.maxSize;
    const bool wasCached = policy->contains(id);
    REQUIRE(wasCached == (cached.count(id) == 1));
    const auto before = policy->usedUnits();
    const auto slot = policy->find(id);
    REQUIRE(slot.has_value() == wasCached);
    if (slot) {
      ++hits;
      REQUIRE(*slot == cached[id]);
      REQUIRE(policy->usedUnits() == before);
    } else {
      ++misses;
      // A miss alone changes nothing visible.
      REQUIRE(policy->usedUnits() == before);
      if (step % 7 == 3 && !cached.empty()) {
        // Explicit erase of some other cached object: no listener call.
        const ObjectId victim = cached.begin()->first;
        const auto evictionsBefore = log.evictions;
        REQUIRE(policy->erase(victim));
        REQUIRE_FALSE(policy->erase(victim));
        REQUIRE(log.evictions == evictionsBefore);
        REQUIRE_FALSE(policy->contains(victim));
        cached.erase(victim);
      }
      const auto inserted = policy->insert(id, sizeOf[id]);
      if (inserted) {
        cached[id] = *inserted;
        REQUIRE(policy->peek(id) == inserted);
      }
      REQUIRE(inserted.has_value() == policy->contains(id));
    }
    REQUIRE_FALSE(log.wrongSlot);
    REQUIRE_FALSE(log.unknownId);
    REQUIRE(policy->usedUnits() <= policy->capacityUnits());
    REQUIRE(policy->objectCount() == cached.size());
    if (step % 97 == 0) {
      std::uint64_t used = 0;
      for (const auto& [cachedId, cachedSlot] : cached) {
        REQUIRE(policy->peek(cachedId) == std::optional<SlotIndex>(cachedSlot));
        used += sizeOf[cachedId];
      }
      REQUIRE(policy->usedUnits() == used);
      // No two cached objects share a slot.
      std::set<SlotIndex> slots;
      for (const auto& entry : cached) REQUIRE(slots.insert(entry.second).second);
    }
  }
  REQUIRE(hits + misses == 20000);
  REQUIRE(hits > 0);
  REQUIRE(policy->memoryBytes() > 0);
}

TEST_CASE("every policy refuses an object larger than its capacity", "[store][policy]") {
  const std::string name = GENERATE(from_range(allPolicyNames()));
  CAPTURE(name);
  auto policy = makePolicy(name, 100);
  REQUIRE(policy->insert(1, 10));
  REQUIRE_FALSE(policy->insert(2, 101));
  REQUIRE_FALSE(policy->contains(2));
  REQUIRE(policy->usedUnits() == 10);
  REQUIRE(policy->objectCount() == 1);
}

TEST_CASE("every policy copes with capacities of 0 and 1", "[store][policy]") {
  const std::string name = GENERATE(from_range(allPolicyNames()));
  CAPTURE(name);
  auto empty = makePolicy(name, 0);
  for (ObjectId id = 0; id < 10; ++id) REQUIRE_FALSE(empty->access(id % 3, 1));
  REQUIRE(empty->objectCount() == 0);
  auto single = makePolicy(name, 1);
  for (ObjectId id = 0; id < 50; ++id) {
    single->access(id % 4, 1);
    REQUIRE(single->objectCount() <= 1);
  }
  // Zero-size objects count as one unit, so they cannot pile up.
  for (ObjectId id = 100; id < 150; ++id) single->access(id, 0);
  REQUIRE(single->usedUnits() <= 1);
}

TEST_CASE("every policy handles objects of 4 GiB and more", "[store][policy]") {
  const std::string name = GENERATE(from_range(allPolicyNames()));
  CAPTURE(name);
  constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
  auto policy = makePolicy(name, 20 * kGiB);
  for (ObjectId id = 0; id < 20; ++id) {
    policy->access(id, 5 * kGiB + id);
    REQUIRE(policy->usedUnits() <= policy->capacityUnits());
  }
  std::uint64_t used = 0;
  for (ObjectId id = 0; id < 20; ++id) used += policy->contains(id) ? 5 * kGiB + id : 0;
  REQUIRE(policy->usedUnits() == used);
  REQUIRE(policy->objectCount() >= 1);
}

TEST_CASE("every policy counts misses the standard way: cold misses included",
          "[store][policy]") {
  // libCacheSim / webcachesim: miss ratio = misses / requests over all requests. A trace of
  // distinct ids misses every time whatever the policy; a repeated single id hits after one miss.
  const std::string name = GENERATE(from_range(allPolicyNames()));
  CAPTURE(name);
  auto policy = makePolicy(name, 1000);
  int misses = 0;
  for (ObjectId id = 0; id < 500; ++id) misses += policy->access(id, 1) ? 0 : 1;
  REQUIRE(misses == 500);
  auto single = makePolicy(name, 1000);
  misses = 0;
  for (int i = 0; i < 100; ++i) misses += single->access(7, 1) ? 0 : 1;
  REQUIRE(misses == 1);
}

TEST_CASE("makePolicy rejects unknown names and bad admission settings", "[store][registry]") {
  REQUIRE_THROWS_WITH(makePolicy("nope", 10), Catch::Contains("lru"));
  REQUIRE(makePolicy("LRU", 10)->name() == "lru");
  AdmissionConfig bad;
  bad.probability = 1.5;
  REQUIRE_THROWS_WITH(makePolicy("lru", 10, bad), Catch::Contains("probability"));
  for (const PolicyInfo& info : policyCatalogue()) {
    CAPTURE(info.name);
    REQUIRE_FALSE(info.summary.empty());
    REQUIRE(makePolicy(info.name, 10)->name() == info.name);
  }
}

}  // namespace cdnsim::core::store
