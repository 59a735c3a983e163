#include "sim/run/tiered_simulation.h"

#include <algorithm>
#include <stdexcept>

#include "core/cache/cache_key.h"
#include "core/cache/cacheability.h"
#include "core/http/cache_control.h"
#include "core/node/viewer_result.h"
#include "core/origin/s3_origin.h"
#include "core/routing/behavior_match.h"
#include "core/store/policy_registry.h"
#include "sim/faults/scheduled_events.h"
#include "sim/replay/replay_arrivals.h"

namespace cdnsim::sim {

using core::Duration;
using core::TimePoint;
using core::node::FetchRole;
using core::node::LookupOutcome;

namespace {

// The random sources (arrivals, sizes) and their streams are the workload's (sim/workload/).
// The hop index that stands for the origin in Flight::bodyHop.
constexpr std::uint8_t kOriginHop = Route::kMaxHops;
constexpr std::uint8_t kNoHop = 0xFF;

// The Age a cache states for a copy: whole seconds (RFC 9111 §5.1).
Duration statedAge(Duration currentAge) {
  return core::seconds(core::cache::ageHeaderSeconds(currentAge));
}

std::vector<core::cache::CachePolicyConfig> behaviorPolicies(const World& world) {
  std::vector<core::cache::CachePolicyConfig> policies;
  for (const auto& b : world.behaviors()) policies.push_back(b.policy);
  return policies;
}

// Methods as viewOf() hands them to the nodes.
std::string_view methodName(core::config::RequestMethod m) { return core::config::toString(m); }
bool cachedMethod(core::config::RequestMethod m) {
  return m == core::config::RequestMethod::Get || m == core::config::RequestMethod::Head;
}

}  // namespace

struct TieredSimulation::Flight {
  struct HopState {
    TimePoint sent{};                     // when this hop asked upstream
    std::uint32_t storedVersion = 0;      // version of its expired copy, sent as If-None-Match
    LookupOutcome lookup = LookupOutcome::Miss;
    FetchRole role = FetchRole::Alone;
  };
  std::uint64_t sequence = 0;
  std::uint64_t object = 0;
  std::uint64_t variant = 0;  // the request's variant seed (Workload::draw)
  // objects_[object]'s key and size, copied at the POP: the flight's own (hot) line then has them.
  core::store::ObjectId key = 0;
  std::uint64_t bytes = 0;
  TimePoint start{};
  TimePoint popArrival{};
  const Route* route = nullptr;
  std::uint32_t client = 0;
  std::uint32_t behavior = 0;
  std::uint16_t group = 0;  // the object's group (its origin headers)
  core::config::RequestMethod method = core::config::RequestMethod::Get;
  std::array<HopState, Route::kMaxHops> hops{};
  std::uint8_t hop = 0;                  // the hop the flight is at
  std::uint8_t endsAt = kNoHop;          // a background refresh ends at the hop that started it
  std::uint8_t bodyHop = kOriginHop;     // whose cache the body came from (kOriginHop: the origin)
  bool bodyRefreshed = false;            // that cache revalidated its copy first
  bool edgeCollapsed = false;            // the POP answered it from another request's fetch
  bool replayed = false;                 // from a log: key, method, size set at arrival
  // The answer travelling down, as it is on the current leg.
  std::uint16_t status = 200;            // 200 or 304
  std::uint16_t origin = 0;              // the origin that produced it
  std::uint32_t version = 0;             // the representation it describes
  TimePoint date{};                      // the origin's Date
  Duration age{0};                       // the Age the sending cache stated (0 from the origin)
};

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
  // Each object's behaviour (core/routing/behavior_match.h), cache key and size, computed once.
  const Catalogue& catalogue = workload_.catalogue();
  objects_.resize(catalogue.objectCount());
  std::string path;
  for (std::uint64_t i = 0; i < catalogue.objectCount(); ++i) {
    path.clear();
    catalogue.appendPath(i, path);
    const auto b = static_cast<std::uint32_t>(core::routing::matchBehavior(topology_.behaviors, path));
    objects_[i] = ObjectInfo{workload_.objectKey(i, path, b), catalogue.size(i), b, 1};
  }

