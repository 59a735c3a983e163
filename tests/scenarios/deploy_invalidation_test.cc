// End to end: the shipped deploy-invalidation scenario. After the deploy, viewers keep getting the
// old version (its ETag) from the caches; once the invalidation completes, none does.

#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/scenarios/scenario_runner.h"
#include "tests/scenarios/trace_json.h"

namespace cdnsim::testing {

TEST_CASE("deploy-invalidation: the old version is served until the invalidation completes",
          "[scenario][events]") {
  TempDir out("cdnsim-deploy-invalidation");
  const auto result = runCommand(cdnsimBinary() + " run " +
                                 sourcePath("scenarios/deploy-invalidation.yaml") + " --out " +
                                 out.path().string());
  INFO(result.output);
  REQUIRE(result.exitCode == 0);
  CHECK(result.output.find("scheduled events") != std::string::npos);

  const nlohmann::json summary = nlohmann::json::parse(readFile(out.path() / "summary.json"));
  CHECK(summary["events"]["applied"] == 2);
  CHECK(summary["events"]["invalidated_objects"].get<std::uint64_t>() > 0);

  // The scenario's times (scenarios/deploy-invalidation.yaml): start 2026-01-01T00:00:00Z,
  // deploy at 1 min, invalidation at 3 min completing 60 s later.
  constexpr std::int64_t kStartUs = 1767225600LL * 1000000;
  constexpr std::int64_t kDeployUs = kStartUs + 60 * 1000000LL;
  constexpr std::int64_t kCompletedUs = kStartUs + 240 * 1000000LL;
  // Requests sent within a second of the completion may have been answered from a copy just
  // before it: they are left out.
  constexpr std::int64_t kSlackUs = 1000000;

  std::map<std::string, std::set<std::string>> oldEtags;  // per path: ETags served before the deploy
  std::uint64_t between = 0, oldBetween = 0, after = 0, oldAfter = 0, wrongSizeAfter = 0,
                wrongSizeBetween = 0;
  std::istringstream trace(readFile(out.path() / "trace.jsonl"));
  std::string text;
  std::vector<nlohmann::json> lines;
  while (std::getline(trace, text)) lines.push_back(nlohmann::json::parse(text));
  for (const auto& line : lines) {
    if (line["ts"].get<std::int64_t>() < kDeployUs) {
      oldEtags[line["uri"].get<std::string>()].insert(header(line, "ETag"));
    }
  }
  for (const auto& line : lines) {
    const auto ts = line["ts"].get<std::int64_t>();
    const auto& etags = oldEtags[line["uri"].get<std::string>()];
    const bool old = etags.count(header(line, "ETag")) > 0;
    if (ts < kDeployUs) {
      continue;
    } else if (ts < kCompletedUs - kSlackUs) {
      ++between;
      oldBetween += old;
      // The old version keeps its size; the new one is 20 KiB.
      wrongSizeBetween += !old && line["contentLength"].get<std::uint64_t>() != 20480;
      wrongSizeBetween += old && line["contentLength"].get<std::uint64_t>() == 20480;
    } else if (ts > kCompletedUs + kSlackUs) {
      ++after;
      oldAfter += old;
      // The deploy gave every object 20 KiB.
      wrongSizeAfter += line["contentLength"].get<std::uint64_t>() != 20480;
    }
  }
  REQUIRE(between > 10000);
  REQUIRE(after > 5000);
  const double oldShareBetween = static_cast<double>(oldBetween) / static_cast<double>(between);
  INFO("old-version share between deploy and completion: " << oldShareBetween);
  // Popular objects were cached before the deploy and stay fresh for a day: most viewers keep
  // getting the old version.
  CHECK(oldShareBetween > 0.5);
  CHECK(oldAfter == 0);  // the key figure: none after the invalidation completed
  CHECK(wrongSizeAfter == 0);
  CHECK(wrongSizeBetween == 0);
}

}  // namespace cdnsim::testing
