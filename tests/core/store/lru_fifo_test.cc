// Exact eviction orders of LRU and FIFO on hand-worked sequences.

#include <catch2/catch.hpp>

#include "core/store/policies/fifo.h"
#include "core/store/policies/lru.h"
#include "tests/core/store/eviction_order_helpers.h"

namespace cdnsim::core::store {


TEST_CASE("LRU evicts the least recently used object", "[store][lru]") {
  // Capacity 3: A B C, hit A (order A C B), D evicts B, E evicts C, hit A, F evicts D.
  LruPolicy lru(3);
  testing::EvictionRecorder rec(lru);
  REQUIRE(testing::replay(lru, {1, 2, 3, 1, 4, 5, 1, 6}) == "mmmhmmhm");
  REQUIRE(rec.evicted == std::vector<ObjectId>{2, 3, 4});
}

TEST_CASE("FIFO evicts in insertion order whatever the hits", "[store][fifo]") {
  // Same sequence: the hit on A does not save it.
  FifoPolicy fifo(3);
  testing::EvictionRecorder rec(fifo);
  REQUIRE(testing::replay(fifo, {1, 2, 3, 1, 4, 5, 1, 6}) == "mmmhmmmm");
  REQUIRE(rec.evicted == std::vector<ObjectId>{1, 2, 3, 4});
}

TEST_CASE("LRU in bytes evicts as many objects as the newcomer needs", "[store][lru]") {
  LruPolicy lru(100);
  testing::EvictionRecorder rec(lru);
  REQUIRE(lru.insert(1, 40));
  REQUIRE(lru.insert(2, 30));
  REQUIRE(lru.insert(3, 30));
  REQUIRE(lru.find(1));
  REQUIRE(lru.insert(4, 55));  // needs 55: evicts 2 (30) then 3 (30)
  REQUIRE(rec.evicted == std::vector<ObjectId>{2, 3});
  REQUIRE(lru.usedUnits() == 95);
}

}  // namespace cdnsim::core::store
