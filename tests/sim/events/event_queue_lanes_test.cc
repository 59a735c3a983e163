// EventQueue lanes (lane() / scheduleOn()): a lane event must run exactly where the same event
// scheduled with schedule() would run, in the global (time, sequence) order; cancel, isPending,
// runUntil and stop() work on lane events as on any other.
#include "sim/events/event_queue.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/sim/events/event_queue_test_time.h"

namespace cdnsim::sim {

namespace {

// The constant delays of the equivalence test, in µs: 0 and small values make lane events tie
// with heap events and with each other, 7 appears twice to exercise lane reuse.
constexpr std::array<std::int64_t, 7> kDelays = {0, 1, 3, 7, 7, 12, 40};

// Drives one queue through a pseudo-random workload: callbacks schedule more events (constant
// delays and arbitrary ones), cancel earlier ones, sometimes stop the run; the outer loop mixes
// run() and runUntil() and schedules from outside between runs. Two drivers with the same seed
// make the same draws as long as their queues run the same events in the same order, so their
// logs are identical exactly when the queues agree. `useLanes` sends constant-delay events
// through scheduleOn() instead of schedule().
class LaneEquivalenceDriver {
 public:
  struct Params {
    std::uint64_t seed;
    int budget;          // events scheduled from callbacks before they stop scheduling
    int cancelPermille;  // chance that a fired callback cancels an earlier event
    int initial;         // events scheduled from outside before the first run
    int initialCancels;  // of those, how many are cancelled at once (enough to compact)
  };
  // A log line: (time in µs, tag) for a fired event; (-1, outcome) for a cancel().
  using Log = std::vector<std::pair<std::int64_t, std::int64_t>>;

  LaneEquivalenceDriver(const Params& params, bool useLanes)
      : queue_(cdnsim::testing::kQueueStart), state_(params.seed), useLanes_(useLanes), params_(params) {
    for (std::int64_t d : kDelays) lanes_.push_back(queue_.lane(cdnsim::testing::us(d)));
  }

  const Log& drive() {
    for (int i = 0; i < params_.initial; ++i) scheduleOne();
    for (int i = 0; i < params_.initialCancels; ++i) cancelOne(issued_.size());
    budget_ = params_.budget;
    // A queue that loses track of a pending event would loop here forever: bound the rounds.
    for (int round = 0; !queue_.empty(); ++round) {
      REQUIRE(round < 100'000);
      if (draw(3) == 0) {
        queue_.run();
      } else {
        queue_.runUntil(queue_.now() + cdnsim::testing::us(static_cast<std::int64_t>(draw(30))));
      }
      log_.emplace_back(-2, cdnsim::testing::micros(queue_.now()));
      for (std::uint64_t i = draw(3); i > 0; --i) scheduleOne();
    }
    return log_;
  }
  std::uint64_t executed() const { return queue_.executed(); }

 private:
  // A 64-bit LCG (Knuth's MMIX constants), high bits out: fixed and the same on every platform.
  std::uint64_t draw(std::uint64_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state_ >> 33) % n;
  }

  void scheduleOne() {
    const auto tag = static_cast<std::int64_t>(issued_.size());
    auto callback = [this, tag] { onFire(tag); };
    if (draw(4) != 0) {
      const std::size_t k = draw(kDelays.size());
      issued_.push_back(useLanes_ ? queue_.scheduleOn(lanes_[k], callback)
                                  : queue_.schedule(cdnsim::testing::us(kDelays[k]), callback));
    } else {
      // Arbitrary delays, negative ones included (run at now()).
      issued_.push_back(queue_.schedule(cdnsim::testing::us(static_cast<std::int64_t>(draw(50)) - 5), callback));
    }
  }

  // Cancels one of the `window` most recent events (often pending, sometimes fired or cancelled).
  void cancelOne(std::size_t window) {
    if (issued_.empty()) return;
    const std::size_t index = issued_.size() - 1 - draw(std::min(window, issued_.size()));
    const bool wasPending = queue_.isPending(issued_[index]);
    const bool cancelled = queue_.cancel(issued_[index]);
    CHECK(cancelled == wasPending);
    CHECK_FALSE(queue_.isPending(issued_[index]));
    log_.emplace_back(-1, static_cast<std::int64_t>(index) * 2 + (cancelled ? 1 : 0));
  }

  void onFire(std::int64_t tag) {
    log_.emplace_back(cdnsim::testing::micros(queue_.now()), tag);
    const std::uint64_t children = queue_.pending() < 20 ? 2 : draw(3);
    for (std::uint64_t i = 0; i < children && budget_ > 0; ++i, --budget_) scheduleOne();
    if (static_cast<int>(draw(1000)) < params_.cancelPermille) cancelOne(64);
    if (draw(200) == 0) queue_.stop();
  }

