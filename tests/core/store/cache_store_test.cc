// CacheStore: per-object entries follow the policy's slots; eviction and erase reset them; peek
// does not count as an access.

#include "core/store/cache_store.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/store/policy_registry.h"

namespace cdnsim::core::store {

namespace {
struct Meta {
  std::string etag;
  int expires = 0;
};
}  // namespace

TEST_CASE("CacheStore keeps each object's entry beside its slot", "[store][cache_store]") {
  CacheStore<Meta> store(makePolicy("lru", 2));
  REQUIRE(store.insert(1, 1, Meta{"\"a\"", 10}) != nullptr);
  REQUIRE(store.insert(2, 1, Meta{"\"b\"", 20}) != nullptr);
  REQUIRE(store.find(1)->etag == "\"a\"");
  // peek on 2 does not promote it, so 2 stays the LRU victim.
  REQUIRE(store.peek(2)->expires == 20);
  REQUIRE(store.insert(3, 1, Meta{"\"c\"", 30}) != nullptr);
  REQUIRE(store.find(2) == nullptr);
  REQUIRE(store.evictions() == 1);
  // The slot freed by 2 was reused by 3 and holds 3's entry, not a stale one.
  REQUIRE(store.find(3)->etag == "\"c\"");
  REQUIRE(store.erase(1));
  REQUIRE_FALSE(store.erase(1));
  REQUIRE(store.find(1) == nullptr);
  REQUIRE(store.policy().objectCount() == 1);
}

TEST_CASE("CacheStore refuses objects larger than the capacity", "[store][cache_store]") {
  CacheStore<Meta> store(makePolicy("fifo", 100));
  REQUIRE(store.insert(1, 101, Meta{"x", 1}) == nullptr);
  REQUIRE_FALSE(store.contains(1));
}

TEST_CASE("CacheStore counts objects or bytes as configured", "[store][cache_store]") {
  // (unit, objects of 400 bytes that fit in a capacity of 1000 units)
  const auto [unit, fits] = GENERATE(table<CapacityUnit, std::uint64_t>({
      {CapacityUnit::kBytes, 2},
      {CapacityUnit::kObjects, 1000},
  }));
  CacheStore<Meta> store(makePolicy("lru", 1000), unit);
  for (ObjectId id = 0; id < 1500; ++id) REQUIRE(store.insert(id, 400, Meta{"e", 0}) != nullptr);
  REQUIRE(store.policy().objectCount() == fits);
}

}  // namespace cdnsim::core::store
