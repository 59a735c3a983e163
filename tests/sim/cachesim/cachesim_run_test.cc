#include "sim/cachesim/cachesim_run.h"

#include <catch2/catch.hpp>

#include "sim/cachesim/cachesim_report.h"
#include "tests/sim/cachesim/test_lru.h"
#include "tests/sim/trace/trace_test_files.h"

namespace {

std::unique_ptr<cdnsim::core::store::EvictionPolicy> makeTestCache(std::string_view name,
                                                                   std::uint64_t capacity) {
  if (name != "lru") throw std::invalid_argument("unknown policy '" + std::string(name) + "'");
  return std::make_unique<cdnsim::sim::cachesim::testing::TestLru>(capacity);
}

cdnsim::sim::cachesim::CacheSize cacheSize(std::string_view text) {
  auto parsed = cdnsim::sim::cachesim::parseCacheSize(text);
  REQUIRE(parsed.size);
  return *parsed.size;
}

// 1 2 1 3 2 1, all size 10 (see replay_test.cc for the hand-worked LRU misses).
constexpr const char* kUniformSizeTrace = "1,1,10\n2,2,10\n3,1,10\n4,3,10\n5,2,10\n6,1,10\n";

}  // namespace

TEST_CASE("runCachesim: policies × sizes in the given order, fractions of the working set",
          "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  using cdnsim::sim::trace::TraceFormat;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  CachesimConfig config{dir.write("t.csv", kUniformSizeTrace),
                        {TraceFormat::Csv},
                        {"lru"},
                        {cacheSize("3"), cacheSize("67%"), cacheSize("1")},
                        true,
                        0,
                        2};
  REQUIRE(config.validate().empty());
  std::size_t progressCalls = 0;
  CachesimReport report = runCachesim(config, makeTestCache, [&](std::size_t, std::size_t total) {
    ++progressCalls;
    CHECK(total == 3);
  });
  REQUIRE(report.error.empty());
  REQUIRE(report.workingSet);
  CHECK(report.workingSet->uniqueObjects == 3);
  REQUIRE(report.results.size() == 3);
  CHECK(progressCalls == 3);
  // floor(3 × 0.67) = 2 objects.
  const std::uint64_t capacities[] = {3, 2, 1};
  const std::uint64_t misses[] = {3, 5, 6};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(report.results[i].policy == "lru");
    CHECK(report.results[i].capacityUnits == capacities[i]);
    CHECK(report.results[i].counts.requests == 6);
    CHECK(report.results[i].counts.misses == misses[i]);
  }
  CHECK(report.results[1].size == "67%");

  const std::string table = formatTable(config, report);
  CHECK_THAT(table, Catch::Matchers::Contains("working set 3 objects, 30 bytes, 6 requests"));
  CHECK_THAT(table, Catch::Matchers::Contains("0.833333"));
  const std::string json = formatJson(config, report);
  CHECK_THAT(json, Catch::Matchers::Contains(
                       "\"size\": \"67%\", \"capacity\": 2, \"requests\": 6, \"misses\": 5"));
  CHECK_THAT(json, Catch::Matchers::Contains("\"uniqueObjects\": 3"));
}

TEST_CASE("runCachesim: errors come back as one line", "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  using cdnsim::sim::trace::TraceFormat;
  using cdnsim::sim::trace::testing::TempDir;
  // GENERATE runs the body once per row: the files are written on every run, the table names them.
  auto [file, policy, sizeText, expected] =
      GENERATE(table<std::string, std::string, std::string, std::string>({
          {"bad.csv", "lru", "2", ":2: bad size in \"2,2,x\""},
          {"bad.csv", "lru", "50%", ":2: bad size in \"2,2,x\""},  // found by the working-set pass
          {"none.csv", "lru", "2", ": cannot open: No such file or directory"},
          {"ok.csv", "arc", "2", "unknown policy 'arc'"},
          {"ok.csv", "lru", "10%", "size '10%' of a working set of 3 objects is 0"},
      }));
  TempDir dir;
  dir.write("bad.csv", "1,1,10\n2,2,x\n");
  dir.write("ok.csv", kUniformSizeTrace);
  const std::string path = dir.file(file);
  CachesimConfig config{path, {TraceFormat::Csv}, {policy}, {cacheSize(sizeText)}, true, 0, 2};
  CachesimReport report = runCachesim(config, makeTestCache);
  CHECK(report.error == (expected[0] == ':' ? path + expected : expected));
  CHECK(report.results.empty());
}

TEST_CASE("CachesimConfig::validate", "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  CachesimConfig ok{"t.csv", {}, {"lru"}, {cacheSize("1MiB")}, false, 0, 1};
  CHECK(ok.validate().empty());
  auto objects = ok;
  objects.ignoreObjectSize = true;
  CHECK(objects.validate() == "size '1MiB' is in bytes but --ignore-obj-size counts objects");
  auto noJobs = ok;
  noJobs.jobs = 0;
  CHECK(noJobs.validate() == "jobs must be at least 1");
  auto noPolicy = ok;
  noPolicy.policies.clear();
  CHECK(noPolicy.validate() == "no policy given");
}

TEST_CASE("JSON strings are escaped", "[sim][cachesim]") {
  using namespace cdnsim::sim::cachesim;
  CHECK(jsonString("a\"b\\c\n\x01") == "\"a\\\"b\\\\c\\n\\u0001\"");
}
