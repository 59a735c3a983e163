// Runs the real `cdnsim cachesim` binary on tiny traces whose LRU misses are worked out by hand.

#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "tests/sim/trace/trace_test_files.h"

namespace cdnsim::sim::trace::testing {

namespace {

struct CachesimRun {
  int status{-1};
  std::string out;
  std::string err;
};

CachesimRun runCdnsim(const TempDir& dir, const std::string& args) {
  const std::string errPath = dir.file("stderr.txt");
  const std::string command = std::string(CDNSIM_BINARY) + " " + args + " 2>" + errPath;
  CachesimRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) run.out.append(buf, n);
  const int raw = ::pclose(pipe);
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream err(errPath);
  std::stringstream ss;
  ss << err.rdbuf();
  run.err = ss.str();
  return run;
}

// Requests 1 2 3 1 4 2 1 5 1 3 (all of size 100). LRU by hand, most recent first:
//  capacity 2: 1m[1] 2m[2 1] 3m[3 2] 1m[1 3] 4m[4 1] 2m[2 4] 1m[1 2] 5m[5 1] 1h[1 5] 3m[3 1] → 9
//  misses capacity 3: 1m 2m 3m[3 2 1] 1h[1 3 2] 4m[4 1 3] 2m[2 4 1] 1h[1 2 4] 5m[5 1 2] 1h[1 5 2]
//  3m → 7
// Working set: 5 objects, 500 bytes; 60% of 5 objects = 3; 40% of 500 bytes = 200 (2 objects).
constexpr const char* kTrace =
    "timestamp,object_id,size\n1,1,100\n2,2,100\n3,3,100\n4,1,100\n5,4,100\n6,2,100\n7,1,100\n"
    "8,5,100\n9,1,100\n10,3,100\n";

}  // namespace

TEST_CASE("cdnsim cachesim prints hand-checked LRU miss counts as a table", "[tools][cachesim]") {
  TempDir dir;
  const std::string trace = dir.write("t.csv", kTrace);
  CachesimRun run =
      runCdnsim(dir, "cachesim --trace " + trace + " --policy lru --size 2,60% --ignore-obj-size");
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK_THAT(run.out, Catch::Matchers::Contains("working set 5 objects, 500 bytes, 10 requests"));
  CHECK_THAT(run.out,
             Catch::Matchers::Matches(
                 "(.|\n)*\nlru     2                    2            10             9    0.900000"
                 "         0.900000 (.|\n)*"));
  CHECK_THAT(run.out,
             Catch::Matchers::Matches(
                 "(.|\n)*\nlru     60%                  3            10             7    0.700000"
                 "         0.700000 (.|\n)*"));
}

TEST_CASE("cdnsim cachesim --json, in bytes, with a warm-up", "[tools][cachesim]") {
  TempDir dir;
  const std::string trace = dir.write("t.csv", kTrace);
  // 300 B holds 3 objects: 7 misses. Warm-up 3: counted from the 4th request with [3 2 1] cached:
  // 1h 4m 2m 1h 5m 1h 3m → 7 requests, 4 misses.
  auto [extra, requests, misses] = GENERATE(table<std::string, int, int>({
      {"", 10, 7},
      {" --warmup 3", 7, 4},
  }));
  CachesimRun run =
      runCdnsim(dir, "cachesim --trace " + trace + " --policy LRU --size 300B,40% --json" + extra);
  CHECK(run.status == 0);
  CHECK_THAT(run.out,
             Catch::Matchers::Contains(fmt::format(
                 "{{\"policy\": \"LRU\", \"size\": \"300B\", \"capacity\": 300, \"requests\": {}, "
                 "\"misses\": {}, \"bytes\": {}, \"missBytes\": {}",
                 requests, misses, requests * 100, misses * 100)));
  CHECK_THAT(run.out, Catch::Matchers::Contains("\"size\": \"40%\", \"capacity\": 200"));
  CHECK_THAT(run.out,
             Catch::Matchers::Contains(
                 "\"workingSet\": {\"requests\": 10, \"uniqueObjects\": 5, \"uniqueBytes\": 500}"));
}

TEST_CASE("cdnsim cachesim: bad input exits 2 with one line on stderr", "[tools][cachesim]") {
  TempDir dir;
  const std::string bad = dir.write("bad.csv", "1,1,100\n2,2,100\n3,3,lots\n4,1,100\n");
  const std::string good = dir.write("t.csv", kTrace);
  auto [args, expected] = GENERATE(table<std::string, std::string>({
      {"--trace BAD --policy lru --size 2", "BAD:3: bad size in \"3,3,lots\"\n"},
      {"--trace GOOD --policy belady9 --size 2",
       "cdnsim cachesim: unknown policy 'belady9' (known: "},
      {"--trace GOOD --policy lru --size 2XB",
       "cdnsim cachesim: bad cache size '2XB': unknown unit"},
      {"--trace GOOD --policy lru --size 1MiB --ignore-obj-size",
       "cdnsim cachesim: size '1MiB' is in bytes but --ignore-obj-size counts objects\n"},
      {"--trace GOOD --policy lru --size 2 --format parquet",
       "cdnsim cachesim: unknown format 'parquet'"},
      {"--trace GOOD.x --policy lru --size 2", "cdnsim cachesim: cannot tell the format of"},
  }));
  std::string command = "cachesim " + args;
  for (auto [token, path] : {std::pair<std::string, std::string>{"BAD", bad}, {"GOOD", good}})
    for (std::size_t at; (at = command.find(token)) != std::string::npos;)
      command.replace(at, token.size(), path);
  std::string want = expected;
  if (want.rfind("BAD", 0) == 0) want.replace(0, 3, bad);
  CachesimRun run = runCdnsim(dir, command);
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK_THAT(run.err, Catch::Matchers::StartsWith(want));
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}