  EventQueue queue_;
  std::uint64_t state_;
  bool useLanes_;
  Params params_;
  int budget_ = 0;
  std::vector<LaneId> lanes_;
  std::vector<EventId> issued_;
  Log log_;
};
}  // namespace

TEST_CASE("lane events run in exactly the order schedule() gives them", "[sim][events][lanes]") {
  auto params = GENERATE(values<LaneEquivalenceDriver::Params>({
      {1, 20000, 0, 10, 0},
      {2, 20000, 100, 10, 0},
      {3, 20000, 500, 50, 0},
      {4, 5000, 300, 5000, 4000},  // mass cancellation: compacts the heap and the lanes
      {5, 30000, 50, 3000, 2500},
  }));
  LaneEquivalenceDriver heapOnly(params, false);
  LaneEquivalenceDriver withLanes(params, true);
  const LaneEquivalenceDriver::Log& expected = heapOnly.drive();
  const LaneEquivalenceDriver::Log& actual = withLanes.drive();
  CHECK(heapOnly.executed() > static_cast<std::uint64_t>(params.budget) / 2);
  REQUIRE(actual.size() == expected.size());
  // Report the first divergence rather than two huge vectors.
  const auto mismatch = std::mismatch(actual.begin(), actual.end(), expected.begin());
  INFO("first difference at log line " << (mismatch.first - actual.begin()));
  CHECK(mismatch.first == actual.end());
  CHECK(withLanes.executed() == heapOnly.executed());
}

TEST_CASE("lane() returns one lane per delay", "[sim][events][lanes]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  const LaneId five = q.lane(us(5));
  const LaneId nine = q.lane(us(9));
  CHECK(five != nine);
  CHECK(q.lane(us(5)) == five);
  CHECK(q.lane(us(9)) == nine);
  // A negative delay is zero, as in schedule().
  CHECK(q.lane(us(-3)) == q.lane(us(0)));
  CHECK(q.lane(us(0)) != five);
}

TEST_CASE("lane events interleave with heap events by time, then insertion", "[sim][events][lanes]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  const LaneId ten = q.lane(us(10));
  std::string log;
  q.scheduleOn(ten, [&] { log += 'a'; });
  q.schedule(us(10), [&] { log += 'b'; });  // same time, later
  q.scheduleOn(ten, [&] { log += 'c'; });
  q.schedule(us(5), [&] { log += '0'; });
  q.schedule(us(20), [&] { log += 'z'; });
  q.scheduleAt(kQueueStart + us(10), [&] { log += 'd'; });
  CHECK(q.pending() == 6);
  CHECK(q.nextEventTime() == kQueueStart + us(5));
  q.run();
  CHECK(log == "0abcdz");
  CHECK(q.pending() == 0);
  CHECK(q.executed() == 6);
}

TEST_CASE("a lane keeps FIFO order while its ring wraps and grows", "[sim][events][lanes]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  // Each event schedules the next on the lane; 40 are in flight at once, spread over the delay,
  // so the ring wraps thousands of times, and an initial burst makes it grow.
  EventQueue q(kQueueStart);
  const LaneId lane = q.lane(us(40));
  std::vector<int> order;
  int next = 0;
  struct Hop {
    EventQueue* q;
    LaneId lane;
    std::vector<int>* order;
    int* next;
    int tag;
    void operator()() const {
      order->push_back(tag);
      if (*next < 10000) q->scheduleOn(lane, Hop{q, lane, order, next, (*next)++});
    }
  };
  for (int i = 0; i < 40; ++i) {
    q.schedule(us(i), [&q, lane, &order, &next] { q.scheduleOn(lane, Hop{&q, lane, &order, &next, next++}); });
  }
  for (int i = 0; i < 100; ++i) q.scheduleOn(lane, [] {});  // burst at start + 40
  q.run();
  REQUIRE(order.size() == 10000);
  for (std::size_t k = 0; k < order.size(); ++k) CHECK(order[k] == static_cast<int>(k));
}

TEST_CASE("lane events can be cancelled anywhere in their lane", "[sim][events][lanes]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  const LaneId lane = q.lane(us(5));
  std::string log;
  EventId a = q.scheduleOn(lane, [&] { log += 'a'; });
  q.schedule(us(1), [&] { log += '1'; });  // moves now() so the lane holds several times
  q.runUntil(kQueueStart + us(1));
  EventId b = q.scheduleOn(lane, [&] { log += 'b'; });
  EventId c = q.scheduleOn(lane, [&] { log += 'c'; });
  q.runUntil(kQueueStart + us(2));
  EventId d = q.scheduleOn(lane, [&] { log += 'd'; });
  CHECK(q.isPending(a));
  CHECK(q.isPending(c));
  CHECK(q.cancel(a));  // the lane's head
  CHECK(q.cancel(c));  // the middle
  CHECK(q.cancel(d));  // the tail
  CHECK_FALSE(q.cancel(c));
  CHECK_FALSE(q.isPending(a));
  CHECK(q.pending() == 1);
  CHECK(q.nextEventTime() == kQueueStart + us(6));  // a (at 5) is skipped
  q.run();
  CHECK(log == "1b");
  CHECK_FALSE(q.cancel(b));  // fired
  CHECK(q.empty());
}

TEST_CASE("a lane event may cancel later lane and heap events", "[sim][events][lanes]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  const LaneId lane = q.lane(us(3));
  std::string log;
  EventId laterLane;
  EventId laterHeap;
  EventId self;
  self = q.scheduleOn(lane, [&] {
    log += 'a';
    CHECK_FALSE(q.cancel(self));
    CHECK(q.cancel(laterLane));
    CHECK(q.cancel(laterHeap));
  });
  laterLane = q.scheduleOn(lane, [&] { log += 'b'; });
  laterHeap = q.schedule(us(3), [&] { log += 'c'; });
  q.scheduleOn(lane, [&] { log += 'd'; });
  q.run();
  CHECK(log == "ad");
}

TEST_CASE("mass cancellation of lane events compacts and keeps the order of survivors", "[sim][events][lanes]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::micros;
  using cdnsim::testing::us;
  // 5000 events over 50 lanes (and the clock moving between them so each lane holds many
  // times); 90% are cancelled, which compacts; survivors must still run in (time, seq) order.
  EventQueue q(kQueueStart);
  std::vector<LaneId> lanes;
  for (int d = 0; d < 50; ++d) lanes.push_back(q.lane(us(100 + 7 * d)));
  std::vector<EventId> ids;
  std::vector<std::pair<std::int64_t, int>> expected;
  std::vector<std::pair<std::int64_t, int>> fired;
  for (int i = 0; i < 5000; ++i) {
    if (i % 100 == 0) q.runUntil(q.now() + us(1));  // 50 µs in all: nothing fires yet
    const int lane = (i * 31) % 50;
    ids.push_back(q.scheduleOn(lanes[static_cast<std::size_t>(lane)], [&q, &fired, i] {
      fired.emplace_back(micros(q.now()), i);
    }));
    if (i % 10 == 0) expected.emplace_back(micros(q.now()) + 100 + 7 * lane, i);
  }
  for (int i = 0; i < 5000; ++i) {
    if (i % 10 != 0) CHECK(q.cancel(ids[static_cast<std::size_t>(i)]));
  }
  CHECK(q.pending() == 500);
  q.run();
  std::stable_sort(expected.begin(), expected.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  CHECK(fired == expected);
}

TEST_CASE("runUntil runs lane events at the limit and leaves later ones pending", "[sim][events][lanes]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  // Table: limit (µs after start) -> events run (lane events 'a' at 10 and 'b' at 20, a heap event
  // 'c' at 20, in that insertion order), clock after; then 'x' goes on the 10 µs lane, relative to
  // that clock, and run() finishes: the whole log and the final clock.
  auto [limitUs, expectedRun, clockUs, expectedAll, finalUs] =
      GENERATE(table<std::int64_t, std::string, std::int64_t, std::string, std::int64_t>({
          {0, "", 0, "axbc", 20},  // x at 10 ties with a, and comes after it
          {9, "", 9, "axbc", 20},  // x at 19
          {10, "a", 10, "abcx", 20},  // x at 20 ties with b and c, and comes after them
          {19, "a", 19, "abcx", 29},
          {20, "abc", 20, "abcx", 30},
          {100, "abc", 100, "abcx", 110},
      }));
  EventQueue q(kQueueStart);
  std::string log;
  q.scheduleOn(q.lane(us(10)), [&] { log += 'a'; });
  q.scheduleOn(q.lane(us(20)), [&] { log += 'b'; });
  q.schedule(us(20), [&] { log += 'c'; });
  q.runUntil(kQueueStart + us(limitUs));
  CHECK(log == expectedRun);
  CHECK(q.now() == kQueueStart + us(clockUs));
  CHECK(q.pending() == 3 - expectedRun.size());
  q.scheduleOn(q.lane(us(10)), [&] { log += 'x'; });
  q.run();
  CHECK(log == expectedAll);
  CHECK(q.now() == kQueueStart + us(finalUs));
}

TEST_CASE("stop from a lane event returns after it and keeps the rest pending", "[sim][events][lanes]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  EventQueue q(kQueueStart);
  const LaneId lane = q.lane(us(2));
  std::string log;
  q.scheduleOn(lane, [&] {
    log += 'a';
    q.stop();
  });
  q.scheduleOn(lane, [&] { log += 'b'; });
  q.schedule(us(2), [&] { log += 'c'; });
  q.runUntil(kQueueStart + us(50));
  CHECK(log == "a");
  CHECK(q.now() == kQueueStart + us(2));
  CHECK(q.pending() == 2);
  q.run();
  CHECK(log == "abc");
}

TEST_CASE("lane callbacks destroy their captures when fired, cancelled or left pending", "[sim][events][lanes]") {
  using cdnsim::testing::kQueueStart;
  using cdnsim::testing::us;
  auto token = std::make_shared<int>(0);
  {
    EventQueue q(kQueueStart);
    const LaneId lane = q.lane(us(1));
    q.scheduleOn(lane, [token] {});
    EventId c = q.scheduleOn(lane, [token] {});
    q.scheduleOn(q.lane(us(3)), [token] {});
    CHECK(token.use_count() == 4);
    q.cancel(c);
    CHECK(token.use_count() == 3);
    q.runUntil(kQueueStart + us(1));
    CHECK(token.use_count() == 2);
  }
  CHECK(token.use_count() == 1);
}

}  // namespace cdnsim::sim
