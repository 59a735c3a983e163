// `cdnsim validate` on a scenario loads its topology too, and reports a topology path that cannot
// be opened at the scenario's `topology:` line with the OS's reason.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

TEST_CASE("a scenario's missing or folder topology is reported at its topology line",
          "[cli][validate][errors]") {
  TempDir dir("cdnsim-validate-topology");
  std::filesystem::create_directories(dir.path() / "folder.yaml");
  auto [reference, reason] = GENERATE(table<std::string, std::string>({
      {"missing.yaml", "No such file or directory"},
      {"folder.yaml", "Is a directory"},
  }));
  std::string text = readFile(sourcePath("scenarios/quickstart.yaml"));
  const std::string from = "../topologies/quickstart.yaml";
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), reference);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  const auto column = 1 + at - (text.rfind('\n', at) + 1);
  const auto scenario = dir.path() / "s.yaml";
  std::ofstream(scenario) << text;

  const auto r = runCommand(cdnsimBinary() + " validate " + scenario.string());
  CAPTURE(reference);
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.output, Catch::StartsWith(fmt::format("{}:{}:{}: cannot open topology '{}': {}",
                                                     scenario.string(), line, column,
                                                     (dir.path() / reference).string(), reason)));
}

TEST_CASE("a scenario whose topology has a mistake fails validation", "[cli][validate][errors]") {
  TempDir dir("cdnsim-validate-bad-topology");
  std::string topology = readFile(sourcePath("topologies/quickstart.yaml"));
  topology.replace(topology.find("policy: lru"), 11, "polcy: lru");
  std::ofstream(dir.path() / "t.yaml") << topology;
  std::string scenario = readFile(sourcePath("scenarios/quickstart.yaml"));
  scenario.replace(scenario.find("../topologies/quickstart.yaml"), 29, "t.yaml");
  std::ofstream(dir.path() / "s.yaml") << scenario;

  const auto r = runCommand(cdnsimBinary() + " validate " + (dir.path() / "s.yaml").string());
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.output, Catch::StartsWith((dir.path() / "t.yaml").string() + ":") &&
                           Catch::Contains("unknown key 'polcy' in") &&
                           Catch::Contains("did you mean 'policy'?"));
}

}  // namespace cdnsim::testing
