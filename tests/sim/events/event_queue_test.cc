// EventQueue: ordering by (time, insertion sequence), cancellation, runUntil boundaries,
// re-entrant scheduling and stop() (STYLE.md, "the event queue", after ns-3's Simulator).
#include "sim/events/event_queue.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/random/rng.h"
#include "tests/sim/events/event_queue_test_time.h"

namespace cdnsim::sim {

TEST_CASE("events run in time order and ties run in insertion order", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  std::string log;
  q.schedule(us(30), [&] { log += 'c'; });
  q.schedule(us(10), [&] { log += 'a'; });
  q.schedule(us(20), [&] { log += 'b'; });
  q.schedule(us(10), [&] { log += 'A'; });  // same time as 'a', scheduled later
  q.schedule(us(0), [&] { log += '0'; });
  q.schedule(us(20), [&] { log += 'B'; });
  CHECK(q.pending() == 6);
  q.run();
  CHECK(log == "0aAbBc");
  CHECK(q.now() == kQueueStart + us(30));
  CHECK(q.pending() == 0);
  CHECK(q.executed() == 6);
}

TEST_CASE("many equal-time events keep insertion order through heap reshuffles", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  std::vector<int> order;
  // Interleave two times so the heap reorders a lot; each time's events must stay FIFO.
  for (int i = 0; i < 1000; ++i) q.schedule(us(i % 2 == 0 ? 5 : 3), [&order, i] { order.push_back(i); });
  q.run();
  REQUIRE(order.size() == 1000);
  for (std::size_t k = 0; k < 500; ++k) CHECK(order[k] == static_cast<int>(2 * k + 1));
  for (std::size_t k = 0; k < 500; ++k) CHECK(order[500 + k] == static_cast<int>(2 * k));
}

TEST_CASE("the clock starts at the given time and callbacks see their own time", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  CHECK(q.now() == kQueueStart);
  std::vector<TimePoint> seen;
  q.scheduleAt(kQueueStart + us(7), [&] { seen.push_back(q.now()); });
  q.schedule(us(3), [&] { seen.push_back(q.now()); });
  q.run();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0] == kQueueStart + us(3));
  CHECK(seen[1] == kQueueStart + us(7));
}

TEST_CASE("times in the past and negative delays are run at now()", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  std::vector<TimePoint> seen;
  q.schedule(us(10), [&] {
    q.scheduleAt(kQueueStart, [&] { seen.push_back(q.now()); });
    q.schedule(us(-5), [&] { seen.push_back(q.now()); });
  });
  q.run();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0] == kQueueStart + us(10));
  CHECK(seen[1] == kQueueStart + us(10));
}

TEST_CASE("cancel before firing prevents the event and returns true once", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  int fired = 0;
  EventId a = q.schedule(us(5), [&] { fired += 1; });
  EventId b = q.schedule(us(6), [&] { fired += 10; });
  CHECK(q.isPending(a));
  CHECK(q.cancel(a));
  CHECK_FALSE(q.isPending(a));
  CHECK_FALSE(q.cancel(a));  // double cancel is a no-op
  CHECK(q.pending() == 1);
  q.run();
  CHECK(fired == 10);
  CHECK_FALSE(q.cancel(b));  // after firing
}

TEST_CASE("cancelling unknown, default and stale ids is safe", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  CHECK_FALSE(q.cancel(EventId{}));
  CHECK_FALSE(q.cancel(EventId{12345, 99}));
  int fired = 0;
  EventId old = q.schedule(us(1), [&] { ++fired; });
  q.run();
  // The slot of `old` is reused by the next event: the stale id must not cancel it.
  EventId fresh = q.schedule(us(1), [&] { fired += 100; });
  CHECK(fresh.slot == old.slot);
  CHECK_FALSE(q.cancel(old));
  q.run();
  CHECK(fired == 101);
}

TEST_CASE("an event may cancel a later one and its own fired id", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  std::string log;
  EventId later;
  EventId self;
  self = q.schedule(us(1), [&] {
    log += 'a';
    CHECK_FALSE(q.cancel(self));  // already firing: nothing to cancel
    CHECK(q.cancel(later));
  });
  later = q.schedule(us(2), [&] { log += 'b'; });
  q.run();
  CHECK(log == "a");
}

