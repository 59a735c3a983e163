// A replayed trace with a bad line, found while the runs go on: run, compare and sweep all refuse
// it as bad input (exit 2) with the same file:line message, and write nothing.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

// A CSV trace whose third line is not `timestamp,object_id,size`, and a scenario replaying it.
struct BadTrace {
  TempDir dir{"cdnsim-replay-bad-line"};
  BadTrace() {
    std::ofstream(dir.path() / "t.csv") << "timestamp,object_id,size\n1,7,500\n2,oops\n3,8,600\n";
    std::ofstream(dir.path() / "s.yaml")
        << "name: bad-trace\n"
        << "topology: " << sourcePath("topologies/two-tier.yaml") << "\n"
        << "replay:\n  format: csv\n  files: [t.csv]\n"
        << "clients:\n  - {name: fra, location: {lat: 50.03, lon: 8.57}}\n";
  }
  std::string scenario() const { return (dir.path() / "s.yaml").string(); }
  std::string trace() const { return (dir.path() / "t.csv").string(); }
};

// The error line of a command's output: from the trace's place on.
std::string messageOf(const CommandResult& r, const std::string& trace) {
  const auto at = r.output.find(trace + ":3:");
  if (at == std::string::npos) return "";
  return r.output.substr(at, r.output.find('\n', at) - at);
}

}  // namespace

TEST_CASE("a bad replayed line is bad input for run, compare and sweep alike", "[cli][replay]") {
  BadTrace bad;
  const auto run = runCommand(cdnsimBinary() + " run " + bad.scenario());
  INFO(run.output);
  REQUIRE(run.exitCode == 2);
  const std::string message = messageOf(run, bad.trace());
  REQUIRE_FALSE(message.empty());

  const auto out = bad.dir.path() / "out";
  const auto compare = runCommand(cdnsimBinary() + " compare " + bad.scenario() +
                                  " --variant 'a:' --variant 'b: pops[*].cache.policy=sieve' --out " +
                                  out.string());
  INFO(compare.output);
  CHECK(compare.exitCode == 2);
  CHECK(messageOf(compare, bad.trace()) == message);
  CHECK_THAT(compare.output, Catch::Contains("cdnsim compare: " + bad.trace() + ":3:"));
  CHECK_FALSE(std::filesystem::exists(out / "comparison.json"));

  const auto sweep = runCommand(cdnsimBinary() + " sweep " + bad.scenario() +
                                " --grid 'pops[*].cache.policy=lru,sieve' --out " + out.string());
  INFO(sweep.output);
  CHECK(sweep.exitCode == 2);
  CHECK(messageOf(sweep, bad.trace()) == message);
  CHECK_THAT(sweep.output, Catch::Contains("cdnsim sweep: " + bad.trace() + ":3:"));
  CHECK_FALSE(std::filesystem::exists(out));
}

}  // namespace cdnsim::testing
