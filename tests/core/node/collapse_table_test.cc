#include "core/node/collapse_table.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <deque>
#include <map>
#include <vector>

namespace cdnsim::core::node {

using Join = CollapseTable::Join;
using Tokens = std::vector<std::uint32_t>;

TEST_CASE("the first request leads, later ones follow in join order", "[node][collapse_table]") {
  CollapseTable table;
  CHECK_FALSE(table.inFlight(42));
  CHECK(table.join(42, 1) == Join::Leader);
  CHECK(table.inFlight(42));
  CHECK(table.join(42, 2) == Join::Follower);
  CHECK(table.join(42, 3) == Join::Follower);
  CHECK(table.join(42, 4) == Join::Follower);
  CHECK(table.inFlightCount() == 1);
  CHECK(table.waiting() == 3);

  Tokens out{99};  // release appends; it does not clear
  table.release(42, out);
  CHECK(out == Tokens{99, 2, 3, 4});  // the leader (1) is not a waiter
  CHECK_FALSE(table.inFlight(42));
  CHECK(table.inFlightCount() == 0);
  CHECK(table.waiting() == 0);

  // The key can be fetched again: a new leader.
  CHECK(table.join(42, 5) == Join::Leader);
}

TEST_CASE("a leader alone releases no followers", "[node][collapse_table]") {
  CollapseTable table;
  CHECK(table.join(0, 7) == Join::Leader);  // key 0 is an ordinary key
  Tokens out;
  table.release(0, out);
  CHECK(out.empty());
  CHECK(table.inFlightCount() == 0);
}

TEST_CASE("releasing an unknown key is a no-op", "[node][collapse_table]") {
  CollapseTable table;
  Tokens out;
  table.release(5, out);  // empty table
  CHECK(out.empty());
  table.join(1, 10);
  table.join(1, 11);
  table.release(2, out);
  CHECK(out.empty());
  CHECK(table.inFlight(1));
  CHECK(table.waiting() == 1);
}

TEST_CASE("many keys keep their own waiters", "[node][collapse_table]") {
  CollapseTable table;
  constexpr std::uint64_t kKeys = 1000;  // forces several growths
  // Sequential keys: the table mixes them, so they still spread.
  for (std::uint64_t k = 0; k < kKeys; ++k) CHECK(table.join(k, static_cast<std::uint32_t>(k)) == Join::Leader);
  for (std::uint64_t k = 0; k < kKeys; k += 2) {
    table.join(k, static_cast<std::uint32_t>(k * 10 + 1));
    table.join(k, static_cast<std::uint32_t>(k * 10 + 2));
  }
  CHECK(table.inFlightCount() == kKeys);
  CHECK(table.waiting() == kKeys);
  CHECK(table.slotCapacity() >= 2 * kKeys);  // grows at 1/2 load

  for (std::uint64_t k = 0; k < kKeys; ++k) {
    Tokens out;
    table.release(k, out);
    if (k % 2 == 0) {
      CHECK(out == Tokens{static_cast<std::uint32_t>(k * 10 + 1), static_cast<std::uint32_t>(k * 10 + 2)});
    } else {
      CHECK(out.empty());
    }
    // Every key not yet released is still found after the deletions shifted entries back.
    if (k + 1 < kKeys) REQUIRE(table.inFlight(k + 1));
  }
  CHECK(table.inFlightCount() == 0);
  CHECK(table.waiting() == 0);
}

TEST_CASE("a steady join/release loop does not grow the table or the pool", "[node][collapse_table]") {
  CollapseTable table;
  Tokens out;
  out.reserve(64);
  auto round = [&](std::uint64_t base) {
    for (std::uint64_t k = 0; k < 8; ++k) {
      for (std::uint32_t t = 0; t < 4; ++t) table.join(base + k, t);
    }
    for (std::uint64_t k = 0; k < 8; ++k) {
      out.clear();
      table.release(base + k, out);
      REQUIRE(out == Tokens{1, 2, 3});
    }
  };
  round(0);  // warm-up
  const std::size_t slots = table.slotCapacity();
  const std::size_t pool = table.poolCapacity();
  CHECK(pool == 8 * 3);
  for (std::uint64_t i = 1; i < 500; ++i) round(i * 1000);  // different keys every round
  CHECK(table.slotCapacity() == slots);
  CHECK(table.poolCapacity() == pool);
}

namespace {

// A fixed-seed LCG (Knuth's MMIX constants); high bits are the good ones.
struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
};

}  // namespace

TEST_CASE("random joins and releases agree with a map of queues", "[node][collapse_table]") {
  CollapseTable table;
  std::map<std::uint64_t, std::deque<std::uint32_t>> model;  // key -> followers; present = in flight
  Lcg rng{12345};
  std::uint32_t token = 0;
  // Few distinct keys (97, most in flight at once in a 256-slot table) so followers, re-leads,
  // probe clusters and backward shifts on release are all frequent.
  for (int step = 0; step < 200000; ++step) {
    const std::uint64_t key = static_cast<std::uint64_t>(rng.next() % 97) * 1024;
    if (rng.next() % 3 != 0) {
      const Join got = table.join(key, ++token);
      auto it = model.find(key);
      if (it == model.end()) {
        REQUIRE(got == Join::Leader);
        model.emplace(key, std::deque<std::uint32_t>{});
      } else {
        REQUIRE(got == Join::Follower);
        it->second.push_back(token);
      }
    } else {
      Tokens out;
      table.release(key, out);
      auto it = model.find(key);
      if (it == model.end()) {
        REQUIRE(out.empty());
      } else {
        REQUIRE(out == Tokens(it->second.begin(), it->second.end()));
        model.erase(it);
      }
    }
    if (step % 1000 == 0) {
      std::size_t waiting = 0;
      for (const auto& [k, q] : model) {
        REQUIRE(table.inFlight(k));
        waiting += q.size();
      }
      REQUIRE(table.inFlightCount() == model.size());
      REQUIRE(table.waiting() == waiting);
    }
  }
  REQUIRE(table.inFlightCount() == model.size());
}

}  // namespace cdnsim::core::node
