// Every shipped topology (topologies/*.yaml) is used by a scenario that CTest runs, and each one
// shows what it is for: single-pop one cache, two-tier what the regional tier adds,
// three-tier-shield what the shield saves the origin, cloudfront-global CloudFront's footprint and
// its price classes. The scenarios that run them live in tests/scenarios/topologies/.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "sim/run/tiered_simulation.h"
#include "tests/scenarios/scenario_runner.h"

// Inside cdnsim::core::config, so that PriceClass and the loaders need no qualification.
namespace cdnsim::core::config {

namespace {

std::vector<std::filesystem::path> yamlFiles(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(testing::sourcePath(dir))) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string normal(const std::filesystem::path& p) {
  return std::filesystem::weakly_canonical(p).string();
}

struct SimulatedRun {
  core::config::ScenarioConfig scenario;
  core::config::TopologyConfig topology;
  std::unique_ptr<sim::TieredSimulation> simulation;
};

SimulatedRun simulateScenario(const std::string& relative, const std::string& topologyText = "") {
  SimulatedRun r;
  r.scenario = core::config::loadScenario(testing::sourcePath(relative));
  r.topology = topologyText.empty()
                   ? core::config::loadScenarioTopology(r.scenario)
                   : core::config::loadTopologyFromString(topologyText, r.scenario.topologyPath);
  r.simulation = std::make_unique<sim::TieredSimulation>(r.scenario, r.topology);
  r.simulation->run(nullptr);
  return r;
}

std::string withPriceClass(std::string text, PriceClass cls) {
  const std::string from = "price_class: PriceClass_All ";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "price_class: " + std::string(core::config::toString(cls)) + " ");
  return text;
}

}  // namespace

TEST_CASE("every shipped topology is run by a scenario in CTest", "[scenario][topologies]") {
  std::set<std::string> used;
  for (const auto* dir : {"scenarios", "tools/bench", "tests/scenarios/topologies"}) {
    for (const auto& f : yamlFiles(dir)) {
      if (testing::readFile(f).find("\ntopology:") == std::string::npos) continue;
      used.insert(normal(core::config::loadScenario(f.string()).topologyPath));
    }
  }
  const auto shipped = yamlFiles("topologies");
  REQUIRE(shipped.size() >= 4);
  for (const auto& t : shipped) {
    INFO(t.filename().string() << " is used by no scenario; add one to tests/scenarios/topologies/");
    CHECK(used.count(normal(t)) == 1);
  }
}

TEST_CASE("every shipped topology opens with a comment block saying what it is for",
          "[scenario][topologies]") {
  for (const auto& t : yamlFiles("topologies")) {
    const std::string text = testing::readFile(t);
    INFO(t.filename().string());
    const std::string stem = t.stem().string();
    CHECK(text.rfind("# " + stem + ":", 0) == 0);  // starts by naming itself
    // The block is several lines long, and attributes its POP data.
    const auto blockEnd = text.find("\n\n");
    REQUIRE(blockEnd != std::string::npos);
    CHECK(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(blockEnd), '\n') >= 5);
    CHECK(text.find("github.com/tobilg/aws-edge-locations") < blockEnd);
  }
}

TEST_CASE("single-pop: every viewer reaches the one POP, whose misses go to the origin",
          "[scenario][topologies]") {
  const auto r = simulateScenario("tests/scenarios/topologies/single-pop.yaml");
  const auto& s = r.simulation->summary();
  REQUIRE(s.pops.size() == 1);
  CHECK(s.pops[0].counters.requests == r.scenario.requests);
  CHECK(s.regional.requests == 0);
  CHECK(s.shield.requests == 0);
  CHECK(s.edge.sentToOrigin == s.edge.sentUpstream);
  CHECK(s.originRequests == s.edge.sentToOrigin);
  CHECK(s.edge.hits > 0);
  CHECK(s.edge.misses > 0);
}

TEST_CASE("two-tier: the regional edge caches answer some of the POPs' misses",
          "[scenario][topologies]") {
  const auto r = simulateScenario("tests/scenarios/topologies/two-tier.yaml");
  const auto& s = r.simulation->summary();
  // Every POP has viewers and a REC; the origin is custom, so no REC is skipped.
  for (const auto& p : s.pops) {
    INFO(p.code);
    CHECK(p.counters.requests > 0);
  }
  CHECK(s.edge.sentToOrigin == 0);
  CHECK(s.regional.requests == s.edge.sentUpstream);
  CHECK(s.regional.hits > 0);
  CHECK(s.originRequests == s.regional.sentToOrigin);
  CHECK(s.originRequests < s.edge.misses);  // what the regional tier saves the origin
}

TEST_CASE("three-tier-shield: the shield answers one REC with what another fetched",
          "[scenario][topologies]") {
  const auto r = simulateScenario("tests/scenarios/topologies/three-tier-shield.yaml");
  const auto& s = r.simulation->summary();
  REQUIRE(s.shieldNodes == 1);
  CHECK(s.shield.requests > 0);
  CHECK(s.shield.hits > 0);
  // Every request for the origin went through the shield: from the other RECs' misses, or from
  // the us-east-1 REC, which plays both parts (its own POPs' misses count as regional ones).
  CHECK(s.edge.sentToOrigin == 0);
  CHECK(s.shield.requests == s.regional.sentUpstream - s.regional.sentToOrigin);
  CHECK(s.originRequests == s.regional.sentToOrigin + s.shield.sentToOrigin);
  CHECK(s.originRequests < s.regional.misses);
}

