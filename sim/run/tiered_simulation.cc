#include "sim/run/tiered_simulation.h"

#include <fmt/format.h>

#include <stdexcept>

#include "core/cache/cache_key.h"
#include "core/http/cache_control.h"
#include "core/routing/path_pattern.h"
#include "core/store/policy_registry.h"
#include "sim/network/geo.h"

namespace cdnsim::sim {

using core::Duration;
using core::TimePoint;
using core::emit::DetailedResultType;
using core::emit::HitLayer;
using core::node::LookupOutcome;

namespace {

// Stream ids of the run's independent random sources (sizes use theirs in Catalogue).
constexpr std::uint64_t kClientStreamBase = 0xC11E0000;

GeoPoint toGeo(const core::config::GeoLocation& g) { return GeoPoint{g.latitudeDeg, g.longitudeDeg}; }

LatencyConfig toLatencyConfig(const core::config::NetworkConfig& n) {
  LatencyConfig c;
  c.base = n.baseLatency;
  c.kmPerMs = n.kmPerMs;
  c.bandwidthMbps = n.bandwidthMbps;
  return c;
}

std::unique_ptr<core::node::CacheNode> makeCache(const core::config::CacheConfig& cache) {
  return std::make_unique<core::node::CacheNode>(
      core::store::makePolicy(cache.policy, cache.capacityBytes));
}

// The Age a tier states for a copy: whole seconds (RFC 9111 §5.1).
Duration statedAge(Duration currentAge) {
  return core::seconds(core::cache::ageHeaderSeconds(currentAge));
}

}  // namespace

struct TieredSimulation::Flight {
  std::uint64_t sequence = 0;
  std::uint64_t object = 0;
  TimePoint start{};
  TimePoint popArrival{};
  TimePoint popSent{};  // when the POP asked its REC
  TimePoint recSent{};  // when the REC asked the origin
  std::uint32_t client = 0;
  std::uint32_t pop = 0;
  std::uint32_t rec = 0;
  std::uint32_t behavior = 0;
  LookupOutcome popLookup = LookupOutcome::Miss;
  LookupOutcome recLookup = LookupOutcome::Miss;
  std::uint32_t popVersion = 0;  // version of the POP's stored copy, sent as If-None-Match
  std::uint32_t recVersion = 0;  // version of the REC's stored copy, sent as If-None-Match
  bool background = false;       // a stale-while-revalidate refresh: no viewer waits for it
  bool endsAtRec = false;        // a background refresh started by the REC ends there
  // The answer travelling back down, as it is on the current leg.
  int status = 200;              // 200 or 304
  std::uint32_t version = 0;     // the version the answer describes
  TimePoint originDate{};        // the origin's Date
  Duration statedAge{0};         // the Age the sending tier stated (0 from the origin)
  HitLayer answeredBy = HitLayer::Edge;
  DetailedResultType result = DetailedResultType::Miss;
  std::optional<Duration> viewerAge{};
};

namespace {
std::vector<std::string> seriesNames(const core::config::TopologyConfig& topology) {
  std::vector<std::string> names{"edge"};
  for (const auto& pop : topology.pops) names.push_back(pop.code);
  names.push_back("origin");
  return names;
}
}  // namespace

TieredSimulation::TieredSimulation(const core::config::ScenarioConfig& scenario,
                                   const core::config::TopologyConfig& topology,
                                   Duration interval)
    : scenario_(scenario),
      topology_(topology),
      latency_(toLatencyConfig(topology.network)),
      catalogue_(scenario.catalogue, scenario.seed),
      popularity_(scenario.catalogue.objects, scenario.catalogue.zipfAlpha),
      queue_(scenario.start),
      timeSeries_(scenario.start, TimeSeriesConfig{interval, 1'000'000}, seriesNames(topology)),
      originSeries_(topology.pops.size() + 1) {
  // Behaviours, in topology order.
  for (const auto& b : topology_.behaviors) {
    Behavior behavior;
    behavior.policy = *topology_.resolveCachePolicy(b.cachePolicy);
    behavior.settings.ttl = core::cache::TtlSettings{
        behavior.policy.minTtl, behavior.policy.defaultTtl, behavior.policy.maxTtl};
    behavior.settings.forwardCookies =
        behavior.policy.cookies.behavior != core::cache::KeyBehavior::None;
    for (std::uint32_t o = 0; o < topology_.origins.size(); ++o) {
      if (topology_.origins[o].name == b.origin) behavior.origin = o;
    }
    behaviors_.push_back(std::move(behavior));
  }

  // Each object's behaviour (first matching path pattern), cache key and size, computed once.
  objects_.resize(catalogue_.objectCount());
  core::http::Request request;
  request.host = topology_.domain;
  for (std::uint64_t i = 0; i < catalogue_.objectCount(); ++i) {
    request.path.clear();
    catalogue_.appendPath(i, request.path);
    std::uint32_t b = 0;
    while (b + 1 < behaviors_.size() &&
           !core::routing::matchesPathPattern(topology_.behaviors[b].pathPattern, request.path)) {
      ++b;
    }
    objects_[i] = ObjectInfo{core::cache::cacheKeyHash(request, behaviors_[b].policy),
                             catalogue_.size(i), b};
  }
  originFreshness_.cacheControl = core::http::parseResponseCacheControl(scenario.catalogue.cacheControl);

  // Caches and routes.
  std::vector<GeoPoint> popPoints;
  for (const auto& rec : topology_.regionalEdgeCaches) recCaches_.push_back(makeCache(rec.cache));
  for (const auto& pop : topology_.pops) {
    popCaches_.push_back(makeCache(pop.cache));
    popPoints.push_back(toGeo(pop.location));
    std::uint32_t r = 0;
    while (topology_.regionalEdgeCaches[r].name != pop.regionalEdgeCache) ++r;
    popRec_.push_back(r);
    popToRec_.push_back(latency_.oneWay(toGeo(pop.location), toGeo(topology_.regionalEdgeCaches[r].location)));
    summary_.pops.push_back(PopSummary{pop.code, {}});
  }
  for (const auto& rec : topology_.regionalEdgeCaches) {
    for (const auto& origin : topology_.origins) {
      recToOrigin_.push_back(latency_.oneWay(toGeo(rec.location), toGeo(origin.location)));
    }
  }
  for (std::uint32_t c = 0; c < scenario_.clients.size(); ++c) {
    const GeoPoint where = toGeo(scenario_.clients[c].location);
    const auto nearest = static_cast<std::uint32_t>(*nearestIndex(where, popPoints));
    clientPop_.push_back(nearest);
    clientToPop_.push_back(latency_.oneWay(where, popPoints[nearest]));
    clientRngs_.push_back(Rng::stream(scenario_.seed, kClientStreamBase + c));
    interArrival_.push_back(Exponential{1e6 / scenario_.clients[c].requestsPerSecond});
  }

  summary_.scenario = scenario_.name;
  summary_.topology = topology_.name;
  summary_.seed = scenario_.seed;
  summary_.start = scenario_.start;
  summary_.end = scenario_.start;
}

TieredSimulation::~TieredSimulation() = default;

void TieredSimulation::run(ExchangeObserver* observer) {
  observer_ = observer;
  for (std::uint32_t c = 0; c < clientRngs_.size(); ++c) scheduleArrival(c);
  queue_.run();
  for (std::size_t p = 0; p < popCaches_.size(); ++p) {
    summary_.pops[p].counters.evictions = popCaches_[p]->evictions();
    summary_.edge.evictions += popCaches_[p]->evictions();
  }
  for (const auto& rec : recCaches_) summary_.regional.evictions += rec->evictions();
  timeSeries_.extendTo(summary_.end);
}

void TieredSimulation::scheduleArrival(std::uint32_t client) {
  // Poisson arrivals per population; the gap is rounded to whole microseconds.
  const double gap = interArrival_[client](clientRngs_[client]);
  queue_.schedule(Duration(static_cast<std::int64_t>(gap)), [this, client] { onArrival(client); });
}

std::uint32_t TieredSimulation::allocateFlight() {
  if (!freeFlights_.empty()) {
    const std::uint32_t f = freeFlights_.back();
    freeFlights_.pop_back();
    flights_[f] = Flight{};
    return f;
  }
  flights_.emplace_back();
  return static_cast<std::uint32_t>(flights_.size() - 1);
}

void TieredSimulation::releaseFlight(std::uint32_t flight) { freeFlights_.push_back(flight); }

void TieredSimulation::onArrival(std::uint32_t client) {
  if (generated_ >= scenario_.requests) return;
  const std::uint32_t f = allocateFlight();
  Flight& fl = flights_[f];
  fl.sequence = generated_++;
  fl.client = client;
  fl.object = popularity_(clientRngs_[client]) - 1;  // rank 1 is object 0
  // The object's row is first needed at the POP, many events from now: start loading it, as the
  // table of a large catalogue is far bigger than the CPU caches and this load was a tenth of
  // the run's time.
  __builtin_prefetch(&objects_[fl.object]);
  fl.pop = clientPop_[client];
  fl.rec = popRec_[fl.pop];
  fl.start = queue_.now();
  queue_.schedule(clientToPop_[client], [this, f] { onPopArrival(f); });
  if (generated_ < scenario_.requests) scheduleArrival(client);
}

void TieredSimulation::onPopArrival(std::uint32_t f) {
  Flight& fl = flights_[f];
  fl.behavior = objects_[fl.object].behavior;
  fl.popArrival = queue_.now();
  ++summary_.edge.requests;
  ++summary_.pops[fl.pop].counters.requests;
  const auto found = popCaches_[fl.pop]->lookup(objects_[fl.object].key, queue_.now());
  fl.popLookup = found.outcome;
  if (found.outcome == LookupOutcome::Hit || found.outcome == LookupOutcome::StaleWhileRevalidate) {
    fl.status = found.entry->status;
    fl.version = found.entry->version;
    fl.answeredBy = HitLayer::Edge;
    fl.result = DetailedResultType::Hit;
    fl.viewerAge = found.age;
    fl.originDate = queue_.now() - found.age;
    // The refresh first: without an observer, deliver() releases the flight it copies from.
    if (found.outcome == LookupOutcome::StaleWhileRevalidate) startBackgroundRefresh(f, true);
    deliver(f);
    return;
  }
  fl.popVersion = found.outcome == LookupOutcome::Revalidate ? found.entry->version : 0;
  fl.popSent = queue_.now();
  queue_.schedule(popToRec_[fl.pop], [this, f] { onRecArrival(f); });
}

void TieredSimulation::startBackgroundRefresh(std::uint32_t from, bool atPop) {
  // Copy first: allocating may move the slab.
  const Flight origin = flights_[from];
  const std::uint32_t b = allocateFlight();
  Flight& bg = flights_[b];
  bg.sequence = origin.sequence;
  bg.object = origin.object;
  bg.client = origin.client;
  bg.pop = origin.pop;
  bg.rec = origin.rec;
  bg.behavior = origin.behavior;
  bg.start = queue_.now();
  bg.background = true;
  if (atPop) {
    // The POP revalidates its stale copy with its REC, as for an expired hit.
    bg.popLookup = LookupOutcome::Revalidate;
    bg.popVersion = origin.version;
    bg.popSent = queue_.now();
    queue_.schedule(popToRec_[bg.pop], [this, b] { onRecArrival(b); });
  } else {
    bg.endsAtRec = true;
    bg.recLookup = LookupOutcome::Revalidate;
    bg.recVersion = origin.version;
    bg.recSent = queue_.now();
    sendToOrigin(b);
  }
}

void TieredSimulation::sendToOrigin(std::uint32_t f) {
  Flight& fl = flights_[f];
  const std::uint32_t origin = behaviors_[fl.behavior].origin;
  const Duration oneWay = recToOrigin_[fl.rec * topology_.origins.size() + origin];
  const TimePoint atOrigin = queue_.now() + oneWay;
  // The bucket holds version 1 of every object (objects do not change during a run yet).
  constexpr std::uint32_t kCurrentVersion = 1;
  fl.version = kCurrentVersion;
  fl.status = (fl.recVersion == kCurrentVersion) ? 304 : 200;
  ++summary_.originRequests;
  const std::uint64_t bodyBytes = fl.status == 304 ? 0 : objects_[fl.object].bytes;
  if (fl.status == 304) ++summary_.originNotModified;
  summary_.originBytes += bodyBytes;
  timeSeries_.countRequest(atOrigin, originSeries_, false, false, bodyBytes);
  const Duration think = topology_.origins[origin].firstByteLatency;
  fl.originDate = atOrigin + think;
  fl.statedAge = Duration::zero();
  fl.answeredBy = HitLayer::Origin;
  // The origin's answer reaches the REC and goes on to the POP; the viewer sees no Age.
  queue_.schedule(oneWay + think + oneWay, [this, f] { onBackAtRec(f); });
}

void TieredSimulation::onRecArrival(std::uint32_t f) {
  Flight& fl = flights_[f];
  ++summary_.regional.requests;
  const auto found = recCaches_[fl.rec]->lookup(objects_[fl.object].key, queue_.now());
  fl.recLookup = found.outcome;
  if (found.outcome == LookupOutcome::Hit || found.outcome == LookupOutcome::StaleWhileRevalidate) {
    ++summary_.regional.hits;
    fl.version = found.entry->version;
    fl.statedAge = statedAge(found.age);
    fl.originDate = queue_.now() - found.age;  // the Date consistent with the copy's age
    fl.answeredBy = HitLayer::RegionalEdgeCache;
    answerPop(f, true);
    if (found.outcome == LookupOutcome::StaleWhileRevalidate) startBackgroundRefresh(f, false);
    return;
  }
  fl.recVersion = found.outcome == LookupOutcome::Revalidate ? found.entry->version : 0;
  fl.recSent = queue_.now();
  sendToOrigin(f);
}

void TieredSimulation::answerPop(std::uint32_t f, bool bodyFromRecCache) {
  Flight& fl = flights_[f];
  // 304 when the POP already holds this version, else the body.
  fl.status = (fl.popVersion != 0 && fl.popVersion == fl.version) ? 304 : 200;
  if (fl.status == 200) {
    const std::uint64_t bytes = objects_[fl.object].bytes;
    summary_.regional.bytes += bytes;
    if (bodyFromRecCache) summary_.regional.hitBytes += bytes;
  }
  queue_.schedule(popToRec_[fl.pop], [this, f] { onBackAtPop(f); });
}

const core::node::StoredResponse* TieredSimulation::takeAnswer(core::node::CacheNode& cache,
                                                               const Flight& fl, TimePoint asked) {
  core::cache::ResponseFreshnessInput freshness = originFreshness_;
  freshness.date = fl.originDate;
  if (fl.statedAge > Duration::zero()) freshness.age = fl.statedAge;
  core::node::UpstreamAnswer answer;
  answer.status = fl.status;
  answer.bodyBytes = objects_[fl.object].bytes;
  answer.version = fl.version;
  answer.hasValidator = originHasValidator_;
  answer.freshness = &freshness;
  answer.requestTime = asked;
  answer.responseTime = queue_.now();
  const auto& behavior = behaviors_[fl.behavior].settings;
  const auto key = objects_[fl.object].key;
  if (fl.status != 304) return cache.storeAnswer(key, answer, behavior).entry;
  // A copy evicted while the 304 was on its way has nothing left to refresh; the simulated body
  // is only a size, so the answer still goes on downstream.
  return cache.refreshStored(key, answer, behavior) ? cache.peek(key) : nullptr;
}

void TieredSimulation::onBackAtRec(std::uint32_t f) {
  Flight& fl = flights_[f];
  const bool revalidated = fl.status == 304;
  const core::node::StoredResponse* stored = takeAnswer(*recCaches_[fl.rec], fl, fl.recSent);
  if (revalidated) {
    ++summary_.regional.refreshHits;
  } else {
    ++summary_.regional.misses;
  }
  if (fl.endsAtRec) {
    releaseFlight(f);
    return;
  }
  if (stored != nullptr) {
    fl.statedAge = statedAge(core::cache::currentAge(stored->correctedInitialAge,
                                                     stored->responseTime, queue_.now()));
  }
  answerPop(f, revalidated);
}

void TieredSimulation::onBackAtPop(std::uint32_t f) {
  Flight& fl = flights_[f];
  const core::node::StoredResponse* stored = takeAnswer(*popCaches_[fl.pop], fl, fl.popSent);
  if (fl.background) {
    releaseFlight(f);
    return;
  }
  fl.result = fl.popLookup == LookupOutcome::Revalidate ? DetailedResultType::RefreshHit
                                                        : DetailedResultType::Miss;
  // Age tells the viewer the copy came from a cache (RFC 9111 §5.1): only when a REC answered.
  if (fl.answeredBy != HitLayer::Origin) {
    if (stored != nullptr) {
      fl.viewerAge = core::cache::currentAge(stored->correctedInitialAge, stored->responseTime,
                                             queue_.now());
    }
  }
  fl.status = 200;  // the viewer asked unconditionally
  deliver(f);
}

void TieredSimulation::deliver(std::uint32_t f) {
  const Duration toViewer = clientToPop_[flights_[f].client];
  if (observer_ != nullptr) {
    queue_.schedule(toViewer, [this, f] { onDelivered(f, queue_.now()); });
  } else {
    // Every tally below is a sum (or a maximum), so it does not matter that it is taken before
    // the first byte's time; only an observer needs the completion order.
    onDelivered(f, queue_.now() + toViewer);
  }
}

void TieredSimulation::onDelivered(std::uint32_t f, TimePoint firstByte) {
  Flight& fl = flights_[f];
  const std::uint64_t bytes = objects_[fl.object].bytes;
  const TimePoint end = firstByte + latency_.transfer(bytes);
  ++summary_.viewerRequests;
  summary_.viewerBytes += bytes;
  TierCounters& edge = summary_.edge;
  TierCounters& popCounters = summary_.pops[fl.pop].counters;
  for (TierCounters* c : {&edge, &popCounters}) {
    c->bytes += bytes;
    switch (fl.result) {
      case DetailedResultType::Hit:
        ++c->hits;
        c->hitBytes += bytes;
        break;
      case DetailedResultType::RefreshHit:
        ++c->refreshHits;
        // The body came from this cache unless upstream had to send a new version.
        if (fl.version == fl.popVersion) c->hitBytes += bytes;
        break;
      default:
        ++c->misses;
        break;
    }
  }
  summary_.latency.record(end - fl.start);
  const bool hit = fl.result != DetailedResultType::Miss;
  IntervalCounters delta{1, hit ? 1u : 0u, 0, bytes, hit ? 0 : bytes};
  timeSeries_.add(end, 0, delta);
  timeSeries_.add(end, 1 + fl.pop, delta);
  if (end > summary_.end) summary_.end = end;

  if (observer_ != nullptr) {
    ViewerExchange ex;
    ex.sequence = fl.sequence;
    ex.client = fl.client;
    ex.pop = fl.pop;
    ex.object = fl.object;
    ex.behavior = fl.behavior;
    ex.start = fl.start;
    ex.popArrival = fl.popArrival;
    ex.firstByte = firstByte;
    ex.end = end;
    ex.status = fl.status;
    ex.bodyBytes = bytes;
    ex.version = fl.version;
    ex.originDate = fl.originDate;
    ex.outcome = core::emit::outcomeOf(fl.result);
    ex.answeredBy = fl.answeredBy;
    ex.age = fl.viewerAge;
    observer_->onViewerExchange(ex);
  }
  releaseFlight(f);
}

}  // namespace cdnsim::sim
