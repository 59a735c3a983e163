// Regression: the quickstart scenario's whole summary and time series, pinned byte for byte.
// A change that moves any number fails here; if the change is intended, regenerate with
//   build/tools/cdnsim run scenarios/quickstart.yaml --requests 50000 --no-trace --out /tmp/g &&
//   cp /tmp/g/summary.json tests/scenarios/golden/quickstart-50k.summary.json &&
//   cp /tmp/g/timeseries.csv tests/scenarios/golden/quickstart-50k.timeseries.csv
// and say in the commit why the numbers moved.

#include <catch2/catch.hpp>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

TEST_CASE("quickstart (50k requests) matches its golden summary and time series",
          "[scenario][golden]") {
  TempDir out("cdnsim-golden");
  const auto r = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") +
                            " --requests 50000 --no-trace --out " + out.path().string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  CHECK(readFile(out.path() / "summary.json") ==
        readFile(sourcePath("tests/scenarios/golden/quickstart-50k.summary.json")));
  CHECK(readFile(out.path() / "timeseries.csv") ==
        readFile(sourcePath("tests/scenarios/golden/quickstart-50k.timeseries.csv")));
}

}  // namespace cdnsim::testing
