// Scheduled events on the virtual clock, whole requests through the tiers: origin conditions set
// at `at` and restored at `until`, a POP taken out of DNS, a deploy seen after the TTL, an
// invalidation completing after its delay (DG/Invalidation.html).

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "sim/faults/scheduled_events.h"
#include "sim/run/tiered_simulation.h"

namespace {

const std::string kTopology = R"(name: t
network: {base_latency: 1ms, km_per_ms: 100}
regional_edge_caches:
  - {name: us-east-1, region: us-east-1, location: {lat: 38.94, lon: -77.46}, cache: {capacity: 1GiB}}
  - {name: eu-central-1, region: eu-central-1, location: {lat: 50.03, lon: 8.57}, cache: {capacity: 1GiB}}
pops:
  - {code: IAD89-C1, location: {lat: 38.94, lon: -77.46}, regional_edge_cache: us-east-1, cache: {capacity: 1GiB}}
  - {code: SFO5-C1, location: {lat: 37.62, lon: -122.38}, regional_edge_cache: us-east-1, cache: {capacity: 1GiB}}
  - {code: FRA56-P2, location: {lat: 50.03, lon: 8.57}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
origins:
  - {name: o, type: custom, domain: origin.example.com, location: {lat: 38.94, lon: -77.46}}
behaviors:
  - {path_pattern: "*", origin: o, cache_policy: CachingOptimized}
)";

// Viewers near IAD, one request a second on average, for `requests` requests over `objects`
// objects of 1000 bytes; `events` is the YAML list.
std::string scenario(std::uint64_t requests, const std::string& events,
                     const std::string& cacheControl = "max-age=3600", int objects = 1) {
  return "name: s\ntopology: t.yaml\nseed: 3\nrequests: " + std::to_string(requests) +
         "\ncatalogue: {objects: " + std::to_string(objects) +
         ", zipf_alpha: 0.9, cache_control: \"" + cacheControl +
         "\", sizes: {distribution: fixed, size: 1000B}}\nclients:\n"
         "  - {name: iad, location: {lat: 38.94, lon: -77.46}, requests_per_second: 1}\n"
         "events:\n" +
         events;
}

// Sees every finished request, and the origin's condition at its first byte.
struct Watcher : cdnsim::sim::ExchangeObserver {
  cdnsim::sim::TieredSimulation* sim = nullptr;
  struct Seen {
    cdnsim::sim::ViewerExchange ex;
    cdnsim::core::origin::OriginCondition condition;
  };
  std::vector<Seen> all;
  void onViewerExchange(const cdnsim::sim::ViewerExchange& e) override {
    all.push_back(Seen{e, sim->originCondition(0)});
  }
};

struct Run {
  cdnsim::core::config::TopologyConfig topology;
  cdnsim::core::config::ScenarioConfig scenario;
  Watcher seen;
  std::unique_ptr<cdnsim::sim::TieredSimulation> sim;
  Run(const std::string& s)
      : topology(cdnsim::core::config::loadTopologyFromString(kTopology, "t.yaml")),
        scenario(cdnsim::core::config::loadScenarioFromString(s, "s.yaml")) {
    cdnsim::core::config::validateScenarioEvents(scenario.events, topology);
    sim = std::make_unique<cdnsim::sim::TieredSimulation>(scenario, topology);
    seen.sim = sim.get();
    sim->run(&seen);
    INFO(fmt::format("{}", fmt::join(sim->summary().accountingViolations(), "\n")));
    CHECK(sim->summary().accountingViolations().empty());
  }
  const cdnsim::sim::RunSummary& summary() const { return sim->summary(); }
  // Seconds after the scenario's start.
  double at(cdnsim::core::TimePoint t) const {
    return std::chrono::duration<double>(t - scenario.start).count();
  }
};

}  // namespace

