#include "sim/cachesim/replay.h"

#include <catch2/catch.hpp>

#include "sim/cachesim/working_set.h"
#include "tests/sim/cachesim/test_lru.h"
#include "tests/sim/trace/trace_test_files.h"

namespace {

// Requests 1 2 1 3 2 1 (sizes 10 20 10 30 20 10), plus a zero-size request of object 9.
constexpr const char* kMixedSizeTrace = "1,1,10\n2,2,20\n3,1,10\n4,9,0\n5,3,30\n6,2,20\n7,1,10\n";

cdnsim::sim::cachesim::ReplayCounts replayFile(const std::string& path, std::uint64_t capacity, cdnsim::sim::cachesim::ReplayOptions options) {
  auto opened = cdnsim::sim::trace::openTrace(path, {cdnsim::sim::trace::TraceFormat::Csv});
  REQUIRE(opened.reader);
  cdnsim::sim::cachesim::testing::TestLru lru(capacity);
  cdnsim::sim::cachesim::ReplayCounts c = cdnsim::sim::cachesim::replay(*opened.reader, lru, options);
  CHECK_FALSE(opened.reader->error());
  return c;
}

}  // namespace

// Issue item 5: every request counts, cold misses included; zero-size requests are skipped.
// Worked by hand on LRU, counting objects:
//   capacity 2: 1m [1]  2m [2 1]  1h [1 2]  3m [3 1]  2m [2 3]  1m [1 2]   → 5 misses of 6
//   capacity 3: 1m  2m  1h  3m [3 1 2]  2h  1h                           → 3 misses of 6
TEST_CASE("Replay counts every request, cold misses included (standard miss ratio)",
          "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  const std::string path = dir.write("t.csv", kMixedSizeTrace);
  auto [capacity, warmup, requests, misses, bytes, missBytes] =
      GENERATE(table<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t,
                     std::uint64_t>({
          {2, 0, 6, 5, 100, 90},
          {3, 0, 6, 3, 100, 60},
          {1, 0, 6, 6, 100, 100},
          // Warm-up (--warmup N): the first N requests fill the cache but are not counted.
          {3, 3, 3, 1, 60, 30},  // counted: 3m 2h 1h
          {2, 4, 2, 2, 30, 30},  // counted: 2m 1m
          {2, 6, 0, 0, 0, 0},
          {2, 100, 0, 0, 0, 0},
      }));
  CAPTURE(capacity, warmup);
  ReplayCounts c = replayFile(path, capacity, ReplayOptions{warmup, true});
  CHECK(c.requests == requests);
  CHECK(c.misses == misses);
  CHECK(c.bytes == bytes);
  CHECK(c.missBytes == missBytes);
  CHECK(c.zeroSizeSkipped == 1);
  CHECK(c.warmupRequests == std::min<std::uint64_t>(warmup, 6));
}

// In byte mode the capacity is in bytes: capacity 40 holds {1,2} (30 B) but 3 (30 B) evicts both.
//   1m [1]=10  2m [2 1]=30  1h [1 2]  3m [3 1]=40  2m: 50 > 40, evict 1 → [2 3]
//   1m: evict 3 → [1 2]                                                      → 5 misses of 6
TEST_CASE("Replay in byte mode sizes objects by the trace", "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  ReplayCounts c = replayFile(dir.write("t.csv", kMixedSizeTrace), 40, ReplayOptions{});
  CHECK(c.requests == 6);
  CHECK(c.misses == 5);
  CHECK(c.missBytes == 90);
  CHECK(c.missRatio() == Approx(5.0 / 6));
  CHECK(c.byteMissRatio() == Approx(0.9));
}

TEST_CASE("Replay counts an object larger than the cache as a miss every time", "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  ReplayCounts c =
      replayFile(dir.write("t.csv", "1,1,500\n2,1,500\n3,2,5\n4,2,5\n"), 100, ReplayOptions{});
  CHECK(c.requests == 4);
  CHECK(c.misses == 3);
}

TEST_CASE("Working set: unique objects and first-seen bytes, zero-size requests skipped",
          "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  using cdnsim::sim::trace::openTrace;
  using cdnsim::sim::trace::TraceFormat;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  // Object 1 changes size later: the working set counts its first size.
  auto opened =
      openTrace(dir.write("t.csv", std::string(kMixedSizeTrace) + "8,1,99\n9,0,5\n"), {TraceFormat::Csv});
  REQUIRE(opened.reader);
  WorkingSet ws = measureWorkingSet(*opened.reader);
  CHECK(ws == WorkingSet{8, 4, 65, std::nullopt});
}

TEST_CASE("Working set: a size that would carry the byte total past 2^64-1 stops the pass",
          "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  using cdnsim::sim::trace::openTrace;
  using cdnsim::sim::trace::TraceFormat;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  // Record 3 (object 3) would wrap the total 2^64-1 + 1000 to 999 bytes. Record 2 repeats object 1
  // and adds nothing; the zero-size record 4 is counted in the ordinal.
  auto [content, record, objects, bytes] =
      GENERATE(table<std::string, std::uint64_t, std::uint64_t, std::uint64_t>({
          {"1,1,18446744073709551615\n2,1,18446744073709551615\n3,3,1000\n", 3, 1,
           18446744073709551615ULL},
          {"1,1,1000\n2,2,0\n3,3,18446744073709550615\n4,4,1\n", 4, 2, 18446744073709551615ULL},
      }));
  auto opened = openTrace(dir.write("t.csv", content), {TraceFormat::Csv});
  REQUIRE(opened.reader);
  WorkingSet ws = measureWorkingSet(*opened.reader);
  REQUIRE(ws.overflow);
  CHECK(ws.overflow->record == record);
  CHECK(ws.uniqueObjects == objects);
  CHECK(ws.uniqueBytes == bytes);
}

TEST_CASE("Replay stops at a size that would carry the requested bytes past 2^64-1",
          "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  // Record 3 asks for object 1 again: 2^63 + 5 + 2^63 does not fit in 64 bits.
  ReplayCounts c = replayFile(
      dir.write("t.csv", "1,1,9223372036854775808\n2,2,5\n3,1,9223372036854775808\n4,3,1\n"),
      100, ReplayOptions{});
  REQUIRE(c.bytesOverflow);
  CHECK(*c.bytesOverflow == SizeOverflow{3, 9223372036854775808ULL});
  CHECK(c.requests == 2);
  CHECK(c.bytes == 9223372036854775813ULL);
}

TEST_CASE("IdSet-backed working set counts many ids exactly", "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  using cdnsim::sim::trace::openTrace;
  using cdnsim::sim::trace::TraceFormat;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  std::string content;
  for (std::uint64_t i = 0; i < 30000; ++i) content += fmt::format("{},{},1\n", i, (i * 7) % 10007);
  auto opened = openTrace(dir.write("t.csv", content), {TraceFormat::Csv});
  REQUIRE(opened.reader);
  WorkingSet ws = measureWorkingSet(*opened.reader);
  CHECK(ws.uniqueObjects == 10007);
  CHECK(ws.uniqueBytes == 10007);
  CHECK(ws.requests == 30000);
}
