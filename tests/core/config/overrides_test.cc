// Overrides by YAML path: where they write in the parsed file, which file they go to, and the
// messages that name the override when its path or value is wrong.

#include "core/config/overrides.h"

#include <catch2/catch.hpp>
#include <string>

#include "core/config/config_error.h"
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"
#include "tests/core/config/tiny_topology.h"

namespace cdnsim::core::config {

namespace {

const std::string kTopology = cdnsim::test::tinyTopology("{capacity: 1GiB, policy: s3fifo}",
                                                       "  - code: FRA56-P2\n"
                                                       "    location: {lat: 50.0, lon: 8.6}\n"
                                                       "    cache: {capacity: 64MiB}\n");

// The topology after applying `overrides` to its parsed text, through the real loader.
TopologyConfig overridden(std::initializer_list<const char*> overrides) {
  YamlNode root = YamlNode::loadString(kTopology, "t.yaml");
  for (const char* text : overrides) applyOverride(parseOverride(text), root.raw());
  return readTopology(root);
}

std::string overridesErrorOf(std::initializer_list<const char*> overrides) {
  try {
    overridden(overrides);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("an override writes its value where its path points", "[config][overrides]") {
  const auto every = overridden({"pops[*].cache.capacity=4GiB"});
  CHECK(every.pops[0].cache.capacityBytes == 4ULL << 30);
  CHECK(every.pops[1].cache.capacityBytes == 4ULL << 30);
  CHECK(every.regionalEdgeCaches[0].cache.capacityBytes == 1ULL << 30);

  const auto one = overridden({"pops[1].cache.policy=sieve"});
  CHECK(one.pops[0].cache.policy == "lru");
  CHECK(one.pops[1].cache.policy == "sieve");

  const auto named = overridden(
      {"pops[FRA56-P2].cache.capacity=1MiB", "regional_edge_caches[us-east-1].cache.policy=lru"});
  CHECK(named.pops[0].cache.capacityBytes == 64ULL << 20);
  CHECK(named.pops[1].cache.capacityBytes == 1ULL << 20);
  CHECK(named.regionalEdgeCaches[0].cache.policy == "lru");

  // A mapping the file leaves out is created; a later override wins over an earlier one.
  const auto created = overridden({"network.km_per_ms=50", "network.km_per_ms=60"});
  CHECK(created.network.kmPerMs == 60);

  // Values are YAML: a flow mapping replaces a whole subtree, quotes keep commas.
  const auto whole =
      overridden({"pops[*].cache={capacity: 2MiB, policy: fifo}", "topology.name=\"a, b\""});
  CHECK(whole.pops[1].cache.capacityBytes == 2ULL << 20);
  CHECK(whole.pops[1].cache.policy == "fifo");
  CHECK(whole.name == "a, b");
}

TEST_CASE(
    "what an override writes carries no mark, so the loader's errors about it are told from the "
    "file's",
    "[config][overrides]") {
  try {
    overridden({"pops[*].cache.capasity=4GiB"});
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(e.mark().line == 0);
    CHECK(e.message() ==
          "unknown key 'capasity' in pop cache; did you mean 'capacity'? expected one of: "
          "capacity, policy");
  }
}

TEST_CASE("one written value is not shared between the places [*] wrote it to",
          "[config][overrides]") {
  const auto t =
      overridden({"pops[*].cache={capacity: 2MiB, policy: fifo}", "pops[0].cache.policy=sieve"});
  CHECK(t.pops[0].cache.policy == "sieve");
  CHECK(t.pops[1].cache.policy == "fifo");
}

TEST_CASE("the first key, or a prefix, says which file an override goes to",
          "[config][overrides]") {
  auto [text, target] = GENERATE(table<std::string, OverrideTarget>({
      {"requests=20000", OverrideTarget::Scenario},
      {"catalogue.zipf_alpha=1.1", OverrideTarget::Scenario},
      {"name=x", OverrideTarget::Scenario},
      {"topology=other.yaml", OverrideTarget::Scenario},
      {"scenario.name=x", OverrideTarget::Scenario},
      {"topology.name=x", OverrideTarget::Topology},
      {"pops[*].cache.capacity=4GiB", OverrideTarget::Topology},
      {"behaviors[0].cache_policy=CachingDisabled", OverrideTarget::Topology},
  }));
  CAPTURE(text);
  CHECK(parseOverride(text).target == target);
}

TEST_CASE(
    "a path that does not fit the file, or a value that is not YAML, is refused naming the "
    "override",
    "[config][overrides][errors]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"pops[7].cache.capacity=4GiB",
       "--set pops[7].cache.capacity=4GiB: 'pops' has 2 elements; expected an index from [0] to "
       "[1], got [7]"},
      {"pops[FRA56-P3].cache.capacity=4GiB",
       "--set pops[FRA56-P3].cache.capacity=4GiB: no element of 'pops' has code or name "
       "'FRA56-P3'; "
       "did you mean 'FRA56-P2'?"},
      {"pops.cache.capacity=4GiB",
       "--set pops.cache.capacity=4GiB: 'pops' is a list; select its elements"},
      {"pops[0].code.x=1",
       "--set pops[0].code.x=1: 'pops[0].code' is a single value ('IAD89-C1'), so it has no key "
       "'x'"},
      {"popz[0].cache.capacity=1GiB",
       "--set popz[0].cache.capacity=1GiB: unknown key 'popz'; did you mean 'pops'?"},
      {"pops[*].cache.capacity", "--set pops[*].cache.capacity: expected PATH=VALUE"},
      {"pops[*.cache.capacity=1", "--set pops[*.cache.capacity=1: '[' at position 5 of the path"},
      {"pops..cache=1", "--set pops..cache=1: empty key at position 6"},
      {"pops[]=1", "--set pops[]=1: empty [] in the path"},
      {"pops[0]x=1", "--set pops[0]x=1: unexpected 'x' at position 8"},
      {"topology.name=[a", "--set topology.name=[a: the value '[a' is not valid YAML"},
      {"topology.network[0]=1", "--set topology.network[0]=1: 'network' is not in the file"},
  }));
  CAPTURE(text);
  CHECK_THAT(overridesErrorOf({text.c_str()}), Catch::StartsWith(expected));
}

}  // namespace cdnsim::core::config