TEST_CASE("callbacks may schedule new events, including at the current time", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  std::string log;
  q.schedule(us(1), [&] {
    log += 'a';
    q.schedule(us(0), [&] { log += 'c'; });  // same time, after already-queued 'b'
    q.schedule(us(1), [&] { log += 'd'; });
  });
  q.schedule(us(1), [&] { log += 'b'; });
  q.schedule(us(2), [&] { log += 'e'; });  // same time as 'd' but scheduled first
  q.run();
  CHECK(log == "abced");
  CHECK(q.now() == kQueueStart + us(2));
}

TEST_CASE("a self-rescheduling chain runs to its end", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  int remaining = 10000;
  struct Tick {
    EventQueue* q;
    int* remaining;
    void operator()() const {
      if (--*remaining > 0) q->schedule(Duration(1), Tick{q, remaining});
    }
  };
  q.schedule(us(1), Tick{&q, &remaining});
  q.run();
  CHECK(remaining == 0);
  CHECK(q.now() == kQueueStart + us(10000));
}

TEST_CASE("runUntil runs events at the limit and advances the clock to it", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  // Table: limit (µs after start) -> events run (of events at 10, 20, 30 µs), clock after.
  auto [limitUs, expectedRun, clockUs] = GENERATE(table<std::int64_t, std::string, std::int64_t>({
      {0, "", 0},
      {9, "", 9},
      {10, "a", 10},
      {19, "a", 19},
      {20, "ab", 20},
      {30, "abc", 30},
      {100, "abc", 100},
  }));
  EventQueue q(kQueueStart);
  std::string log;
  q.schedule(us(10), [&] { log += 'a'; });
  q.schedule(us(20), [&] { log += 'b'; });
  q.schedule(us(30), [&] { log += 'c'; });
  q.runUntil(kQueueStart + us(limitUs));
  CHECK(log == expectedRun);
  CHECK(q.now() == kQueueStart + us(clockUs));
  CHECK(q.pending() == 3 - expectedRun.size());
  // The rest still runs afterwards.
  q.run();
  CHECK(log == "abc");
}

TEST_CASE("runUntil with a limit in the past does nothing", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart + us(100));
  int fired = 0;
  q.schedule(us(1), [&] { ++fired; });
  q.runUntil(kQueueStart);
  CHECK(fired == 0);
  CHECK(q.now() == kQueueStart + us(100));
}

TEST_CASE("nextEventTime skips cancelled events and is empty when nothing is pending", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  CHECK_FALSE(q.nextEventTime().has_value());
  EventId first = q.schedule(us(5), [] {});
  q.schedule(us(9), [] {});
  CHECK(q.nextEventTime() == kQueueStart + us(5));
  q.cancel(first);
  CHECK(q.nextEventTime() == kQueueStart + us(9));
  CHECK(q.pending() == 1);
  q.run();
  CHECK_FALSE(q.nextEventTime().has_value());
}

TEST_CASE("stop returns after the current event and keeps the rest pending", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  std::string log;
  q.schedule(us(1), [&] { log += 'a'; });
  q.schedule(us(2), [&] {
    log += 'b';
    q.stop();
  });
  q.schedule(us(2), [&] { log += 'c'; });
  q.schedule(us(3), [&] { log += 'd'; });
  q.run();
  CHECK(log == "ab");
  CHECK(q.now() == kQueueStart + us(2));
  CHECK(q.pending() == 2);
  q.run();  // a new run clears the stop request
  CHECK(log == "abcd");
}

TEST_CASE("stop inside runUntil leaves the clock at the stopping event", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  q.schedule(us(5), [&] { q.stop(); });
  q.schedule(us(6), [] {});
  q.runUntil(kQueueStart + us(50));
  CHECK(q.now() == kQueueStart + us(5));
  CHECK(q.pending() == 1);
}

