#include "sim/run/tiered_simulation.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "core/cache/cache_key.h"
#include "core/origin/path_rules.h"
#include "core/routing/behavior_match.h"
#include "core/store/policy_registry.h"
#include "sim/faults/scheduled_events.h"
#include "sim/replay/replay_arrivals.h"
#include "sim/run/flight.h"

namespace cdnsim::sim {

namespace {

// The random sources (arrivals, sizes) and their streams are the workload's (sim/workload/); the
// origins' draws (answer_profiles.cc) and the choice of missing keys have their own streams.
constexpr std::uint64_t kMissingStream = 0x0819150000;
// A custom error page's size when no path rule of its origin gives one.
constexpr std::uint64_t kDefaultPageBytes = 1024;

std::vector<core::cache::CachePolicyConfig> behaviorPolicies(const World& world) {
  std::vector<core::cache::CachePolicyConfig> policies;
  for (const auto& b : world.behaviors()) policies.push_back(b.policy);
  return policies;
}

}  // namespace

std::vector<std::string> timeSeriesNames(const core::config::TopologyConfig& topology) {
  std::vector<std::string> names{"edge"};
  for (const auto& pop : topology.pops) names.push_back(pop.code);
  if (!topology.regionalEdgeCaches.empty()) names.push_back("regional");
  // The loader requires a REC in every shield's Region, so an origin with a shield means a
  // shield tier (World::shieldCount() > 0).
  if (std::any_of(topology.origins.begin(), topology.origins.end(),
                  [](const auto& origin) { return origin.originShield.has_value(); })) {
    names.push_back("shield");
  }
  names.push_back("origin");
  return names;
}

TieredSimulation::TieredSimulation(const core::config::ScenarioConfig& scenario,
                                   const core::config::TopologyConfig& topology,
                                   Duration interval)
    : scenario_(replay::replayClients(scenario, topology)),
      topology_(topology),
      world_(topology_, scenario_),
      workload_(scenario_, topology_.domain, behaviorPolicies(world_)),
      queue_(scenario.start),
      timeSeries_(scenario.start, TimeSeriesConfig{interval, 1'000'000}, timeSeriesNames(topology)),
      regionalSeries_(topology.pops.size() + 1),
      shieldSeries_(regionalSeries_ + (topology.regionalEdgeCaches.empty() ? 0 : 1)),
      originSeries_(timeSeries_.seriesCount() - 1) {
  if (world_.behaviors().size() > UINT16_MAX) {
    throw std::invalid_argument("a topology may have at most 65535 behaviours");
  }
  buildAnswerProfiles();
  originConditions_.reserve(topology_.origins.size());
  for (const auto& origin : topology_.origins) originConditions_.push_back(origin.condition);

  // The objects: the catalogue's, the missing keys, the custom error pages (deduplicated). Each
  // gets its behaviour (core/routing/behavior_match.h), cache key, size and profile, once.
  const Catalogue& catalogue = workload_.catalogue();
  catalogueObjects_ = catalogue.objectCount();
  missingObjects_ = scenario_.objectGroups.empty() && scenario_.catalogue.missingShare > 0
                        ? scenario_.catalogue.missingObjects
                        : 0;
  if (missingObjects_ > 0) {
    missingPopularity_.emplace(missingObjects_, scenario_.catalogue.zipfAlpha);
    missingRng_ = Rng::stream(scenario_.seed, kMissingStream);
  }
  for (const auto& rule : topology_.customErrorResponses) {
    if (!rule.responsePagePath) {
      customPageObject_.push_back(UINT64_MAX);
      continue;
    }
    const auto known = std::find(pagePaths_.begin(), pagePaths_.end(), *rule.responsePagePath);
    customPageObject_.push_back(catalogueObjects_ + missingObjects_ +
                                static_cast<std::uint64_t>(known - pagePaths_.begin()));
    if (known == pagePaths_.end()) pagePaths_.push_back(*rule.responsePagePath);
  }
  const auto& behaviors = world_.behaviors();
  objects_.resize(catalogueObjects_ + missingObjects_ + pagePaths_.size());
  core::http::Request request;
  request.host = topology_.domain;
  for (std::uint64_t i = 0; i < objects_.size(); ++i) {
    request.path.clear();
    appendPath(i, request.path);
    const auto b = static_cast<std::uint16_t>(
        core::routing::matchBehavior(topology_.behaviors, request.path));
    const std::uint16_t origin = behaviors[b].origin;
    const auto& state = originStates_[origin];
    const bool catalogued = i < catalogueObjects_;
    const bool missing = !catalogued && i < catalogueObjects_ + missingObjects_;
    std::uint16_t profile = missing ? state.missingProfile : state.defaultProfile;
    if (const auto r = core::origin::matchPathRule(topology_.origins[origin].paths, request.path)) {
      profile = static_cast<std::uint16_t>(state.firstRuleProfile + *r);
      if (missing && profiles_[profile].held) profile = state.missingProfile;
    }
    const std::uint64_t bytes = catalogued ? catalogue.size(i)
                                : missing  ? 0
                                           : profiles_[profile].size.value_or(kDefaultPageBytes);
    // Missing keys and error pages are asked for with plain GETs: their key is the URL's.
    const std::uint64_t key = catalogued ? workload_.objectKey(i, request.path, b)
                                         : core::cache::cacheKeyHash(request, behaviors[b].policy);
    objects_[i] = ObjectInfo{key, bytes, b, profile, 1};
  }

  for (std::uint32_t n = 0; n < world_.nodeCount(); ++n) {
    const auto& cache = world_.nodeCache(n);
    nodes_.push_back(std::make_unique<core::node::CacheNode>(
        core::store::makePolicy(cache.policy, cache.capacityBytes)));
  }
  for (const auto& pop : topology_.pops) summary_.pops.push_back(PopSummary{pop.code, {}, {}});
  for (std::uint32_t c = 0; c < world_.clientCount(); ++c) {
    clientLanes_.push_back(queue_.lane(world_.clientToPop(c)));
    clientPop_.push_back(world_.clientPop(c));
    clientToPop_.push_back(world_.clientToPop(c));
  }
  if (scenario_.replay) {
    // The log is the workload (sim/replay/replay_arrivals.h); with routing `logged` the clients
    // after the populations stand at their POPs, one each, whatever DNS would pick.
    replay_ = std::make_unique<replay::ReplayArrivals>(scenario_, topology_, world_, objects_.size());
    if (scenario_.replay->routing == core::config::ReplayRouting::Logged) {
      const std::size_t first = clientPop_.size() - world_.popCount();
      for (std::uint32_t p = 0; p < world_.popCount(); ++p) clientPop_[first + p] = p;
    }
  }
  popUp_.assign(world_.popCount(), true);
  popRecDown_.assign(world_.popCount(), 0);
  for (const auto& route : world_.routes()) {
    RouteLanes lanes;
    for (std::uint8_t i = 0; i < route.count; ++i) lanes.leg[i] = queue_.lane(route.upLeg[i]);
    lanes.originTrip = queue_.lane(route.upLeg[route.count - 1] * 2 +
                                   topology_.origins[route.origin].firstByteLatency);
    routeLanes_.push_back(lanes);
  }

  summary_.scenario = scenario_.name;
  summary_.topology = topology_.name;
  summary_.seed = scenario_.seed;
  summary_.start = scenario_.start;
  summary_.end = scenario_.start;
  summary_.regionalNodes = topology_.regionalEdgeCaches.size();
  summary_.shieldNodes = world_.shieldCount();
}

TieredSimulation::~TieredSimulation() = default;

void TieredSimulation::run(ExchangeObserver* observer) {
  observer_ = observer;
  queue_.setPrefetcher(&TieredSimulation::prefetchFlight, this);
  // The per-request steps on constant-delay legs, as handler events (no stored callback).
  arriveStep_ = queue_.handler(
      [](void* self, std::uint32_t f) { static_cast<TieredSimulation*>(self)->arriveAt(f); }, this,
      true);
  answerStep_ = queue_.handler(
      [](void* self, std::uint32_t f) { static_cast<TieredSimulation*>(self)->answerAt(f); }, this,
      true);
  deliveredStep_ = queue_.handler(
      [](void* self, std::uint32_t f) {
        auto& sim = *static_cast<TieredSimulation*>(self);
        sim.onDelivered(f, sim.queue_.now());
      },
      this, false);
  ScheduledEvents events(scenario_.events, *this);
  events.schedule();
  if (replay_) {
    scheduleReplay();
  } else {
    for (std::uint32_t s = 0; s < workload_.sourceCount(); ++s) scheduleArrival(s);
  }
  queue_.run();
  if (replay_) summary_.replay = replay_->tally();
  // Every viewer request was recorded under exactly one answering layer, so all of them together
  // are those histograms merged (sums, counts, minima and maxima: the same as recording each).
  for (const auto& layer : summary_.byLayer) summary_.latency.merge(layer);
  for (std::uint32_t n = 0; n < nodes_.size(); ++n) {
    const std::uint64_t evicted = nodes_[n]->evictions();
    if (n < world_.popCount()) {
      summary_.pops[n].counters.evictions = evicted;
    } else {
      summary_.regional.evictions += evicted;  // a REC's one cache, whatever role it plays
    }
  }
  // The edge tier is its POPs together.
  summary_.edge = TierCounters{};
  for (const auto& p : summary_.pops) summary_.edge += p.counters;
  timeSeries_.extendTo(summary_.end);
  if (progress_ != nullptr) progress_(progressContext_, generated_);
}

void TieredSimulation::appendPath(std::uint64_t object, std::string& out) const {
  if (object < catalogueObjects_) {
    workload_.catalogue().appendPath(object, out);
  } else if (object < catalogueObjects_ + missingObjects_) {
    out += scenario_.catalogue.pathPrefix;
    out += "missing-";
    char digits[24];
    out.append(digits,
               std::to_chars(digits, digits + sizeof digits, object - catalogueObjects_).ptr);
  } else {
    out += pagePaths_[object - catalogueObjects_ - missingObjects_];
  }
}

}  // namespace cdnsim::sim