  originConditions_.resize(topology_.origins.size());
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

core::node::RequestView TieredSimulation::viewOf(const Flight& fl) const {
  return core::node::RequestView{fl.key, methodName(fl.method),
                                 &world_.behaviors()[fl.behavior].settings};
}

TierCounters& TieredSimulation::tier(const Flight& fl, std::uint8_t hop) {
  switch (fl.route->hops[hop].role) {
    case TierRole::Edge: return summary_.pops[fl.route->hops[hop].node].counters;  // edge: their sum
    case TierRole::Regional: return summary_.regional;
    case TierRole::Shield: return summary_.shield;
  }
  return summary_.edge;
}

void TieredSimulation::prefetchFlight(void* self, std::uint32_t hint, int distance) {
  auto& sim = *static_cast<TieredSimulation*>(self);
  const Flight& fl = sim.flights_[hint];
  if (distance >= 2) {
    // Only the address: reading the record now would wait for it.
    __builtin_prefetch(&fl);
    __builtin_prefetch(reinterpret_cast<const char*>(&fl) + 64);
    return;
  }
  if (fl.route != nullptr) {
    sim.nodes_[fl.route->hops[fl.hop].node]->prefetch(fl.key);
  } else {  // still on its way to the POP: the key is in the row onArrival() prefetched
    sim.nodes_[sim.clientPop_[fl.client]]->prefetch(sim.objects_[fl.object].key);
  }
}

void TieredSimulation::scheduleArrival(std::uint32_t source) {
  const auto next = workload_.nextArrival(source, queue_.now());
  if (next) queue_.scheduleAt(*next, [this, source] { onArrival(source); });
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

void TieredSimulation::onArrival(std::uint32_t source) {
  if (generated_ >= scenario_.requests) return;
  const auto arrival = workload_.draw(source, queue_.now());
  const std::uint32_t client = arrival.client;
  const std::uint32_t f = allocateFlight();
  Flight& fl = flights_[f];
  fl.sequence = generated_++;
  if ((generated_ & (kProgressEvery - 1)) == 0 && progress_ != nullptr) {
    progress_(progressContext_, generated_);
  }
  fl.client = client;
  fl.object = arrival.object;
  fl.group = static_cast<std::uint16_t>(arrival.group);
  fl.variant = arrival.variant;
  // The object's row is first needed at the POP, an event from now: start loading it, as the
  // table of a large catalogue is far bigger than the CPU caches.
  __builtin_prefetch(&objects_[fl.object]);
  fl.start = queue_.now();
  queue_.scheduleOn(clientLanes_[client], [this, f] { arriveAt(f); }, f);
  if (generated_ < scenario_.requests) scheduleArrival(source);
}

void TieredSimulation::scheduleReplay() {
  if (generated_ >= scenario_.requests) return;
  const auto next = replay_->nextTime();
  if (next) queue_.scheduleAt(*next, [this] { onReplayArrival(); });
}

void TieredSimulation::onReplayArrival() {
  const auto arrival = replay_->take();
  if (arrival.newObject) {
    objects_.push_back(ObjectInfo{arrival.key, arrival.objectBytes, arrival.behavior, 1});
  }
  const std::uint32_t f = allocateFlight();
  Flight& fl = flights_[f];
  fl.sequence = generated_++;
  if ((generated_ & (kProgressEvery - 1)) == 0 && progress_ != nullptr) {
    progress_(progressContext_, generated_);
  }
  fl.replayed = true;
  fl.client = arrival.client;
  fl.object = arrival.object;
  fl.behavior = arrival.behavior;
  fl.key = arrival.key;
  fl.method = arrival.method;
  fl.start = queue_.now();
  if (observer_ != nullptr) {
    if (replayRequests_.size() <= f) replayRequests_.resize(flights_.size());
    replayRequests_[f] = replay_->request();
  }
  queue_.scheduleOn(clientLanes_[fl.client], [this, f] { arriveAt(f); }, f);
  scheduleReplay();
}

void TieredSimulation::arriveAt(std::uint32_t f) {
  Flight& fl = flights_[f];
  if (fl.route == nullptr) {  // a viewer request reaching its POP
    const ObjectInfo& info = objects_[fl.object];
    if (!fl.replayed) {
      fl.behavior = info.behavior;
      fl.key = info.key;
    }
    fl.bytes = info.bytes;
    if (!fl.replayed && workload_.varies(fl.group)) {
      const RequestVariant v = workload_.variant(fl.group, fl.variant);
      fl.method = v.method;
      fl.key = workload_.requestKey(fl.object, fl.group, fl.behavior, v, info.key);
    }
    // core/routing/tier_plan.h decided which layers each kind of method crosses; DNS's POP is the
    // nearest one that is up.
    const std::uint32_t pop = clientPop_[fl.client];
    if (pop != world_.clientPop(fl.client)) ++summary_.reroutedRequests;
    const bool cached = cachedMethod(fl.method);
    if (popRecDown_[pop] != 0 && cached) {
      ++summary_.recDownRequests;
      fl.route = &world_.routeWithoutRec(pop, fl.behavior);
    } else {
      fl.route = &world_.route(pop, fl.behavior, cached);
    }
    fl.popArrival = queue_.now();
  }
  const std::uint8_t h = fl.hop;
  ++tier(fl, h).requests;
  auto& node = *nodes_[fl.route->hops[h].node];
  const auto found = node.lookup(viewOf(fl), queue_.now());
  auto& state = fl.hops[h];
  state.lookup = found.outcome;
  if (core::node::servedFromCache(found.outcome)) {
    TierCounters& counters = tier(fl, h);
    ++counters.hits;
    const auto& entry = *found.entry;
    fl.status = 200;
    fl.version = entry.version;
    if (!replacedSizes_.empty()) fl.bytes = bytesOf(fl.object, entry.version);  // after a deploy
    fl.origin = entry.source;
    fl.date = entry.date();
    fl.age = statedAge(found.age);
    fl.bodyHop = h;
    if (found.outcome == LookupOutcome::StaleWhileRevalidate) {
      ++counters.staleServed;
      state.storedVersion = entry.version;
      // The refresh first: without an observer, replyDown() may release the flight.
      startBackgroundRefresh(f);
    }
    replyDown(f);
    return;
  }
  if (found.outcome == LookupOutcome::Revalidate) state.storedVersion = found.entry->version;
  forwardUp(f, found.outcome != LookupOutcome::Bypass);
}

void TieredSimulation::forwardUp(std::uint32_t f, bool mayCollapse) {
  Flight& fl = flights_[f];
  auto& state = fl.hops[fl.hop];
  state.role = mayCollapse ? nodes_[fl.route->hops[fl.hop].node]->joinFetch(viewOf(fl), f)
                           : FetchRole::Alone;
  if (state.role == FetchRole::Follower) return;  // answered by answerWaiters
  sendUp(f);
}

void TieredSimulation::sendUp(std::uint32_t f) {
  Flight& fl = flights_[f];
  const std::uint8_t h = fl.hop;
  fl.hops[h].sent = queue_.now();
  TierCounters& counters = tier(fl, h);
  ++counters.sentUpstream;
  if (h + 1 < fl.route->count) {
    fl.hop = h + 1;
    queue_.scheduleOn(routeLanes_[fl.route->id].leg[h], [this, f] { arriveAt(f); }, f);
  } else {
    ++counters.sentToOrigin;
    atOrigin(f);
  }
}

void TieredSimulation::atOrigin(std::uint32_t f) {
  Flight& fl = flights_[f];
  const std::uint8_t last = fl.hop;
  const Duration oneWay = fl.route->upLeg[last];
  const auto& originConfig = topology_.origins[fl.route->origin];
  const TimePoint atOrigin = queue_.now() + oneWay;
  const Duration think = originConfig.firstByteLatency;

  core::origin::OriginObject current;
  current.id = fl.object;
  current.version = objects_[fl.object].version;
  current.bodyBytes = objects_[fl.object].bytes;  // a deploy may have changed it
  current.lastModified = scenario_.start;
  const auto answer =
      core::origin::s3AnswerGet(current, fl.hops[last].storedVersion, atOrigin + think, fl.route->origin);
  fl.status = answer.status;
  if (fl.status == 200) fl.bytes = current.bodyBytes;
  fl.version = answer.version;
  fl.origin = answer.origin;
  fl.date = answer.date;
  fl.age = Duration::zero();
  fl.bodyHop = kOriginHop;
  fl.bodyRefreshed = false;

  ++summary_.originRequests;
  const std::uint64_t bodyBytes = fl.status == 304 ? 0 : current.bodyBytes;
  if (fl.status == 304) ++summary_.originNotModified;
  summary_.originBytes += bodyBytes;
  timeSeries_.countRequest(atOrigin, originSeries_, false, false, bodyBytes);
  queue_.scheduleOn(routeLanes_[fl.route->id].originTrip, [this, f] { answerAt(f); }, f);
}

void TieredSimulation::answerAt(std::uint32_t f) {
  Flight& fl = flights_[f];
  const std::uint8_t h = fl.hop;
  auto& state = fl.hops[h];
  auto& node = *nodes_[fl.route->hops[h].node];
  const bool revalidated = fl.status == 304;
  bool servesWaiters = true;
  if (state.lookup != LookupOutcome::Bypass) {
    core::cache::ResponseFreshnessInput freshness = workload_.freshnessFor(fl.group, fl.date);
    if (fl.age > Duration::zero()) freshness.age = fl.age;
    core::node::UpstreamAnswer answer;
    answer.status = fl.status;
    answer.bodyBytes = fl.bytes;
    answer.version = fl.version;
    answer.source = fl.origin;
    answer.hasValidator = originHasValidator_;
    answer.freshness = &freshness;
    answer.requestTime = state.sent;
    answer.responseTime = queue_.now();
    const auto taken = node.takeAnswer(viewOf(fl), answer);
    servesWaiters = taken.servesWaiters;
    // The copy this hop now holds states its own age downstream (RFC 9111 §4.2.3); a copy it
    // did not keep passes on the Age it came with.
    if (taken.stored != nullptr) {
      fl.age = statedAge(core::cache::currentAge(taken.stored->correctedInitialAge,
                                                 taken.stored->responseTime, queue_.now()));
    }
  }
  if (revalidated) {
    // Our stored body answers (the simulated body is only a size, so a copy evicted while the
    // 304 travelled still has one to send).
    fl.version = state.storedVersion;
    fl.bodyHop = h;
    fl.bodyRefreshed = true;
  }
  if (fl.endsAt == h) {  // a background refresh is back where it started
    if (state.role == FetchRole::Leader) answerWaiters(f, servesWaiters);
    releaseFlight(f);
    return;
  }
  TierCounters& counters = tier(fl, h);
  if (state.lookup == LookupOutcome::Revalidate) {
    ++counters.refreshHits;
  } else {
    ++counters.misses;
  }
  if (state.role == FetchRole::Leader) answerWaiters(f, servesWaiters);
  replyDown(f);
}

void TieredSimulation::answerWaiters(std::uint32_t f, bool servesWaiters) {
  waiters_.clear();
  nodes_[flights_[f].route->hops[flights_[f].hop].node]->releaseWaiters(
      flights_[f].key, waiters_);
  for (const std::uint32_t w : waiters_) {
    Flight& follower = flights_[w];
    // The follower waits at its own hop on the same node, which may play another role on its
    // route (a REC that is the origin shield for other RECs).
    const std::uint8_t h = follower.hop;
    if (!servesWaiters) {
      // The answer may not be shared (Min TTL 0 with private, no-store, ...): each waiter asks
      // upstream for itself.
      follower.hops[h].role = FetchRole::Alone;
      sendUp(w);
      continue;
    }
    const Flight& leader = flights_[f];
    TierCounters& counters = tier(follower, h);
    ++counters.hits;
    ++counters.collapsed;
    if (h == 0) follower.edgeCollapsed = true;
    follower.status = 200;
    follower.version = leader.version;
    follower.bytes = leader.bytes;  // the same body (a deploy may have changed the size since)
    follower.origin = leader.origin;
    follower.date = leader.date;
    follower.age = leader.age;
    follower.bodyHop = h;
    follower.bodyRefreshed = false;
    replyDown(w);
  }
}

void TieredSimulation::replyDown(std::uint32_t f) {
  Flight& fl = flights_[f];
  const std::uint8_t h = fl.hop;
  if (h == 0) {
    deliver(f);
    return;
  }
  // The answer to the lower hop's request: 304 when it asked about the version we send.
  const auto& lower = fl.hops[h - 1];
  core::origin::OriginObject current;
  current.id = fl.object;
  current.version = fl.version;
  current.lastModified = scenario_.start;
  fl.status = (lower.lookup == LookupOutcome::Revalidate &&
               core::origin::notModifiedSince(current, lower.storedVersion))
                  ? 304
                  : 200;
  const std::uint64_t bytes = fl.status == 200 ? fl.bytes : 0;
  if (fl.status == 200) {
    TierCounters& counters = tier(fl, h);
    counters.bytes += bytes;
    if (fl.bodyHop == h) counters.hitBytes += bytes;
  }
  // Every answer of a REC or the shield passes here once (hit, refresh hit, miss or collapsed
  // follower): its tier's series counts it, a hit when the body came from this hop's cache.
  const bool fromHere = fl.bodyHop == h;
  timeSeries_.add(queue_.now(),
                  fl.route->hops[h].role == TierRole::Shield ? shieldSeries_ : regionalSeries_,
                  IntervalCounters{1, fromHere ? 1u : 0u, 0, bytes, fromHere ? 0 : bytes});
  fl.hop = h - 1;
  queue_.scheduleOn(routeLanes_[fl.route->id].leg[h - 1], [this, f] { answerAt(f); }, f);
}

void TieredSimulation::startBackgroundRefresh(std::uint32_t from) {
  // Copy first: allocating may move the slab.
  const Flight origin = flights_[from];
  const std::uint8_t h = origin.hop;
  auto& node = *nodes_[origin.route->hops[h].node];
  if (node.fetchInFlight(origin.key)) return;  // a refresh is already on its way
  const std::uint32_t b = allocateFlight();
  Flight& bg = flights_[b];
  bg.sequence = origin.sequence;
  bg.object = origin.object;
  bg.key = origin.key;
  bg.bytes = origin.bytes;
  bg.client = origin.client;
  bg.behavior = origin.behavior;
  bg.group = origin.group;
  bg.variant = origin.variant;
  bg.method = origin.method;
  bg.route = origin.route;
  bg.start = queue_.now();
  bg.hop = h;
  bg.endsAt = h;
  bg.hops[h].lookup = LookupOutcome::Revalidate;
  bg.hops[h].storedVersion = origin.hops[h].storedVersion;
  TierCounters& counters = tier(bg, h);
  ++counters.backgroundRefreshes;
  bg.hops[h].role = node.joinFetch(viewOf(bg), b);
  sendUp(b);
}

void TieredSimulation::deliver(std::uint32_t f) {
  const Duration toViewer = clientToPop_[flights_[f].client];
  if (observer_ != nullptr) {
    queue_.scheduleOn(clientLanes_[flights_[f].client], [this, f] { onDelivered(f, queue_.now()); });
  } else {
    // Every tally below is a sum (or a maximum), so it does not matter that it is taken before
    // the first byte's time; only an observer needs the completion order.
    onDelivered(f, queue_.now() + toViewer);
  }
}

void TieredSimulation::onDelivered(std::uint32_t f, TimePoint firstByte) {
  Flight& fl = flights_[f];
  const std::uint32_t pop = fl.route->hops[0].node;
  // A HEAD is answered with the headers alone (RFC 9110 §9.3.2); the caches hold the object.
  const std::uint64_t bytes = fl.method == core::config::RequestMethod::Head ? 0 : fl.bytes;
  const TimePoint end = firstByte + world_.latency().transfer(bytes);
  ++summary_.viewerRequests;
  summary_.viewerBytes += bytes;
  const bool fromEdge = fl.bodyHop == 0;
  TierCounters& popCounters = summary_.pops[pop].counters;
  popCounters.bytes += bytes;
  if (fromEdge) popCounters.hitBytes += bytes;

  core::node::ViewerResultInput in;
  in.edgeLookup = fl.hops[0].lookup;
  in.edgeCollapsed = fl.edgeCollapsed;
  in.answeredBy = fl.bodyHop == kOriginHop ? core::emit::HitLayer::Origin
                                           : hitLayerOf(fl.route->hops[fl.bodyHop].role);
  in.answeredAfterRefresh = fl.bodyRefreshed;
  const auto result = core::node::viewerResult(in);
  switch (result.outcome.result) {
    case core::emit::EdgeResultType::Hit: ++summary_.viewerHits; break;
    case core::emit::EdgeResultType::RefreshHit: ++summary_.viewerRefreshHits; break;
    case core::emit::EdgeResultType::Miss: ++summary_.viewerMisses; break;
    default: ++summary_.viewerErrors; break;
  }

  const Duration total = end - fl.start;
  const Duration toFirstByte = firstByte - fl.start;
  summary_.pops[pop].latency.record(total, toFirstByte);
  summary_.byLayer[static_cast<std::size_t>(in.answeredBy)].record(total, toFirstByte);
  IntervalCounters delta{1, fromEdge ? 1u : 0u, 0, bytes, fromEdge ? 0 : bytes};
  timeSeries_.add(end, 0, delta);
  timeSeries_.add(end, 1 + pop, delta);
  if (end > summary_.end) summary_.end = end;

  if (observer_ != nullptr) {
    ViewerExchange ex;
    ex.sequence = fl.sequence;
    ex.client = fl.client;
    ex.pop = pop;
    ex.object = fl.object;
    ex.behavior = fl.behavior;
    ex.group = fl.group;
    ex.variant = fl.variant;
    ex.method = fl.method;
    ex.cacheKey = fl.key;
    ex.start = fl.start;
    ex.popArrival = fl.popArrival;
    ex.firstByte = firstByte;
    ex.end = end;
    ex.status = 200;  // the viewer asked unconditionally
    ex.bodyBytes = bytes;
    ex.version = fl.version;
    ex.origin = fl.origin;
    ex.originDate = fl.date;
    ex.outcome = result.outcome;
    ex.answeredBy = in.answeredBy;
    ex.hitLayer = result.hitLayer;
    if (result.statesAge) ex.age = fl.age;
    if (fl.replayed) ex.request = &replayRequests_[f];
    observer_->onViewerExchange(ex);
  }
  releaseFlight(f);
}

// Hooks for scheduled events (sim/faults/): they change state when an event fires, so the
// per-request path checks no event list.

void TieredSimulation::deploy(std::uint64_t object, std::optional<std::uint64_t> newBytes) {
  auto& info = objects_[object];
  if (newBytes && *newBytes != info.bytes) replacedSizes_[{object, info.version}] = info.bytes;
  ++info.version;
  if (newBytes) info.bytes = *newBytes;
}

std::uint64_t TieredSimulation::bytesOf(std::uint64_t object, std::uint32_t version) const {
  const auto it = replacedSizes_.find({object, version});
  return it != replacedSizes_.end() ? it->second : objects_[object].bytes;
}

std::uint64_t TieredSimulation::invalidate(std::uint64_t object) {
  std::uint64_t removed = 0;
  for (auto& node : nodes_) removed += node->invalidate(objects_[object].key) ? 1 : 0;
  return removed;
}

void TieredSimulation::setPopDown(std::uint32_t pop, bool down) {
  popUp_[pop] = !down;
  // std::vector<bool> is not contiguous bools: copy it for the span.
  std::unique_ptr<bool[]> flags(new bool[popUp_.size()]);
  for (std::size_t p = 0; p < popUp_.size(); ++p) flags[p] = popUp_[p];
  for (std::uint32_t c = 0; c < clientPop_.size(); ++c) {
    // With every POP down, viewers keep their nearest one (there is nowhere else to go).
    const auto choice = world_.choosePop(c, std::span<const bool>(flags.get(), popUp_.size()));
    const auto pick = choice ? *choice : World::PopChoice{world_.clientPop(c), world_.clientToPop(c)};
    if (pick.pop == clientPop_[c]) continue;
    clientPop_[c] = pick.pop;
    clientToPop_[c] = pick.oneWay;
    clientLanes_[c] = queue_.lane(pick.oneWay);
  }
}

void TieredSimulation::setRecDown(std::uint32_t rec, bool down) {
  const auto& name = topology_.regionalEdgeCaches[rec].name;
  for (std::uint32_t p = 0; p < topology_.pops.size(); ++p) {
    if (topology_.pops[p].regionalEdgeCache == name) popRecDown_[p] = down ? 1 : 0;
  }
}

}  // namespace cdnsim::sim
