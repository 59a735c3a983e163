// EventQueue prefetcher (setPrefetcher / scheduleOn with a hint): before each event runs, the
// prefetcher sees the hints of the next event (distance 1) and of the one after it (distance 2),
// heap events having none; hints never change the order in which events run.
#include "sim/events/event_queue.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>
#include <vector>

#include "tests/sim/events/event_queue_test_time.h"

namespace cdnsim::sim {

namespace {

struct SeenHints {
  std::vector<std::pair<std::uint32_t, int>> calls;  // (hint, distance), in call order
};

void recordHint(void* context, std::uint32_t hint, int distance) {
  static_cast<SeenHints*>(context)->calls.emplace_back(hint, distance);
}

}  // namespace

TEST_CASE("the prefetcher sees the next two events' hints, in order of distance", "[events]") {
  using cdnsim::testing::kQueueStart;
  EventQueue queue(kQueueStart);
  SeenHints seen;
  queue.setPrefetcher(&recordHint, &seen);
  std::vector<int> ran;
  // Every event is due at the same instant, so they run in scheduling order: lane 1, heap, 2, 3.
  const auto lane = queue.lane(Duration(5));
  queue.scheduleOn(lane, [&] { ran.push_back(1); }, 1);
  queue.schedule(Duration(5), [&] {
    ran.push_back(0);
    seen.calls.emplace_back(0, 0);  // marks where the heap event ran
  });
  queue.scheduleOn(lane, [&] { ran.push_back(2); }, 2);
  queue.scheduleOn(lane, [&] { ran.push_back(3); }, 3);
  queue.run();

  CHECK(ran == std::vector<int>{1, 0, 2, 3});
  // Before 1: the heap event (no hint) is next, 2 after it. Before the heap event: 2 then 3.
  // Before 2: 3 is next and nothing follows. Before 3: nothing.
  const std::vector<std::pair<std::uint32_t, int>> expected{
      {2, 2}, {3, 2}, {2, 1}, {0, 0}, {3, 1}};
  CHECK(seen.calls == expected);
}

TEST_CASE("without a hint or a prefetcher nothing is called and the order holds", "[events]") {
  using cdnsim::testing::kQueueStart;
  EventQueue queue(kQueueStart);
  std::vector<int> ran;
  const auto lane = queue.lane(Duration(2));
  queue.scheduleOn(lane, [&] { ran.push_back(1); }, 7);  // a hint, but no prefetcher
  queue.schedule(Duration(1), [&] { ran.push_back(0); });
  queue.run();
  CHECK(ran == std::vector<int>{0, 1});

  SeenHints seen;
  queue.setPrefetcher(&recordHint, &seen);
  queue.scheduleOn(lane, [&] { ran.push_back(2); });
  queue.scheduleOn(lane, [&] { ran.push_back(3); }, EventQueue::kNoHint);
  queue.run();
  CHECK(ran == std::vector<int>{0, 1, 2, 3});
  CHECK(seen.calls.empty());
}

}  // namespace cdnsim::sim
