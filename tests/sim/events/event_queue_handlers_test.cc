// EventQueue handler events (handler() / scheduleOn(lane, handler, argument)): a handler event
// runs exactly where a callback scheduled at the same point would, in the global (time, sequence)
// order, with its argument; its argument is the prefetcher's hint only when asked; it counts as
// pending and executed like any event and survives a compaction of cancelled ones.
#include "sim/events/event_queue.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "tests/sim/events/event_queue_test_time.h"

namespace cdnsim::sim {

namespace {
constexpr std::array<std::int64_t, 5> kLaneDelays = {0, 2, 5, 5, 9};

// Fires events that schedule more: on lanes (as callbacks, or as handler events when
// `useHandlers`), and on the heap with arbitrary delays, some of which it cancels. Two drivers with
// one seed draw the same numbers as long as their queues run the same events in the same order.
class HandlerEquivalenceDriver {
 public:
  using Log = std::vector<std::pair<std::int64_t, std::uint32_t>>;  // (time µs, tag)

  HandlerEquivalenceDriver(std::uint64_t seed, bool useHandlers) : queue_(cdnsim::testing::kQueueStart), state_(seed), useHandlers_(useHandlers) {
    for (std::int64_t d : kLaneDelays) lanes_.push_back(queue_.lane(cdnsim::core::Duration(d)));
    step_ = queue_.handler([](void* self, std::uint32_t tag) { static_cast<HandlerEquivalenceDriver*>(self)->fire(tag); },
                           this, false);
  }

  const Log& drive(int budget) {
    budget_ = budget;
    for (int i = 0; i < 20; ++i) scheduleOne();
    for (int round = 0; !queue_.empty(); ++round) {
      REQUIRE(round < 100'000);
      if (draw(2) == 0) {
        queue_.run();
      } else {
        queue_.runUntil(queue_.now() + cdnsim::core::Duration(static_cast<std::int64_t>(draw(20))));
      }
    }
    return log_;
  }
  std::uint64_t executed() const { return queue_.executed(); }

 private:
  std::uint64_t draw(std::uint64_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state_ >> 33) % n;
  }

  void scheduleOne() {
    const auto tag = next_++;
    if (draw(3) != 0) {
      const LaneId lane = lanes_[draw(lanes_.size())];
      if (useHandlers_) {
        queue_.scheduleOn(lane, step_, tag);
      } else {
        queue_.scheduleOn(lane, [this, tag] { fire(tag); });
      }
    } else {
      heapEvents_.push_back(
          queue_.schedule(cdnsim::core::Duration(static_cast<std::int64_t>(draw(12))), [this, tag] { fire(tag); }));
    }
  }

  void fire(std::uint32_t tag) {
    log_.emplace_back(queue_.now().time_since_epoch().count(), tag);
    const std::uint64_t children = queue_.pending() < 10 ? 2 : draw(3);
    for (std::uint64_t i = 0; i < children && budget_ > 0; ++i, --budget_) scheduleOne();
    if (draw(10) == 0 && !heapEvents_.empty()) queue_.cancel(heapEvents_[draw(heapEvents_.size())]);
    if (draw(300) == 0) queue_.stop();
  }

  EventQueue queue_;
  std::uint64_t state_;
  bool useHandlers_;
  EventQueue::HandlerId step_;
  std::vector<LaneId> lanes_;
  std::vector<EventId> heapEvents_;
  std::uint32_t next_ = 0;
  int budget_ = 0;
  Log log_;
};

struct SeenHintsAndRuns {
  std::vector<std::pair<std::uint32_t, int>> hints;  // (hint, distance)
  std::vector<std::uint32_t> ran;
};
}  // namespace

TEST_CASE("handler events run in exactly the order lane callbacks give them", "[sim][events]") {
  const std::uint64_t seed = GENERATE(1, 2, 3, 4);
  HandlerEquivalenceDriver callbacks(seed, false);
  HandlerEquivalenceDriver handlers(seed, true);
  const HandlerEquivalenceDriver::Log& expected = callbacks.drive(20000);
  const HandlerEquivalenceDriver::Log& actual = handlers.drive(20000);
  CHECK(callbacks.executed() > 10000);
  REQUIRE(actual.size() == expected.size());
  const auto mismatch = std::mismatch(actual.begin(), actual.end(), expected.begin());
  INFO("first difference at log line " << (mismatch.first - actual.begin()));
  CHECK(mismatch.first == actual.end());
  CHECK(handlers.executed() == callbacks.executed());
}

TEST_CASE("a handler gets its argument, which is a prefetch hint only when registered so",
          "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  EventQueue queue(kQueueStart);
  SeenHintsAndRuns seen;
  queue.setPrefetcher(
      [](void* context, std::uint32_t hint, int distance) {
        static_cast<SeenHintsAndRuns*>(context)->hints.emplace_back(hint, distance);
      },
      &seen);
  const auto record = [](void* context, std::uint32_t argument) {
    static_cast<SeenHintsAndRuns*>(context)->ran.push_back(argument);
  };
  const auto hinted = queue.handler(record, &seen, true);
  const auto unhinted = queue.handler(record, &seen, false);
  const LaneId lane = queue.lane(Duration(3));
  queue.scheduleOn(lane, hinted, 10);
  queue.scheduleOn(lane, unhinted, 20);
  queue.scheduleOn(lane, hinted, 30);
  CHECK(queue.pending() == 3);
  queue.run();
  CHECK(seen.ran == std::vector<std::uint32_t>{10, 20, 30});
  // Before 10: 20 (no hint) is next, 30 after it. Before 20: 30 is next. Before 30: nothing.
  const std::vector<std::pair<std::uint32_t, int>> expected{{30, 2}, {30, 1}};
  CHECK(seen.hints == expected);
  CHECK(queue.executed() == 3);
  CHECK(queue.pending() == 0);
  CHECK(queue.now() == kQueueStart + Duration(3));
}

TEST_CASE("handler events survive a compaction of cancelled callbacks", "[sim][events]") {
  using cdnsim::testing::kQueueStart;
  EventQueue queue(kQueueStart);
  std::vector<std::uint32_t> ran;
  const auto step = queue.handler(
      [](void* context, std::uint32_t argument) {
        static_cast<std::vector<std::uint32_t>*>(context)->push_back(argument);
      },
      &ran, false);
  const LaneId lane = queue.lane(Duration(1));
  std::vector<EventId> doomed;
  for (std::uint32_t i = 0; i < 3000; ++i) {
    queue.scheduleOn(lane, step, i);
    doomed.push_back(queue.scheduleOn(lane, [&ran] { ran.push_back(UINT32_MAX); }));
  }
  for (const EventId id : doomed) CHECK(queue.cancel(id));  // more than enough to compact
  CHECK(queue.pending() == 3000);
  queue.run();
  REQUIRE(ran.size() == 3000);
  for (std::uint32_t i = 0; i < 3000; ++i) CHECK(ran[i] == i);
}

}  // namespace cdnsim::sim
