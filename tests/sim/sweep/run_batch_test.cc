// Runs side by side: each result is what a run alone gives, whatever the number of threads.

#include "sim/sweep/run_batch.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config/scenario_source.h"
#include "sim/report/summary_format.h"

namespace {

std::vector<cdnsim::core::config::LoadedScenario> runs() {
  cdnsim::core::config::ScenarioSource source(std::string(CDNSIM_SOURCE_DIR) +
                                      "/scenarios/quickstart.yaml");
  std::vector<cdnsim::core::config::LoadedScenario> out;
  for (const char* policy : {"lru", "s3fifo", "sieve", "fifo", "clock"}) {
    out.push_back(
        source.load({cdnsim::core::config::parseOverride("requests=4000"),
                     cdnsim::core::config::parseOverride(std::string("pops[*].cache.policy=") + policy),
                     cdnsim::core::config::parseOverride("pops[*].cache.capacity=16MiB")}));
  }
  return out;
}

}  // namespace

TEST_CASE("a batch gives each run's own summary, whatever the threads", "[sim][sweep][batch]") {
  using namespace cdnsim;
  const auto scenarios = runs();
  const auto one = sim::runBatch(scenarios, 1);
  const auto three = sim::runBatch(scenarios, 3);
  REQUIRE(one.size() == scenarios.size());
  CHECK(one == three);
  // And a run alone.
  sim::TieredSimulation alone(scenarios[2].scenario, scenarios[2].topology);
  alone.run(nullptr);
  CHECK(one[2].dump(2) + "\n" == sim::formatSummaryJson(alone.summary()));
  // The policies do differ, so the comparison above compares something.
  CHECK(one[0] != one[2]);
}

TEST_CASE("every job runs once, and a failure is rethrown after the threads stop",
          "[sim][sweep][batch]") {
  using namespace cdnsim;
  std::vector<std::atomic<int>> calls(50);
  sim::runParallel(calls.size(), 4, [&](std::size_t i) { ++calls[i]; });
  for (const auto& c : calls) CHECK(c.load() == 1);
  CHECK_THROWS_WITH(sim::runParallel(10, 3,
                                     [](std::size_t i) {
                                       if (i == 4) throw std::runtime_error("job 4 failed");
                                     }),
                    "job 4 failed");
}
