// `cdnsim validate` tells a topology from a scenario by its keys, or by --kind, and refuses a file
// it cannot place with file:line:col and exit status 2.

#include <catch2/catch.hpp>

#include <fstream>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

TEST_CASE("validate tells the kind from the keys and refuses a file of both or neither",
          "[cli][validate]") {
  TempDir dir("cdnsim-validate-kind");
  auto [text, status, expected] = GENERATE(table<std::string, int, std::string>({
      {"name: x\npops: []\nclients: []\n", 2,
       "x.yaml:1:1: cannot tell whether this is a topology or a scenario: it has topology keys "
       "(pops) and scenario keys (clients)"},
      {"name: x\n", 2, "x.yaml:1:1: cannot tell whether this is a topology or a scenario: it has none"},
      // A scenario without topology: is read as a scenario, so the message is the missing key.
      {"name: s\nrequests: 5\ncatalogue: {objects: 5}\nclients: []\n", 2,
       "x.yaml:1:1: missing key 'topology' in scenario"},
  }));
  const auto file = dir.path() / "x.yaml";
  std::ofstream(file) << text;
  const auto r = runCommand(cdnsimBinary() + " validate " + file.string());
  CAPTURE(text);
  CHECK(r.exitCode == status);
  CHECK_THAT(r.output, Catch::Contains(dir.path().string() + "/" + expected));
}

TEST_CASE("validate --kind reads the file as the kind given", "[cli][validate]") {
  const std::string topology = sourcePath("topologies/quickstart.yaml");
  const auto asTopology = runCommand(cdnsimBinary() + " validate --kind topology " + topology);
  CHECK(asTopology.exitCode == 0);
  CHECK_THAT(asTopology.output, Catch::Contains(": valid topology 'quickstart'"));

  const auto asScenario = runCommand(cdnsimBinary() + " validate --kind scenario " + topology);
  CHECK(asScenario.exitCode == 2);
  CHECK_THAT(asScenario.output, Catch::Contains(topology + ":") &&
                                    Catch::Contains("unknown key") && Catch::Contains("in scenario"));

  CHECK(runCommand(cdnsimBinary() + " validate --kind pops " + topology).exitCode == 2);
}

}  // namespace cdnsim::testing
