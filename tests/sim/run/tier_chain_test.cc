// Whole requests through the tier chain on the virtual clock: what the viewer is told when a REC or
// the origin shield answers, which routes skip the REC, request collapsing under a flash crowd, and
// POPs without a regional edge cache (DG/HowCloudFrontWorks.html, DG/origin-shield.html).

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "sim/run/tiered_simulation.h"

namespace {

// Three metros far apart, so that DNS and REC choices are unambiguous.
const std::string kPlaces = R"(
  iad: {lat: 38.94, lon: -77.46}
  sfo: {lat: 37.62, lon: -122.38}
  fra: {lat: 50.03, lon: 8.57}
)";

struct CountingCollector : cdnsim::sim::ExchangeObserver {
  std::vector<cdnsim::sim::ViewerExchange> all;
  void onViewerExchange(const cdnsim::sim::ViewerExchange& e) override { all.push_back(e); }
  std::size_t count(std::uint32_t pop, cdnsim::core::emit::DetailedResultType d) const {
    std::size_t n = 0;
    for (const auto& e : all) n += (e.pop == pop && e.outcome.detailed == d) ? 1 : 0;
    return n;
  }
};

std::string tierTopology(const std::string& recs, const std::string& pops, const std::string& origin,
                     const std::string& policy = "CachingOptimized") {
  return "name: t\nnetwork: {base_latency: 1ms, km_per_ms: 100}\nregional_edge_caches:\n" + recs +
         "pops:\n" + pops + "origins:\n" + origin +
         "behaviors:\n  - {path_pattern: \"*\", origin: o, cache_policy: " + policy + "}\n";
}

const std::string kRecs = R"(  - {name: us-east-1, region: us-east-1, location: {lat: 38.94, lon: -77.46}, cache: {capacity: 1GiB}}
  - {name: us-west-2, region: us-west-2, location: {lat: 45.6, lon: -122.6}, cache: {capacity: 1GiB}}
  - {name: eu-central-1, region: eu-central-1, location: {lat: 50.03, lon: 8.57}, cache: {capacity: 1GiB}}
)";
const std::string kPops = R"(  - {code: IAD89-C1, location: {lat: 38.94, lon: -77.46}, regional_edge_cache: us-east-1, cache: {capacity: 1GiB}}
  - {code: SFO5-C1, location: {lat: 37.62, lon: -122.38}, regional_edge_cache: us-west-2, cache: {capacity: 1GiB}}
  - {code: FRA56-P2, location: {lat: 50.03, lon: 8.57}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
)";
const std::string kCustomOrigin =
    "  - {name: o, type: custom, domain: origin.example.com, location: {lat: 38.94, lon: -77.46}}\n";

// One object, asked for by viewers near each of `clients` (names from kPlaces) in turn, one
// request a second each, far apart compared with any latency.
std::string tierScenario(const std::vector<std::string>& clients, std::uint64_t requests,
                     double rate = 0.2, const std::string& cacheControl = "max-age=3600") {
  std::string s = "name: s\ntopology: t.yaml\nseed: 5\nrequests: " + std::to_string(requests) +
                  "\ncatalogue: {objects: 1, zipf_alpha: 0.9, cache_control: \"" + cacheControl +
                  "\", sizes: {distribution: fixed, size: 1000B}}\nclients:\n";
  const auto place = [](const std::string& name) {
    const auto at = kPlaces.find(name + ":");
    return kPlaces.substr(at + name.size() + 2, kPlaces.find('\n', at) - at - name.size() - 2);
  };
  for (const auto& c : clients) {
    s += "  - {name: " + c + ", location: " + place(c) +
         ", requests_per_second: " + std::to_string(rate) + "}\n";
  }
  return s;
}

