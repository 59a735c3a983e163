// Logs and traces replayed through the simulator (sim/replay/): time order across files, both
// routing modes, time scale, the cache policy over logged query strings, the bad-line policy with
// line numbers, traces, and the reader's bounded window.

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "core/config/config_error.h"
#include "sim/replay/time_ordered_merge.h"
#include "tests/sim/replay/replay_test_files.h"

namespace {

// Start times (seconds after the scenario's start) in arrival order.
std::vector<double> startsInOrder(const cdnsim::sim::replay::testing::ReplayRun& run) {
  std::vector<std::pair<std::uint64_t, double>> bySequence;
  for (const auto& e : run.seen.all) {
    bySequence.emplace_back(e.sequence, static_cast<double>((e.start - run.scenario.start).count()) / 1e6);
  }
  std::sort(bySequence.begin(), bySequence.end());
  std::vector<double> out;
  for (const auto& [s, t] : bySequence) out.push_back(t);
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("several log files, plain and gzip, are replayed in time order at their logged times",
          "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  // File a is a little out of order inside; b interleaves with it.
  dir.writeGzip("a.log.gz", cfHeader() + join({cfLine(10, "IAD89-C1", "/a"), cfLine(0, "IAD89-C1", "/b"),
                                                cfLine(30, "IAD89-C1", "/c")}));
  dir.write("b.log", cfHeader() + join({cfLine(5, "FRA56-P2", "/d"), cfLine(20, "FRA56-P2", "/e")}));
  ReplayRun run(dir, "    format: cloudfront\n    files: [a.log.gz, b.log]\n");
  CHECK(startsInOrder(run) == std::vector<double>{0, 5, 10, 20, 30});
  CHECK(run.summary().replay->replayed == 5);
  CHECK(run.summary().replay->late == 0);
  CHECK(run.popRequests(0) == 3);
  CHECK(run.popRequests(2) == 2);
}

TEST_CASE("a file more out of order than the window is replayed late, and counted",
          "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  dir.write("a.log", cfHeader() + join({cfLine(10, "IAD89-C1", "/a"), cfLine(20, "IAD89-C1", "/b"),
                                         cfLine(0, "IAD89-C1", "/c")}));
  ReplayRun run(dir, "    format: cloudfront\n    files: [a.log]\n    reorder_window: 1\n");
  CHECK(startsInOrder(run) == std::vector<double>{0, 10, 10});  // /c comes after /b, at /b's time
  CHECK(run.summary().replay->late == 1);
  ReplayRun wide(dir, "    format: cloudfront\n    files: [a.log]\n    reorder_window: 3\n");
  CHECK(startsInOrder(wide) == std::vector<double>{0, 10, 20});
  CHECK(wide.summary().replay->late == 0);
}

TEST_CASE("routing logged: each POP serves the requests logged at it; unknown codes are counted",
          "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  std::vector<std::string> lines;
  std::map<std::string, std::uint64_t> logged;
  const std::vector<std::string> codes = {"IAD89-C1", "SFO5-C1", "FRA56-P2", "SEA19-C1"};
  for (int i = 0; i < 60; ++i) {
    const auto& code = codes[static_cast<std::size_t>((i * 7) % 11 % 4)];
    lines.push_back(cfLine(i, code, "/o" + std::to_string(i % 5), "-", "203.0.113.9"));
    ++logged[code];
  }
  dir.write("a.log", cfHeader() + join(lines));
  ReplayRun run(dir, "    format: cloudfront\n    files: [a.log]\n");
  CHECK(run.popRequests(0) == logged["IAD89-C1"]);
  CHECK(run.popRequests(1) == logged["SFO5-C1"]);
  CHECK(run.popRequests(2) == logged["FRA56-P2"]);
  CHECK(run.summary().replay->unknownEdgeLocations == logged["SEA19-C1"]);
  CHECK(run.summary().replay->unknownCodes == std::vector<std::string>{"SEA19-C1"});
  CHECK(run.summary().viewerRequests == 60 - logged["SEA19-C1"]);
  CHECK(run.summary().accountingViolations().empty());
}

