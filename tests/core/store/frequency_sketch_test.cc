// FrequencySketch (TinyLFU, Einziger et al. 2017 section 3): the doorkeeper absorbs first
// occurrences, counters saturate at 15, and the reset halves every count.

#include "core/store/frequency_sketch.h"

#include <catch2/catch.hpp>

namespace cdnsim::core::store {

TEST_CASE("FrequencySketch estimates small counts exactly when uncrowded", "[store][sketch]") {
  // (accesses recorded, expected estimate): the first access only sets the doorkeeper (1), the
  // following ones count in the sketch, which saturates at 15 (+1 for the doorkeeper).
  const auto [accesses, expected] = GENERATE(table<int, std::uint32_t>({
      {0, 0}, {1, 1}, {2, 2}, {5, 5}, {15, 15}, {16, 16}, {40, 16},
  }));
  FrequencySketch sketch(1000);  // sample period 10000: no reset in this test
  for (int i = 0; i < accesses; ++i) sketch.record(42);
  REQUIRE(sketch.estimate(42) == expected);
}

TEST_CASE("FrequencySketch resets: counts halve, the doorkeeper clears", "[store][sketch]") {
  FrequencySketch sketch(16);  // clamped to 16 objects: sample period 160
  for (int i = 0; i < 9; ++i) sketch.record(7);  // doorkeeper + 8 in the counters
  REQUIRE(sketch.estimate(7) == 9);
  // 151 more records of distinct ids reach the 160th sample: the reset happens.
  for (ObjectId id = 1000; id < 1151; ++id) sketch.record(id);
  REQUIRE(sketch.estimate(7) == 4);  // 8 / 2, doorkeeper cleared
}

TEST_CASE("FrequencySketch ranks popular ids above rare ones under load", "[store][sketch]") {
  FrequencySketch sketch(1000);
  for (int round = 0; round < 8; ++round) {
    for (ObjectId id = 0; id < 100; ++id) sketch.record(id);           // popular: 8 each
    for (ObjectId id = 0; id < 900; ++id) sketch.record(100000 + round * 1000 + id);  // once
  }
  int misranked = 0;
  for (ObjectId id = 0; id < 100; ++id) {
    misranked += sketch.estimate(id) <= sketch.estimate(100000 + id) ? 1 : 0;
  }
  REQUIRE(misranked == 0);
}

}  // namespace cdnsim::core::store