struct TierRun {
  cdnsim::core::config::TopologyConfig topology;
  cdnsim::core::config::ScenarioConfig scenario;
  CountingCollector seen;
  std::unique_ptr<cdnsim::sim::TieredSimulation> sim;
  TierRun(const std::string& t, const std::string& s)
      : topology(cdnsim::core::config::loadTopologyFromString(t, "t.yaml")),
        scenario(cdnsim::core::config::loadScenarioFromString(s, "s.yaml")) {
    sim = std::make_unique<cdnsim::sim::TieredSimulation>(scenario, topology);
    sim->run(&seen);
    INFO(fmt::format("{}", fmt::join(sim->summary().accountingViolations(), "\n")));
    CHECK(sim->summary().accountingViolations().empty());
  }
  const cdnsim::sim::RunSummary& summary() const { return sim->summary(); }
};

}  // namespace

TEST_CASE("a REC hit is a Hit for the viewer, with the REC as hit layer and an Age",
          "[sim][tiers][rec]") {
  using namespace cdnsim;
  using core::emit::DetailedResultType;
  using core::emit::EdgeResultType;
  using core::emit::HitLayer;
  // Two POPs behind one REC: what one fetched, the other's viewers get from the REC.
  const std::string pops = R"(  - {code: IAD89-C1, location: {lat: 38.94, lon: -77.46}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
  - {code: FRA56-P2, location: {lat: 50.03, lon: 8.57}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
)";
  TierRun run(tierTopology(kRecs, pops, kCustomOrigin), tierScenario({"iad", "fra"}, 40));
  const auto& s = run.summary();
  CHECK(s.originRequests == 1);
  REQUIRE(s.regional.hits >= 1);
  bool sawRecHit = false;
  for (const auto& e : run.seen.all) {
    if (e.answeredBy != HitLayer::RegionalEdgeCache) continue;
    sawRecHit = true;
    CHECK(e.outcome.result == EdgeResultType::Hit);
    CHECK(e.outcome.detailed == DetailedResultType::Hit);
    CHECK(e.hitLayer == HitLayer::RegionalEdgeCache);
    CHECK(e.age.has_value());
  }
  CHECK(sawRecHit);
  // The edge tier counts only its own hits; the REC's are the regional tier's.
  CHECK(s.edge.hits + s.edge.misses + s.edge.refreshHits == 40);
  CHECK(s.edge.misses == 2);  // each POP fetched once
  CHECK(s.regional.hits == 1);
}

TEST_CASE("an S3 origin in the REC's own Region is fetched by the POP directly", "[sim][tiers][rec]") {
  using namespace cdnsim;
  const std::string s3 =
      "  - {name: o, type: s3, region: us-east-1, domain: b.s3.us-east-1.amazonaws.com, "
      "location: {lat: 38.94, lon: -77.46}}\n";
  TierRun run(tierTopology(kRecs, kPops, s3), tierScenario({"iad", "fra"}, 20));
  const auto& s = run.summary();
  // IAD's REC is us-east-1, the bucket's Region: skipped. FRA's REC (eu-central-1) is used.
  CHECK(s.regional.requests == 1);
  CHECK(s.originRequests == 2);
  CHECK(s.edge.sentToOrigin == 1);
  CHECK(s.regional.sentToOrigin == 1);
}

TEST_CASE("CachingDisabled requests are judged dynamic: they skip the REC and are never cached",
          "[sim][tiers][rec]") {
  using namespace cdnsim;
  TierRun run(tierTopology(kRecs, kPops, kCustomOrigin, "CachingDisabled"), tierScenario({"iad", "fra"}, 10));
  const auto& s = run.summary();
  CHECK(s.regional.requests == 0);
  CHECK(s.originRequests == 10);
  CHECK(s.edge.misses == 10);
  CHECK(s.edge.collapsed == 0);
}