TEST_CASE("routing dns: c-ip prefixes place viewers, DNS picks their nearest POP", "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  // All logged at IAD; the viewers' addresses say they are in Frankfurt and San Francisco.
  dir.write("a.log", cfHeader() + join({cfLine(0, "IAD89-C1", "/a", "-", "192.0.2.1"),
                                         cfLine(1, "IAD89-C1", "/a", "-", "192.0.2.77"),
                                         cfLine(2, "IAD89-C1", "/a", "-", "198.51.100.5"),
                                         cfLine(3, "IAD89-C1", "/a", "-", "203.0.113.1")}));
  const std::string clients =
      "  - {name: fra, location: {lat: 50.03, lon: 8.57}}\n"
      "  - {name: sfo, location: {lat: 37.62, lon: -122.38}}\n"
      "  - {name: fra-office, location: {lat: 50.03, lon: 8.57}}\n";
  ReplayRun run(dir,
                "    format: cloudfront\n    files: [a.log]\n    routing: dns\n"
                "    client_locations: {by: c-ip, map: {\"192.0.2.\": fra, \"192.0.2.7\": fra-office, "
                "\"198.51.100.\": sfo}, default: sfo}\n",
                clients);
  CHECK(run.popRequests(0) == 0);
  CHECK(run.popRequests(1) == 2);  // 198.51.100.5, and 203.0.113.1 by default
  CHECK(run.popRequests(2) == 2);
  std::map<std::uint64_t, std::uint32_t> clientBySequence;
  for (const auto& e : run.seen.all) clientBySequence[e.sequence] = e.client;
  CHECK(clientBySequence == std::map<std::uint64_t, std::uint32_t>{{0, 0}, {1, 2}, {2, 1}, {3, 1}});

  // By edge location instead: the logged IAD code maps to the San Francisco viewers.
  ReplayRun byCode(dir,
                   "    format: cloudfront\n    files: [a.log]\n    routing: dns\n"
                   "    client_locations: {by: x-edge-location, map: {IAD: sfo}}\n",
                   clients);
  CHECK(byCode.popRequests(1) == 4);
}

TEST_CASE("time_scale stretches or compresses the log's clock", "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  dir.write("a.log", cfHeader() + join({cfLine(100, "IAD89-C1", "/a"), cfLine(110, "IAD89-C1", "/b"),
                                         cfLine(160, "IAD89-C1", "/c")}));
  ReplayRun run(dir, "    format: cloudfront\n    files: [a.log]\n    time_scale: 0.5\n");
  CHECK(startsInOrder(run) == std::vector<double>{0, 5, 30});
}

TEST_CASE("the behaviour's cache policy keys the logged query strings", "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  std::vector<std::string> lines;
  for (int i = 0; i < 20; ++i) {
    lines.push_back(cfLine(i, "IAD89-C1", "/page", "utm_source=s" + std::to_string(i)));
  }
  dir.write("a.log", cfHeader() + join(lines));
  const std::string replay = "    format: cloudfront\n    files: [a.log]\n";
  ReplayRun optimized(dir, replay, "", "CachingOptimized");
  // Everything after the first (and its collapsed followers) is a hit: the key ignores the query.
  CHECK(optimized.summary().originRequests == 1);
  ReplayRun allQueries(dir, replay, "", "Amplify");
  CHECK(allQueries.summary().originRequests == 20);  // every cache buster is its own key
  CHECK(optimized.seen.paths.front().starts_with("/page?utm_source="));
  CHECK(optimized.summary().replay->objects == 1);  // one origin object either way
}

TEST_CASE("bad lines: refused with file:line, or skipped and counted with their places",
          "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  const std::string path = dir.write(
      "a.log", cfHeader() + join({cfLine(0, "IAD89-C1", "/a"), "2026-01-01\tnot a line",
                                  cfLine(1, "IAD89-C1", "/b"), cfLine(2, "IAD89-C1", "/c", "-", "1.2.3.4", "get")}));
  try {
    ReplayRun run(dir, "    format: cloudfront\n    files: [a.log]\n");
    FAIL("a bad line was accepted");
  } catch (const core::config::ConfigError& e) {
    CHECK_THAT(std::string(e.what()), Catch::StartsWith(path + ":4:1: too few tab-separated fields"));
    CHECK_THAT(std::string(e.what()), Catch::Contains("bad_lines: skip"));
  }
  ReplayRun skip(dir, "    format: cloudfront\n    files: [a.log]\n    bad_lines: skip\n");
  const auto& r = *skip.summary().replay;
  CHECK(r.badLines == 2);
  CHECK(r.replayed == 2);
  REQUIRE(r.firstBadLines.size() == 2);
  CHECK_THAT(r.firstBadLines[0], Catch::StartsWith(path + ":4: too few"));
  CHECK_THAT(r.firstBadLines[1], Catch::StartsWith(path + ":6: bad cs-method"));
}