TEST_CASE("origin events set the origin's condition at `at` and restore it at `until`",
          "[sim][faults][origin]") {
  using namespace cdnsim;
  using core::origin::Reachability;
  struct Case {
    std::string event;
    core::origin::OriginCondition during;
  };
  core::origin::OriginCondition silent, refusing, slow, errors;
  silent.reachability = Reachability::Silent;
  refusing.reachability = Reachability::Refusing;
  slow.latencyFactor = 4;
  errors.errorRate = 0.25;
  errors.errorStatus = 500;
  const auto c = GENERATE_COPY(
      Case{"{kind: origin_down, origin: o, mode: silent, at: 20s, until: 40s}", silent},
      Case{"{kind: origin_down, origin: o, at: 20s, until: 40s}", refusing},
      Case{"{kind: origin_slow, origin: o, factor: 4, at: 20s, until: 40s}", slow},
      Case{"{kind: origin_errors, origin: o, rate: 0.25, status: 500, at: 20s, until: 40s}",
           errors});
  INFO(c.event);
  Run run(scenario(60, "  - " + c.event + "\n"));
  CHECK(run.summary().eventsApplied == 2);
  std::size_t inside = 0, outside = 0;
  for (const auto& s : run.seen.all) {
    const double t = run.at(s.ex.firstByte);
    if (t > 20 && t < 40) {
      ++inside;
      CHECK(s.condition == c.during);
    } else if (t < 20 || t > 40) {
      ++outside;
      CHECK(s.condition == core::origin::OriginCondition{});
    }
  }
  CHECK(inside > 5);
  CHECK(outside > 5);
}

TEST_CASE("overlapping origin events restore only what each one set", "[sim][faults][origin]") {
  using namespace cdnsim;
  using core::origin::Reachability;
  Run run(scenario(60, "  - {kind: origin_slow, origin: o, factor: 3, at: 10s, until: 50s}\n"
                       "  - {kind: origin_down, origin: o, at: 20s, until: 30s}\n"));
  for (const auto& s : run.seen.all) {
    const double t = run.at(s.ex.firstByte);
    if (t > 30 && t < 50) {
      CHECK(s.condition.latencyFactor == 3);
      CHECK(s.condition.reachability == Reachability::Up);
    }
  }
}

TEST_CASE("a POP down sends its viewers to the next nearest POP, and back; its cache survives",
          "[sim][faults][pop]") {
  using namespace cdnsim;
  Run run(scenario(60, "  - {kind: pop_down, pop: IAD89-C1, at: 20s, until: 40s}\n"));
  const auto& pops = run.topology.pops;
  REQUIRE(pops[1].code == "SFO5-C1");  // nearer to IAD than FRA
  std::uint64_t atSfo = 0;
  bool firstBackAtIad = true;
  for (const auto& s : run.seen.all) {
    const double arrived = run.at(s.ex.popArrival);
    if (arrived > 20.1 && arrived < 40) {
      CHECK(s.ex.pop == 1);
      ++atSfo;
    } else if (arrived < 19.9 || arrived > 40.1) {
      CHECK(s.ex.pop == 0);
      if (arrived > 40.1 && firstBackAtIad) {
        // The copy fetched before the outage is still there (max-age=3600).
        CHECK(s.ex.outcome.result == core::emit::EdgeResultType::Hit);
        CHECK(s.ex.answeredBy == core::emit::HitLayer::Edge);
        firstBackAtIad = false;
      }
    }
  }
  CHECK(atSfo > 5);
  CHECK(run.summary().reroutedRequests >= atSfo);
  CHECK(run.summary().reroutedRequests <= atSfo + 2);  // requests arriving right at 20 s / 40 s
  CHECK_FALSE(firstBackAtIad);
}