TEST_CASE("origin shield: a shield hit logs OriginShieldHit; a POP whose REC is the shield gets a plain Hit",
          "[sim][tiers][shield]") {
  using namespace cdnsim;
  using core::emit::DetailedResultType;
  using core::emit::EdgeResultType;
  using core::emit::HitLayer;
  const std::string shielded =
      "  - {name: o, type: custom, domain: origin.example.com, location: {lat: 38.94, lon: -77.46}, "
      "origin_shield: {region: us-east-1}}\n";
  // One viewer population per POP, one request every few seconds each: whichever POP fetches
  // first goes through its REC and the us-east-1 shield to the origin; SFO (REC us-west-2) and
  // FRA (REC eu-central-1) then find the object at the shield; IAD's REC is the shield itself,
  // so it gets no extra layer and a plain Hit.
  const std::string ordered =
      "name: s\ntopology: t.yaml\nseed: 5\nrequests: 60\n"
      "catalogue: {objects: 1, zipf_alpha: 0.9, cache_control: \"max-age=3600\", "
      "sizes: {distribution: fixed, size: 1000B}}\nclients:\n"
      "  - {name: fra, location: {lat: 50.03, lon: 8.57}, requests_per_second: 0.2}\n"
      "  - {name: sfo, location: {lat: 37.62, lon: -122.38}, requests_per_second: 0.2}\n"
      "  - {name: iad, location: {lat: 38.94, lon: -77.46}, requests_per_second: 0.2}\n";
  TierRun run(tierTopology(kRecs, kPops, shielded), ordered);
  const auto& sum = run.summary();
  CHECK(sum.shieldNodes == 1);
  CHECK(sum.originRequests == 1);  // everything else is answered inside the CDN
  // Exactly one of the three POPs fetched from the origin; the others were answered by the shield
  // (as an extra layer) or by their REC that is the shield.
  const std::uint32_t sfo = 1, fra = 2, iad = 0;
  const std::size_t shieldHits =
      run.seen.count(sfo, DetailedResultType::OriginShieldHit) +
      run.seen.count(fra, DetailedResultType::OriginShieldHit);
  CHECK(shieldHits >= 1);
  CHECK(run.seen.count(iad, DetailedResultType::OriginShieldHit) == 0);
  CHECK(sum.shield.requests >= 1);
  CHECK(sum.shield.hits == shieldHits);
  for (const auto& e : run.seen.all) {
    if (e.outcome.detailed != DetailedResultType::OriginShieldHit) continue;
    CHECK(e.outcome.result == EdgeResultType::Hit);
    CHECK(e.hitLayer == HitLayer::OriginShield);
  }
}

TEST_CASE("flash crowd: 1,000 requests within 50 ms from 10 POPs behind 2 RECs and a shield give one origin request",
          "[sim][tiers][collapsing]") {
  using namespace cdnsim;
  using core::emit::EdgeResultType;
  std::string recs =
      "  - {name: us-east-1, region: us-east-1, location: {lat: 38.94, lon: -77.46}, cache: {capacity: 1GiB}}\n"
      "  - {name: eu-central-1, region: eu-central-1, location: {lat: 50.03, lon: 8.57}, cache: {capacity: 1GiB}}\n";
  std::string pops, clients;
  for (int i = 0; i < 10; ++i) {
    const bool us = i < 5;
    const double lat = (us ? 35.0 : 45.0) + i;
    const double lon = us ? -90.0 + 3 * i : 2.0 + 3 * i;
    pops += fmt::format(
        "  - {{code: PA{}{}-C1, location: {{lat: {}, lon: {}}}, regional_edge_cache: {}, "
        "cache: {{capacity: 1GiB}}}}\n",
        static_cast<char>('A' + i), 50 + i, lat, lon, us ? "us-east-1" : "eu-central-1");
    clients += fmt::format("  - {{name: c{}, location: {{lat: {}, lon: {}}}, requests_per_second: 2000}}\n",
                           i, lat, lon);
  }
  const std::string shielded =
      "  - {name: o, type: custom, domain: origin.example.com, location: {lat: 39.0, lon: -77.0}, "
      "origin_shield: {region: us-east-1}}\n";
  const std::string s =
      "name: s\ntopology: t.yaml\nseed: 9\nrequests: 1000\n"
      "catalogue: {objects: 1, zipf_alpha: 0.9, cache_control: \"max-age=3600\", "
      "sizes: {distribution: fixed, size: 100KiB}}\nclients:\n" + clients;
  TierRun run(tierTopology(recs, pops, shielded), s);
  const auto& sum = run.summary();
  REQUIRE(sum.viewerRequests == 1000);
  // 20,000 requests/s in all: the 1,000 arrive within about 50 ms.
  core::TimePoint last{};
  for (const auto& e : run.seen.all) last = std::max(last, e.start);
  CHECK(last - run.scenario.start < core::millis(60));
  CHECK(sum.originRequests == 1);
  // Every POP fetched once; the rest waited for those fetches (collapsed) or came after them.
  CHECK(sum.edge.misses == 10);
  CHECK(sum.edge.hits == 990);
  CHECK(sum.edge.collapsed >= 500);
  // The POPs' ten fetches met at the RECs and the shield: one went on to the origin.
  CHECK(sum.regional.requests == 10);
  CHECK(sum.shield.requests == 1);  // eu-central-1's one fetch; us-east-1 is the shield itself
  std::size_t misses = 0;
  for (const auto& e : run.seen.all) misses += e.outcome.result == EdgeResultType::Miss ? 1 : 0;
  CHECK(misses == 1);  // only the first request logs Miss; every follower logs Hit
}