TEST_CASE("cloudfront-global: 13 regional edge caches and at least 100 POPs with real codes",
          "[scenario][topologies]") {
  const auto r = simulateScenario("tests/scenarios/topologies/cloudfront-global.yaml");
  const auto& t = r.topology;
  CHECK(t.pops.size() >= 100);
  std::set<std::string> regions;
  for (const auto& rec : t.regionalEdgeCaches) regions.insert(rec.region);
  CHECK(regions.size() == 13);
  // The IATA codes are those of the published edge locations (a sample, by continent).
  std::set<std::string> iata;
  for (const auto& p : t.pops) iata.insert(p.code.substr(0, 3));
  CHECK(iata.size() == t.pops.size());
  for (const auto* code : {"IAD", "LHR", "FRA", "NRT", "BOM", "SIN", "GRU", "SYD", "JNB", "TLV"}) {
    CHECK(iata.count(code) == 1);
  }
  const auto& s = r.simulation->summary();
  CHECK(s.viewerRequests == r.scenario.requests);
  std::size_t busy = 0;
  for (const auto& p : s.pops) busy += p.counters.requests > 0 ? 1 : 0;
  std::set<std::uint32_t> chosen;
  for (std::uint32_t c = 0; c < r.scenario.clients.size(); ++c) {
    chosen.insert(r.simulation->world().clientPop(c));
  }
  CHECK(busy == chosen.size());
}

TEST_CASE("cloudfront-global: each price class is a subset of the next, and its viewers stay "
          "inside it", "[scenario][topologies][price-class]") {
  const std::string text = testing::readFile(testing::sourcePath("topologies/cloudfront-global.yaml"));
  const auto all = core::config::loadTopologyFromString(text, "cloudfront-global.yaml");
  // The classes of the DG's regions, by IATA code (DG/PriceClass.html).
  const std::map<std::string, PriceClass> known = {
      {"IAD", PriceClass::Class100}, {"YUL", PriceClass::Class100}, {"LHR", PriceClass::Class100},
      {"TLV", PriceClass::Class100}, {"NRT", PriceClass::Class200}, {"BOM", PriceClass::Class200},
      {"SIN", PriceClass::Class200}, {"JNB", PriceClass::Class200}, {"DXB", PriceClass::Class200},
      {"HKG", PriceClass::Class200}, {"GRU", PriceClass::All},      {"SYD", PriceClass::All},
      {"AKL", PriceClass::All},      {"EZE", PriceClass::All}};
  for (const auto& p : all.pops) {
    const auto it = known.find(p.code.substr(0, 3));
    if (it == known.end()) continue;
    INFO(p.code);
    CHECK(p.priceClass == it->second);
  }

  std::set<std::string> previous;
  for (const auto cls : {PriceClass::Class100, PriceClass::Class200, PriceClass::All}) {
    CAPTURE(core::config::toString(cls));
    const auto r = simulateScenario("tests/scenarios/topologies/cloudfront-global.yaml",
                               withPriceClass(text, cls));
    std::set<std::string> codes;
    std::size_t expected = 0;
    for (const auto& p : all.pops) expected += p.priceClass <= cls ? 1 : 0;
    for (const auto& p : r.topology.pops) {
      codes.insert(p.code);
      CHECK(p.priceClass <= cls);
    }
    CHECK(codes.size() == expected);
    CHECK(r.topology.popsOutsidePriceClass == all.pops.size() - expected);
    CHECK(std::includes(codes.begin(), codes.end(), previous.begin(), previous.end()));
    CHECK(codes.size() > previous.size());
    previous = codes;
    // Sydney's viewers land in Sydney only when the class includes Australia.
    for (std::uint32_t c = 0; c < r.scenario.clients.size(); ++c) {
      if (r.scenario.clients[c].name != "sydney") continue;
      const auto& pop = r.topology.pops[r.simulation->world().clientPop(c)];
      CHECK((pop.code.substr(0, 3) == "SYD") == (cls == PriceClass::All));
    }
    CHECK(r.simulation->summary().viewerRequests == r.scenario.requests);
  }
}

TEST_CASE("serve-conformance: without freshness information nothing is served from cache unvalidated",
          "[scenario][topologies]") {
  const auto r = simulateScenario("tests/scenarios/topologies/serve-conformance.yaml");
  const auto& s = r.simulation->summary();
  REQUIRE(s.pops.size() == 1);
  // Default TTL 0 (DG/Expiration.html): a stored copy is revalidated on every request (RefreshHit
  // after a 304), and only the followers of a fetch in flight share its answer.
  CHECK(s.edge.hits == s.edge.collapsed);
  CHECK(s.edge.refreshHits > s.edge.misses);
  CHECK(s.originRequests + s.edge.collapsed == r.scenario.requests);
}

}  // namespace cdnsim::core::config
