// `cdnsim validate` and `cdnsim run` refuse a scenario whose events name an origin or POP the
// topology does not have, at the reference's file:line:col, with exit status 2 and no outputs.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

TEST_CASE("validate and run report an event's dangling reference at its line",
          "[cli][validate][events]") {
  TempDir dir("cdnsim-validate-events");
  std::string text = readFile(sourcePath("scenarios/deploy-invalidation.yaml"));
  text.replace(text.find("../topologies/quickstart.yaml"), 29,
               sourcePath("topologies/quickstart.yaml"));
  const auto [event, name, message] = GENERATE(table<std::string, std::string, std::string>({
      {"  - {kind: pop_down, pop: IAD89-C9, at: 2m, until: 3m}\n", "IAD89-C9",
       "POP 'IAD89-C9' is not in the topology"},
      {"  - {kind: origin_down, origin: bukcet, at: 2m}\n", "bukcet",
       "origin 'bukcet' is not in the topology"},
  }));
  text += event;
  const auto at = text.rfind(name);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  const auto column = 1 + at - (text.rfind('\n', at) + 1);
  const auto scenario = dir.path() / "s.yaml";
  std::ofstream(scenario) << text;
  const std::string expected = fmt::format("{}:{}:{}: {}", scenario.string(), line, column, message);

  const auto v = runCommand(cdnsimBinary() + " validate " + scenario.string());
  CHECK(v.exitCode == 2);
  CHECK_THAT(v.output, Catch::StartsWith(expected));

  const auto out = dir.path() / "out";
  const auto r = runCommand(cdnsimBinary() + " run " + scenario.string() + " --out " + out.string());
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.output, Catch::Contains(expected));
  CHECK_FALSE(std::filesystem::exists(out / "summary.json"));

  // --topology names the topology on the command line: checked against that one too.
  const auto t = runCommand(cdnsimBinary() + " run " + scenario.string() + " --topology " +
                            sourcePath("topologies/quickstart.yaml"));
  CHECK(t.exitCode == 2);
  CHECK_THAT(t.output, Catch::Contains(expected));
}

}  // namespace cdnsim::testing
