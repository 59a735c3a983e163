// The command line's contract for bad input: one line `file:line:col: message` on stderr, exit
// status 2, and no output files left behind.

#include <catch2/catch.hpp>

#include <algorithm>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

TEST_CASE("cdnsim validate accepts every shipped topology and scenario", "[cli][validate]") {
  int files = 0;
  for (const char* folder : {"topologies", "scenarios"}) {
    for (const auto& entry : std::filesystem::directory_iterator(sourcePath(folder))) {
      if (entry.path().extension() != ".yaml") continue;
      ++files;
      const auto r = runCommand(cdnsimBinary() + " validate " + entry.path().string());
      INFO(r.output);
      CHECK(r.exitCode == 0);
      CHECK(r.output.find(": valid ") != std::string::npos);
    }
  }
  CHECK(files >= 4);
}

TEST_CASE("a YAML mistake exits 2 with file:line:col and writes nothing", "[cli][errors]") {
  TempDir dir("cdnsim-cli-bad");
  const auto topology = dir.path() / "bad.yaml";
  std::string text = readFile(sourcePath("topologies/quickstart.yaml"));
  const std::string from = "cache: {capacity: 2GiB, policy: lru}";
  const std::size_t at = text.find(from);
  text.replace(at, from.size(), "cache: {capacity: 2GiB, polcy: lru}");
  std::ofstream(topology) << text;
  // Where the misspelt key is, 1-based, as the message must say.
  const std::size_t lineStart = text.rfind('\n', at) + 1;
  const std::size_t keyAt = text.find("polcy", at);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  const std::string where = fmt::format(":{}:{}:", line, 1 + keyAt - lineStart);

  const auto validate = runCommand(cdnsimBinary() + " validate " + topology.string());
  CHECK(validate.exitCode == 2);
  CHECK_THAT(validate.output, Catch::Contains(topology.string() + where + " unknown key 'polcy' in pop cache"));

  const auto out = dir.path() / "out";
  const auto run = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") +
                              " --topology " + topology.string() + " --out " + out.string());
  CHECK(run.exitCode == 2);
  CHECK_THAT(run.output, Catch::StartsWith("cdnsim run: " + topology.string() + where));
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("usage errors exit 2 and --help exits 0", "[cli]") {
  CHECK(runCommand(cdnsimBinary() + " run").exitCode == 2);
  CHECK(runCommand(cdnsimBinary() + " frobnicate").exitCode == 2);
  CHECK(runCommand(cdnsimBinary() + " run --no-such-flag x.yaml").exitCode == 2);
  for (const char* cmd : {"--help", "run --help", "validate --help", "cachesim --help"}) {
    const auto r = runCommand(cdnsimBinary() + " " + cmd);
    INFO(cmd);
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.output, Catch::Contains("Usage"));
  }
}

}  // namespace cdnsim::testing
