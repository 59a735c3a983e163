// A sweep's outputs and its shard files: merged shards print exactly what the whole sweep prints,
// and shards that do not make one sweep are refused, naming the file.

#include "sim/sweep/sweep_results.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/report/summary_format.h"
#include "tests/sim/report/consistent_summary.h"

namespace {

// 2 x 3 points whose summaries differ by their origin requests.
cdnsim::sim::SweepResults wholeSweep() {
  cdnsim::sim::SweepResults r;
  r.definition.scenarioFile = "s.yaml";
  r.definition.options = {"--requests 10"};
  r.definition.axes = {cdnsim::sim::parseGridAxis("pops[*].cache.policy=lru,sieve"),
                       cdnsim::sim::parseGridAxis("seed=1,2,3")};
  for (std::size_t p = 0; p < r.definition.pointCount(); ++p) {
    cdnsim::sim::RunSummary s = cdnsim::sim::testing::consistentSummary();
    s.originRequests = 4 + p;
    r.points.push_back({p, nlohmann::ordered_json::parse(cdnsim::sim::formatSummaryJson(s))});
  }
  return r;
}

cdnsim::sim::SweepResults shardOf(const cdnsim::sim::SweepResults& whole, const cdnsim::sim::Shard& shard) {
  cdnsim::sim::SweepResults part{whole.definition, {}};
  for (const auto& p : whole.points) {
    if (shard.includes(p.index)) part.points.push_back(p);
  }
  return part;
}

class Folder {
 public:
  Folder()
      : path_(std::filesystem::temp_directory_path() /
              ("cdnsim-shards-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    std::filesystem::create_directories(path_);
  }
  ~Folder() { std::filesystem::remove_all(path_); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string writeShard(const cdnsim::sim::SweepResults& whole, const cdnsim::sim::Shard& shard) const {
    return write(cdnsim::sim::shardFileName(shard), cdnsim::sim::formatShardFile(shardOf(whole, shard), shard));
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

std::string mergeError(const std::vector<std::string>& paths) {
  try {
    cdnsim::sim::mergeShardFiles(paths);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("one row per point, with the axes' values", "[sim][sweep][results]") {
  using namespace cdnsim::sim;
  const auto whole = wholeSweep();
  const std::string table = formatSweepTable(whole);
  CHECK_THAT(
      table,
      Catch::StartsWith(
          "sweep of s.yaml --requests 10: 6 points, grid pops[*].cache.policy (2) x seed (3)\n"));
  CHECK_THAT(table, Catch::Contains("\n    4  sieve                 2  "));
  const auto j = nlohmann::ordered_json::parse(formatSweepJson(whole));
  REQUIRE(j["points"].size() == 6);
  CHECK(j["points"][4]["settings"]["pops[*].cache.policy"] == "sieve");
  CHECK(j["points"][4]["settings"]["seed"] == "2");
  CHECK(j["points"][4]["metrics"]["origin.requests"] == 8);
  const std::string csv = formatSweepCsv(whole);
  CHECK_THAT(csv, Catch::StartsWith("point,pops[*].cache.policy,seed,viewer.hit_ratio,"));
  CHECK_THAT(csv, Catch::Contains("\n5,sieve,3,"));
  // A shard's own table says it holds part of the sweep.
  CHECK_THAT(formatSweepTable(shardOf(whole, Shard{1, 2, ""})),
             Catch::Contains("; 3 of them here\n"));
}

TEST_CASE("merged shard files print what the whole sweep prints", "[sim][sweep][results][merge]") {
  using namespace cdnsim::sim;
  const auto whole = wholeSweep();
  for (std::size_t count : {1, 2, 4, 7}) {
    CAPTURE(count);
    Folder folder;
    for (std::size_t k = 0; k < count; ++k) folder.writeShard(whole, Shard{k, count, ""});
    const auto merged = mergeShardFiles({folder.path()});
    CHECK(formatSweepTable(merged) == formatSweepTable(whole));
    CHECK(formatSweepJson(merged) == formatSweepJson(whole));
    CHECK(formatSweepCsv(merged) == formatSweepCsv(whole));
  }
  // Shards in separate folders, or named one by one.
  Folder a, b;
  const std::string first = a.writeShard(whole, Shard{0, 2, ""});
  const std::string second = b.writeShard(whole, Shard{1, 2, ""});
  CHECK(formatSweepJson(mergeShardFiles({a.path(), b.path()})) == formatSweepJson(whole));
  CHECK(formatSweepJson(mergeShardFiles({second, first})) == formatSweepJson(whole));
}

TEST_CASE("shards that do not make one sweep are refused", "[sim][sweep][results][merge][errors]") {
  using namespace cdnsim::sim;
  const auto whole = wholeSweep();
  Folder folder;
  const std::string first = folder.writeShard(whole, Shard{0, 3, ""});
  const std::string second = folder.writeShard(whole, Shard{1, 3, ""});
  CHECK_THAT(mergeError({folder.path()}),
             Catch::StartsWith("shard 2 of 3 is missing; expected sweep-shard-2-of-3.json beside"));
  CHECK_THAT(mergeError({first, first}), Catch::Contains(": shard 0 of 3 is also in "));

  auto other = whole;
  other.definition.options = {"--requests 20"};
  Folder elsewhere;
  const std::string foreign = elsewhere.writeShard(other, Shard{2, 3, ""});
  CHECK_THAT(mergeError({first, second, foreign}),
             Catch::Contains("its sweep differs from the one in"));
  const std::string otherCount = elsewhere.writeShard(whole, Shard{1, 2, ""});
  CHECK_THAT(mergeError({first, otherCount}), Catch::Contains("it is shard 1 of 2, but"));

  CHECK_THAT(mergeError({folder.write("x.json", "{\"a\": 1}")}),
             Catch::Contains("not a sweep shard file"));
  CHECK_THAT(mergeError({folder.write("y.json", "{")}), Catch::Contains("not JSON"));
  Folder empty;
  CHECK_THAT(mergeError({empty.path()}),
             Catch::Contains("no sweep-shard-*-of-*.json in this folder"));

  // A shard file that lost a point.
  auto truncated = shardOf(whole, Shard{0, 1, ""});
  truncated.points.pop_back();
  Folder lossy;
  lossy.write(shardFileName(Shard{0, 1, ""}), formatShardFile(truncated, Shard{0, 1, ""}));
  CHECK_THAT(mergeError({lossy.path()}), Catch::StartsWith("point 5 of 6 is in no shard file"));
}