TEST_CASE("other methods are replayed as POST and counted; OPTIONS is keyed apart",
          "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  dir.write("a.log", cfHeader() + join({cfLine(0, "IAD89-C1", "/a", "-", "1.1.1.1", "GET"),
                                         cfLine(1, "IAD89-C1", "/a", "-", "1.1.1.1", "OPTIONS"),
                                         cfLine(2, "IAD89-C1", "/a", "-", "1.1.1.1", "PUT"),
                                         cfLine(3, "IAD89-C1", "/a", "-", "1.1.1.1", "HEAD")}));
  ReplayRun run(dir, "    format: cloudfront\n    files: [a.log]\n");
  CHECK(run.summary().replay->otherMethods == 1);
  std::map<std::uint64_t, sim::ViewerExchange> bySequence;
  for (const auto& e : run.seen.all) bySequence[e.sequence] = e;
  CHECK(bySequence[2].method == core::config::RequestMethod::Post);
  CHECK(bySequence[0].cacheKey != bySequence[1].cacheKey);
  CHECK(bySequence[0].cacheKey == bySequence[3].cacheKey);
  CHECK(run.summary().viewerHits == 1);  // the HEAD, from the GET's copy
}

TEST_CASE("CSV and oracleGeneral traces replay with a time scale, from the populations",
          "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  dir.write("t.csv", "timestamp,object_id,size\n1000,7,500\n1500,8,600\n3000,7,500\n");
  const std::string clients = "  - {name: fra, location: {lat: 50.03, lon: 8.57}}\n";
  // Milliseconds in the trace: 0.001 s per unit.
  ReplayRun csv(dir, "    format: csv\n    files: [t.csv]\n    time_scale: 0.001\n    path_prefix: /obj/\n",
                clients);
  CHECK(startsInOrder(csv) == std::vector<double>{0, 0.5, 2});
  CHECK(csv.popRequests(2) == 3);
  CHECK(csv.summary().viewerHits == 1);
  CHECK(std::find(csv.seen.paths.begin(), csv.seen.paths.end(), "/obj/8") != csv.seen.paths.end());
  CHECK(csv.summary().replay->objects == 2);

  dir.writeOracle("t.oracleGeneral", {{10, 1, 100}, {12, 2, 100}, {20, 1, 100}}, 5);
  ReplayRun oracle(dir, "    format: oracle_general\n    files: [t.oracleGeneral]\n    time_scale: 2\n    bad_lines: skip\n",
                   clients);
  CHECK(startsInOrder(oracle) == std::vector<double>{0, 4, 20});
  CHECK(oracle.summary().replay->badLines == 1);  // the truncated last record
  CHECK_THAT(oracle.summary().replay->firstBadLines.at(0), Catch::Contains("t.oracleGeneral:4: truncated"));
}

TEST_CASE("the merge's memory is bounded by files x window, whatever the logs' length",
          "[sim][replay]") {
  using namespace cdnsim;
  using namespace cdnsim::sim::replay::testing;
  using cdnsim::sim::trace::testing::TempDir;
  TempDir dir;
  std::vector<std::string> a, b;
  for (int i = 0; i < 3000; ++i) {
    a.push_back(cfLine(i, "IAD89-C1", "/a" + std::to_string(i % 50)));
    b.push_back(cfLine(i, "FRA56-P2", "/b" + std::to_string(i % 50)));
  }
  dir.write("a.log", cfHeader() + join(a));
  dir.writeGzip("b.log.gz", cfHeader() + join(b));
  core::config::ReplayConfig config;
  config.files = {dir.file("a.log"), dir.file("b.log.gz")};
  config.fileMarks.resize(2);
  config.reorderWindow = 16;
  sim::replay::TimeOrderedMerge merge(config, [](const sim::replay::BadLine&) { FAIL("bad line"); });
  CHECK(merge.capacity() == 32);
  std::uint64_t count = 0;
  std::size_t most = 0;
  std::int64_t last = 0;
  bool ordered = true;
  while (const auto* r = merge.next()) {
    ++count;
    most = std::max(most, merge.bufferedRequests());
    ordered = ordered && r->time >= last;
    last = r->time;
  }
  CHECK(ordered);
  CHECK(count == 6000);
  CHECK(most <= merge.capacity());
  CHECK(merge.late() == 0);
}
