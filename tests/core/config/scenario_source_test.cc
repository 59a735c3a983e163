// Loading a scenario and its topology with overrides: each override reaches its file, the loaders
// check what it wrote, and every error names the override at fault (or keeps the file's place
// when the file itself is wrong).

#include "core/config/scenario_source.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/config/config_error.h"
#include "tests/core/config/tiny_topology.h"

namespace cdnsim::core::config {

namespace {

const std::string kSourceTopology = cdnsim::test::tinyTopology();

const std::string kSourceScenario = R"(name: s
topology: t.yaml
requests: 1000
catalogue:
  objects: 100
  sizes: {distribution: fixed, size: 1KiB}
clients:
  - name: here
    location: {lat: 38.9, lon: -77.4}
    requests_per_second: 10
)";

// A folder with t.yaml and s.yaml, removed at the end.
class Files {
 public:
  explicit Files(const std::string& topology = kSourceTopology)
      : dir_(std::filesystem::temp_directory_path() /
             ("cdnsim-source-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "t.yaml") << topology;
    std::ofstream(dir_ / "s.yaml") << kSourceScenario;
  }
  ~Files() { std::filesystem::remove_all(dir_); }
  std::string scenario() const { return (dir_ / "s.yaml").string(); }
  std::string topology() const { return (dir_ / "t.yaml").string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

std::vector<Override> parsed(const std::vector<std::string>& texts) {
  std::vector<Override> out;
  for (const auto& t : texts) out.push_back(parseOverride(t));
  return out;
}

std::string sourceErrorOf(const Files& files, const std::vector<std::string>& overrides) {
  try {
    ScenarioSource(files.scenario()).load(parsed(overrides));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("overrides reach the scenario and the topology", "[config][overrides]") {
  Files files;
  ScenarioSource source(files.scenario());
  const auto plain = source.load({});
  CHECK(plain.scenario.requests == 1000);
  CHECK(plain.topology.pops[0].cache.capacityBytes == 64ULL << 20);
  // The same source loads again with other overrides: nothing of the first load stays.
  const auto changed = source.load(parsed({"requests=20000", "pops[*].cache.capacity=4GiB",
                                           "behaviors[0].cache_policy=CachingDisabled"}));
  CHECK(changed.scenario.requests == 20000);
  CHECK(changed.topology.pops[0].cache.capacityBytes == 4ULL << 30);
  CHECK(changed.topology.behaviors[0].cachePolicy == "CachingDisabled");
  const auto again = source.load({});
  CHECK(again.topology.pops[0].cache.capacityBytes == 64ULL << 20);
  CHECK(again.topology.behaviors[0].cachePolicy == "CachingOptimized");
}

TEST_CASE("a value the loader refuses is reported at the override", "[config][overrides][errors]") {
  Files files;
  auto [overrides, expected] = GENERATE(table<std::vector<std::string>, std::string>({
      {{"pops[*].cache.capasity=4GiB"},
       "--set pops[*].cache.capasity=4GiB: unknown key 'capasity' in pop cache; did you mean "
       "'capacity'? expected one of: capacity, policy"},
      {{"requests=20000", "pops[*].cache.capacity=4 lots"},
       "--set pops[*].cache.capacity=4 lots: cache capacity must be a size in bytes such as "
       "1048576, 64KiB, 512MiB or 4GiB, got '4 lots'"},
      {{"requests=0"}, "--set requests=0: requests must be between 1 and 1099511627776, got 0"},
      {{"behaviors[0].cache_policy=CachingDisabld"},
       "--set behaviors[0].cache_policy=CachingDisabld: unknown cache policy 'CachingDisabld'; did "
       "you mean 'CachingDisabled'?"},
      {{"catalogue.sizes.distribution=pareto"}, "--set catalogue.sizes.distribution=pareto: "},
  }));
  CAPTURE(overrides);
  CHECK_THAT(sourceErrorOf(files, overrides), Catch::StartsWith(expected));
}

TEST_CASE("an error an override causes elsewhere keeps the file's place after the override",
          "[config][overrides][errors]") {
  Files files;
  // Renaming the REC breaks the POP's reference to it, at the POP's line in the file.
  CHECK(sourceErrorOf(files, {"regional_edge_caches[0].name=eu-central-1"}) ==
        "--set regional_edge_caches[0].name=eu-central-1: " + files.topology() +
            ":9:26: unknown regional edge cache 'us-east-1'; expected one of: eu-central-1");
}

TEST_CASE("overrides wrong only together are named together", "[config][overrides][errors]") {
  Files files;
  // Each alone keeps min <= max; together they do not.
  CHECK_THAT(sourceErrorOf(files, {"catalogue.sizes.size=20KiB", "catalogue.sizes.max=12KiB"}),
             Catch::StartsWith("--set catalogue.sizes.size=20KiB, --set catalogue.sizes.max=12KiB "
                               "(together): size 20480 is outside the object sizes"));
}

TEST_CASE("the files' own mistakes keep their file:line:col", "[config][overrides][errors]") {
  std::string broken = kSourceTopology;
  broken.replace(broken.find("capacity: 64MiB"), 8, "capacty");
  Files files(broken);
  CHECK_THAT(sourceErrorOf(files, {"requests=5"}),
             Catch::StartsWith(files.topology() + ":10:13: unknown key 'capacty' in pop cache"));
}

TEST_CASE("a topology named by an override that cannot be opened is blamed on it",
          "[config][overrides][errors]") {
  Files files;
  CHECK_THAT(sourceErrorOf(files, {"topology=missing.yaml"}),
             Catch::StartsWith("--set topology=missing.yaml: cannot open topology '"));
}

}  // namespace cdnsim::core::config