TEST_CASE("a deploy is seen once the cached copy expires, with its new size",
          "[sim][faults][deploy]") {
  using namespace cdnsim;
  Run run(scenario(90, "  - {kind: deploy, first: 0, last: 0, size: 2000B, at: 30s}\n",
                   "max-age=20"));
  std::size_t oldAfterExpiry = 0, newSeen = 0;
  for (const auto& s : run.seen.all) {
    const double t = run.at(s.ex.popArrival);
    if (t < 30) {
      CHECK(s.ex.version == 1);
      CHECK(s.ex.bodyBytes == 1000);
    }
    // Each version keeps its own size, wherever it is served from.
    CHECK(s.ex.bodyBytes == (s.ex.version == 1 ? 1000u : 2000u));
    if (s.ex.version == 2) ++newSeen;
    if (t > 30 + 20 + 1 && s.ex.version == 1) ++oldAfterExpiry;
  }
  CHECK(newSeen > 10);
  CHECK(oldAfterExpiry == 0);
  CHECK(run.sim->objectVersion(0) == 2);
}

TEST_CASE("an invalidation removes the copies when it completes, not before",
          "[sim][faults][invalidation]") {
  using namespace cdnsim;
  Run run(scenario(90,
                   "  - {kind: deploy, path_prefix: /assets/, at: 20s}\n"
                   "  - {kind: invalidation, paths: [\"/assets/obj-*\"], at: 20s, completes_after: 15s}\n"));
  std::size_t oldBetween = 0, oldAfter = 0, newAfter = 0;
  for (const auto& s : run.seen.all) {
    const double t = run.at(s.ex.popArrival);
    if (t > 20.1 && t < 34.9 && s.ex.version == 1) ++oldBetween;
    if (t > 35.1) (s.ex.version == 1 ? oldAfter : newAfter) += 1;
  }
  CHECK(oldBetween > 5);  // max-age=3600: the deploy alone changes nothing viewers see
  CHECK(oldAfter == 0);
  CHECK(newAfter > 10);
  // One object, cached at the POP and its REC.
  CHECK(run.summary().invalidatedObjects == 2);
  CHECK(run.summary().eventsApplied == 2);
}

TEST_CASE("invalidation paths match exactly or by a trailing '*'", "[sim][faults][invalidation]") {
  using namespace cdnsim;
  core::config::CatalogueConfig config;
  config.objects = 30;
  config.pathPrefix = "/a/";
  const sim::Catalogue catalogue(config, 1);
  CHECK(sim::objectsMatchingPath(catalogue, "/a/obj-2") == std::vector<std::uint64_t>{2});
  CHECK(sim::objectsMatchingPath(catalogue, "/a/obj-2*") ==
        std::vector<std::uint64_t>{2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29});
  CHECK(sim::objectsMatchingPath(catalogue, "/A/obj-2*").empty());  // case-sensitive
  CHECK(sim::objectsMatchingPath(catalogue, "/*").size() == 30);
  core::config::ScenarioEventConfig deploy;
  deploy.pathPrefix = "/a/obj-1";
  deploy.firstObject = 5;
  deploy.lastObject = 12;
  CHECK(sim::objectsOfDeploy(catalogue, deploy) == std::vector<std::uint64_t>{10, 11, 12});
}

TEST_CASE("a REC down: its POPs go straight to the origin, then back through it",
          "[sim][faults][rec]") {
  using namespace cdnsim;
  // Many objects, so that misses keep reaching past the POP during the outage.
  Run run(scenario(120, "  - {kind: rec_down, rec: us-east-1, at: 30s, until: 60s}\n",
                   "max-age=3600", 400));
  std::uint64_t during = 0, pastPopDuring = 0;
  for (const auto& s : run.seen.all) {
    const double t = run.at(s.ex.popArrival);
    if (t > 30.1 && t < 59.9) {
      ++during;
      // Nothing is answered by a REC: the POP's misses went to the origin.
      CHECK(s.ex.answeredBy != core::emit::HitLayer::RegionalEdgeCache);
      pastPopDuring += s.ex.answeredBy == core::emit::HitLayer::Origin;
    }
  }
  CHECK(pastPopDuring > 3);
  CHECK(run.summary().recDownRequests == during);
  CHECK(run.summary().eventsApplied == 2);
  // Before and after, the POP's misses went through the REC (it took requests).
  CHECK(run.summary().regional.requests > 0);
}