TEST_CASE("mass cancellation compacts the heap and keeps the order of survivors", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  std::vector<EventId> ids;
  std::vector<int> order;
  for (int i = 0; i < 5000; ++i) {
    ids.push_back(q.schedule(us(5000 - i), [&order, i] { order.push_back(i); }));
  }
  for (int i = 0; i < 5000; ++i) {
    if (i % 10 != 0) CHECK(q.cancel(ids[static_cast<std::size_t>(i)]));
  }
  CHECK(q.pending() == 500);
  q.run();
  REQUIRE(order.size() == 500);
  for (std::size_t k = 0; k < 500; ++k) CHECK(order[k] == static_cast<int>(4990 - 10 * k));
}

TEST_CASE("callbacks destroy their captures when fired, cancelled or left pending", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  auto token = std::make_shared<int>(0);
  {
    EventQueue q(kQueueStart);
    q.schedule(us(1), [token] {});
    EventId c = q.schedule(us(2), [token] {});
    q.schedule(us(3), [token] {});
    CHECK(token.use_count() == 4);
    q.cancel(c);
    CHECK(token.use_count() == 3);
    q.runUntil(kQueueStart + us(1));
    CHECK(token.use_count() == 2);
  }
  CHECK(token.use_count() == 1);
}

TEST_CASE("random schedules, cancels and partial runs match a reference model", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  // Differential test: the reference is a std::map keyed by (time, insertion number), the
  // definition of the order. Delays are drawn from a small range so that ties are frequent; the
  // heavy-cancel rows cancel enough to trigger heap compaction between runs.
  auto [seed, maxAdds, maxCancels, maxDelay] =
      GENERATE(table<unsigned, std::uint64_t, std::uint64_t, std::uint64_t>({
          {1, 20, 6, 8}, {2, 20, 6, 8}, {3, 20, 6, 8}, {4, 400, 390, 500}, {5, 400, 390, 500},
      }));
  Rng rng(seed);
  EventQueue q(kQueueStart);
  std::map<std::pair<std::int64_t, int>, int> reference;  // (time, number) -> number
  std::vector<std::pair<EventId, std::pair<std::int64_t, int>>> issued;
  std::vector<int> fired;
  std::vector<int> expected;
  int number = 0;
  auto scheduleOne = [&](std::int64_t delay) {
    const int n = number++;
    const std::int64_t at = q.now().time_since_epoch().count() + delay;
    EventId id = q.schedule(Duration(delay), [&fired, n] { fired.push_back(n); });
    reference.emplace(std::make_pair(at, n), n);
    issued.emplace_back(id, std::make_pair(at, n));
  };
  for (int round = 0; round < 200; ++round) {
    const int adds = static_cast<int>(rng.below(maxAdds));
    for (int i = 0; i < adds; ++i) scheduleOne(static_cast<std::int64_t>(rng.below(maxDelay)));
    const int cancels = static_cast<int>(rng.below(maxCancels));
    for (int i = 0; i < cancels && !issued.empty(); ++i) {
      // Mostly recent ids (likely pending), sometimes any id (likely fired or cancelled).
      const std::uint64_t window = std::min<std::uint64_t>(issued.size(), rng.below(4) == 0 ? issued.size() : 2 * maxAdds);
      const auto& [id, key] = issued[issued.size() - 1 - rng.below(window)];
      const bool wasPending = reference.erase(key) == 1;
      CHECK(q.cancel(id) == wasPending);
    }
    // Run up to a limit a few microseconds ahead; the reference pops everything up to it.
    const std::int64_t limit = q.now().time_since_epoch().count() + static_cast<std::int64_t>(rng.below(4));
    while (!reference.empty() && reference.begin()->first.first <= limit) {
      expected.push_back(reference.begin()->second);
      reference.erase(reference.begin());
    }
    q.runUntil(TimePoint(Duration(limit)));
    REQUIRE(q.pending() == reference.size());
  }
  q.run();
  for (const auto& entry : reference) expected.push_back(entry.second);
  CHECK(fired == expected);
}

}  // namespace cdnsim::sim