TEST_CASE("cdnsim cachesim --skip-bad-lines counts and skips", "[tools][cachesim]") {
  TempDir dir;
  const std::string bad = dir.write("bad.csv", "1,1,100\n2,2,100\n3,3,lots\n4,1,100\n");
  CachesimRun run = runCdnsim(dir, "cachesim --trace " + bad +
                               " --policy lru --size 2 --ignore-obj-size --skip-bad-lines --json");
  CHECK(run.status == 0);
  CHECK_THAT(run.out, Catch::Matchers::Contains("\"skippedLines\": 1"));
  CHECK_THAT(run.out, Catch::Matchers::Contains("\"requests\": 3, \"misses\": 2"));
}

TEST_CASE("cdnsim cachesim applies admission filters in front of the policy", "[tools][cachesim]") {
  TempDir dir;
  // Object 1 is 500 bytes, the rest 100: with --admit-max-size 200B object 1 is never cached, so
  // each of its 4 requests misses. LRU with 1000 B otherwise holds everything (5 cold misses).
  const std::string trace = dir.write(
      "a.csv", "1,1,500\n2,2,100\n3,3,100\n4,1,500\n5,4,100\n6,2,100\n7,1,500\n8,5,100\n9,1,500\n"
               "10,3,100\n");
  CachesimRun plain = runCdnsim(dir, "cachesim --trace " + trace + " --policy lru --size 1000B --json");
  REQUIRE(plain.status == 0);
  CHECK_THAT(plain.out, Catch::Matchers::Contains("\"misses\": 5"));
  CachesimRun sized = runCdnsim(dir, "cachesim --trace " + trace +
                                 " --policy lru --size 1000B --json --admit-max-size 200B");
  REQUIRE(sized.status == 0);
  CHECK_THAT(sized.out, Catch::Matchers::Contains("\"misses\": 8"));  // 2..5 cold + obj 1 four times
  CachesimRun bad = runCdnsim(dir, "cachesim --trace " + trace + " --policy lru --size 1000B "
                                                         "--admit-probability 1.5");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Matchers::Contains("--admit-probability must be in (0, 1]"));
}

TEST_CASE("cdnsim cachesim refuses traces it cannot measure or count", "[tools][cachesim]") {
  TempDir dir;
  std::string damaged;
  {
    std::string content;
    for (int i = 0; i < 50000; ++i) content += fmt::format("{},{},100\n", i, i % 977);
    std::ifstream in(dir.writeGzip("t.csv.gz", content), std::ios::binary);
    damaged.assign(std::istreambuf_iterator<char>(in), {});
    for (std::size_t i = damaged.size() - 8; i < damaged.size() - 4; ++i) damaged[i] = ~damaged[i];
  }
  auto [name, content, size, expected] = GENERATE(table<std::string, std::string, std::string,
                                                        std::string>({
      // 2^64-1 + 1000 would wrap to 999 bytes, and 50% to a 499-byte cache.
      {"huge.csv", "1,1,18446744073709551615\n2,1,18446744073709551615\n3,2,1000\n", "50%",
       "TRACE:3: size 1000 cannot be added to the working set's 18446744073709551615 bytes so far"},
      // The bytes a replay counts overflow too when one huge object is asked for twice.
      {"twice.csv", "1,1,9223372036854775808\n2,1,9223372036854775808\n", "1MiB",
       "TRACE:2: size 9223372036854775808 cannot be added to the requested 9223372036854775808 "
       "bytes so far"},
      {"empty.csv", "", "1MiB", "TRACE: the trace is empty: no request of non-zero size\n"},
      {"header.csv", "timestamp,id,size\n", "50%", "TRACE: the trace is empty"},
      {"zeros.csv", "1,1,0\n2,2,0\n", "1MiB", "TRACE: the trace is empty"},
      {"damaged.csv", "DAMAGED", "1MiB", "TRACE:"},
  }));
  const std::string trace = dir.write(name, content == "DAMAGED" ? damaged : content);
  std::string want = expected;
  want.replace(0, 5, trace);
  CachesimRun run = runCdnsim(dir, "cachesim --trace " + trace + " --policy lru --size " + size);
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK_THAT(run.err, Catch::Matchers::StartsWith(want));
  if (name == "damaged.csv")
    CHECK_THAT(run.err, Catch::Matchers::Contains(": gzip: damaged stream: incorrect data check ("));
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
}

TEST_CASE("cdnsim cachesim: a warm-up that swallows the whole trace is an error", "[tools][cachesim]") {
  TempDir dir;
  const std::string trace = dir.write("t.csv", kTrace);
  CachesimRun run = runCdnsim(dir, "cachesim --trace " + trace + " --policy lru --size 1MiB --warmup 10");
  CHECK(run.status == 2);
  CHECK_THAT(run.err, Catch::Matchers::StartsWith(
                          trace + ": the warm-up of 10 requests leaves none of its 10 to count\n"));
}

}  // namespace cdnsim::sim::trace::testing
