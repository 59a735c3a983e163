// tools/cdnsim/huge_pages.h: `run` re-executes itself on huge pages; that changes where memory is,
// never what the run writes. The same run with and without it prints the same summary, and the
// re-executed process keeps the user's other glibc tunables and its arguments.

#include <catch2/catch.hpp>

#include <string>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

std::string runQuickstart(const std::string& environment) {
  const auto result = runCommand(environment + " " + CDNSIM_BINARY + " run " +
                                 CDNSIM_SOURCE_DIR + "/scenarios/quickstart.yaml --requests 20000");
  REQUIRE(result.exitCode == 0);
  REQUIRE(result.output.find("viewer") != std::string::npos);
  return result.output;
}

}  // namespace

TEST_CASE("run prints the same summary with and without huge pages", "[tools][huge_pages]") {
  const std::string onHugePages = runQuickstart("env -u CDNSIM_NO_HUGE_PAGES -u GLIBC_TUNABLES");
  REQUIRE(onHugePages == runQuickstart("CDNSIM_NO_HUGE_PAGES=1"));
  // A user's own tunables are kept beside ours (an unrelated one here), and an explicit choice of
  // glibc.malloc.hugetlb is left alone.
  REQUIRE(onHugePages == runQuickstart("GLIBC_TUNABLES=glibc.malloc.check=0"));
  REQUIRE(onHugePages == runQuickstart("GLIBC_TUNABLES=glibc.malloc.hugetlb=0"));
}

}  // namespace cdnsim::testing
