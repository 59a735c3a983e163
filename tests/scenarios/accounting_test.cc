// Every shipped scenario, run in-process (scaled down), satisfies the summary's accounting
// identities (sim/report/run_summary.h): per tier hits + refresh hits + misses + errors =
// requests, the edge is the sum of its POPs, what the tiers sent upstream is what the upper tiers
// and the origin received, and no tier reports more hits than requests.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fmt/format.h>

#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "sim/run/tiered_simulation.h"
#include "tests/scenarios/scenario_runner.h"

namespace cdnsim {

namespace {

std::vector<std::filesystem::path> everyScenarioFile() {
  std::vector<std::filesystem::path> files;
  for (const auto& dir : {"scenarios", "tools/bench", "tests/scenarios/topologies"}) {
    for (const auto& e : std::filesystem::directory_iterator(testing::sourcePath(dir))) {
      if (e.path().extension() != ".yaml") continue;
      const std::string text = testing::readFile(e.path());
      if (text.find("\ntopology:") == std::string::npos) continue;  // a topology, not a scenario
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

void checkTier(const std::string& name, const sim::TierCounters& t) {
  INFO(name);
  CHECK(t.hits + t.refreshHits + t.misses + t.errors == t.requests);
  CHECK(t.hitRatio() <= 1.0);
  CHECK(t.byteHitRatio() <= 1.0);
}

}  // namespace

TEST_CASE("every shipped scenario satisfies the accounting identities", "[scenario][accounting]") {
  const auto files = everyScenarioFile();
  REQUIRE(files.size() >= 3);
  for (const auto& file : files) {
    INFO(file.string());
    auto scenario = core::config::loadScenario(file.string());
    const auto topology = core::config::loadTopology(scenario.topologyPath);
    // Scaled down, but long enough for objects to expire and be refreshed in the background.
    scenario.requests = std::min<std::uint64_t>(scenario.requests, 60000);
    scenario.catalogue.objects = std::min<std::uint64_t>(scenario.catalogue.objects, 50000);
    sim::TieredSimulation simulation(scenario, topology);
    simulation.run(nullptr);
    const auto& s = simulation.summary();
    const auto violations = s.accountingViolations();
    INFO(fmt::format("{}", fmt::join(violations, "\n")));
    CHECK(violations.empty());
    // A replay ends with its log: every line replayed is a viewer request.
    CHECK(s.viewerRequests == (scenario.replay ? s.replay->replayed : scenario.requests));
    checkTier("edge", s.edge);
    checkTier("regional", s.regional);
    checkTier("shield", s.shield);
    for (const auto& p : s.pops) checkTier(p.code, p.counters);
  }
}

}  // namespace cdnsim