TEST_CASE("a POP without a regional edge cache goes straight to the origin", "[sim][tiers][rec]") {
  using namespace cdnsim;
  const std::string pops = R"(  - {code: IAD89-C1, location: {lat: 38.94, lon: -77.46}, cache: {capacity: 1GiB}}
  - {code: FRA56-P2, location: {lat: 50.03, lon: 8.57}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
)";
  TierRun run(tierTopology(kRecs, pops, kCustomOrigin), tierScenario({"iad"}, 10));
  const auto& s = run.summary();
  CHECK(s.regional.requests == 0);
  CHECK(s.originRequests == 1);
  CHECK(s.edge.sentToOrigin == 1);
  CHECK(s.edge.hits == 9);
}

TEST_CASE("a cached copy keeps the origin's Date; Age grows with time", "[sim][tiers][age]") {
  using namespace cdnsim;
  TierRun run(tierTopology(kRecs, kPops, kCustomOrigin), tierScenario({"iad"}, 10));
  REQUIRE(run.seen.all.size() == 10);
  const auto date = run.seen.all.front().originDate;
  core::Duration lastAge{-1};
  for (std::size_t i = 1; i < run.seen.all.size(); ++i) {
    const auto& e = run.seen.all[i];
    CHECK(e.originDate == date);
    REQUIRE(e.age.has_value());
    CHECK(*e.age > lastAge);
    lastAge = *e.age;
    // Date + Age is the time the viewer's copy is current to (one-second resolution).
    CHECK(core::wholeSeconds((date + *e.age) - e.firstByte) <= 1);
  }
}

TEST_CASE("stale-while-revalidate refreshes in the background without counting extra hits",
          "[sim][tiers][swr]") {
  using namespace cdnsim;
  // Two POPs behind one REC, objects that expire every 2 s with a long stale-while-revalidate
  // window: most hits are stale serves, each followed by one background refresh.
  const std::string pops = R"(  - {code: IAD89-C1, location: {lat: 38.94, lon: -77.46}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
  - {code: FRA56-P2, location: {lat: 50.03, lon: 8.57}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
)";
  TierRun run(tierTopology(kRecs, pops, kCustomOrigin),
          tierScenario({"iad", "fra"}, 400, 2.0, "max-age=2, stale-while-revalidate=600"));
  const auto& s = run.summary();
  CHECK(s.edge.staleServed > 0);
  CHECK(s.edge.backgroundRefreshes > 0);
  CHECK(s.edge.backgroundRefreshes <= s.edge.staleServed);
  for (const auto* t : {&s.edge, &s.regional}) {
    CHECK(t->hits <= t->requests);
    CHECK(t->hitRatio() <= 1.0);
  }
  // Background refreshes reach the REC as requests of their own.
  CHECK(s.regional.requests == s.edge.sentUpstream);
  // Viewers never wait for a refresh: every one of them was a hit after the first fetches.
  CHECK(s.edge.misses == 2);
}
