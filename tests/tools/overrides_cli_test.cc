// run --set: an override changes what the run simulates, and a wrong one is refused before any work
// with one line naming it, exit status 2 and no outputs.

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

std::string run(const std::string& arguments) {
  return cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") + " --requests 2000 " +
         arguments;
}

nlohmann::json summaryOf(const std::string& arguments) {
  const auto r = runCommand(run(arguments + " --json"));
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  return nlohmann::json::parse(r.output);
}

}  // namespace

TEST_CASE("run --set changes the scenario and the topology", "[cli][overrides]") {
  const auto plain = summaryOf("");
  CHECK(plain["viewer"]["requests"] == 2000);
  REQUIRE(plain["viewer"]["hits"] > 0);
  // A --set of requests wins over --requests.
  CHECK(summaryOf("--set requests=500")["viewer"]["requests"] == 500);
  // Caching disabled: every request goes to the origin.
  const auto disabled = summaryOf("--set 'behaviors[0].cache_policy=CachingDisabled'");
  CHECK(disabled["viewer"]["hits"] == 0);
  CHECK(disabled["origin"]["requests"] == 2000);
  // Tiny caches at every POP evict: fewer edge hits than with the shipped 2 GiB.
  const auto tiny = summaryOf("--set 'pops[*].cache.capacity=1MiB'");
  CHECK(tiny["edge"]["hits"] < plain["edge"]["hits"]);
  CHECK(tiny["edge"]["evictions"] > 0);
  // Naming one POP changes only that one.
  const auto one = summaryOf("--set 'pops[IAD89-C1].cache.capacity=1MiB'");
  CHECK(one["pops"][0]["evictions"] > 0);
  CHECK(one["pops"][2]["evictions"] == plain["pops"][2]["evictions"]);
}

TEST_CASE("a bad --set exits 2 with one line naming it, and writes nothing",
          "[cli][overrides][errors]") {
  TempDir dir("cdnsim-set-bad");
  const auto out = dir.path() / "out";
  auto [set, message] = GENERATE(table<std::string, std::string>({
      {"pops[*].cache.capasity=4GiB",
       "cdnsim run: --set pops[*].cache.capasity=4GiB: unknown key 'capasity' in pop cache; did "
       "you mean "
       "'capacity'? expected one of: capacity, policy\n"},
      {"pops[9].cache.capacity=4GiB",
       "cdnsim run: --set pops[9].cache.capacity=4GiB: 'pops' has 4 elements; expected an index "
       "from [0] to "
       "[3], got [9]\n"},
      {"pops[*].cache.policy=lru2",
       "cdnsim run: --set pops[*].cache.policy=lru2: unknown eviction policy 'lru2'; did you mean "
       "'lru'? "},
      {"requests",
       "cdnsim run: --set requests: expected PATH=VALUE, such as pops[*].cache.capacity=4GiB or "
       "requests=20000\n"},
      {"catalog.objects=5",
       "cdnsim run: --set catalog.objects=5: unknown key 'catalog'; did you mean 'catalogue'?"},
  }));
  CAPTURE(set);
  const auto r = runCommand(run("--set '" + set + "' --out " + out.string()));
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.output, Catch::StartsWith(message));
  CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);
  CHECK_FALSE(std::filesystem::exists(out));
}

}  // namespace cdnsim::testing
