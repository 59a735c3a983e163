#include "sim/run/tiered_simulation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "core/cache/cache_key.h"
#include "core/cache/cacheability.h"
#include "core/emit/error_page.h"
#include "core/emit/request_id.h"
#include "core/http/cache_control.h"
#include "core/http/http_date.h"
#include "core/origin/failover.h"
#include "core/origin/origin_answer.h"
#include "core/origin/origin_fetch.h"
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

// The random sources (arrivals, sizes) and their streams are the workload's (sim/workload/); the
// origins' draws and the choice of missing keys have their own streams.
constexpr std::uint64_t kOriginStreamBase = 0x0819140000;
constexpr std::uint64_t kMissingStream = 0x0819150000;
constexpr std::uint32_t kNoFlight = UINT32_MAX;
// A custom error page's size when no path rule of its origin gives one.
constexpr std::uint64_t kDefaultPageBytes = 1024;
// Any request id has this length; the error page's size depends only on it.
constexpr char kSampleRequestId[core::emit::kRequestIdLength + 1] =
    "0000000000000000000000000000000000000000000000000000000=";
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
  std::uint8_t generated = 0;            // an error CloudFront made: 1 + DetailedResultType
  bool staleOnError = false;             // a cache served its expired copy on an upstream error
  std::uint16_t status = 200;            // 200, 304, or an error
  std::uint16_t origin = 0;              // the origin that produced it
  std::uint16_t profile = 0;             // what that origin sends for the object (profiles_)
  std::uint32_t version = 0;             // the representation it describes
  TimePoint date{};                      // the origin's Date
  Duration age{0};                       // the Age the sending cache stated (0 from the origin)
  // Custom error pages: a page fetch knows the viewer's flight it fetches for; the viewer's flight
  // keeps the error the page replaced.
  std::uint32_t parent = kNoFlight;
  bool customPage = false;
  std::uint8_t errorGenerated = 0;
  std::uint16_t errorStatus = 0;
  std::uint16_t viewerStatus = 0;        // the custom error response's code (0: the answer's own)
  std::uint64_t pageObject = 0;
};

// The result of one origin's fetch (exchangeWith).
struct TieredSimulation::Exchange {
  bool answered = true;       // the origin's answer arrived (else `generated` says why not)
  std::uint16_t status = 200;
  std::uint8_t generated = 0;
  Duration elapsed{0};        // from the fetch's start to the first byte back at the node
  TimePoint date{};
  std::uint64_t bodyBytes = 0;
  std::uint16_t profile = 0;
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
  if (world_.behaviors().size() > UINT16_MAX) {
    throw std::invalid_argument("a topology may have at most 65535 behaviours");
  }
  // What each origin sends: its default answer, its missing keys, then one profile per path rule.
  const auto profileOf = [&](std::uint16_t o, const core::origin::PathRule* rule, bool held) {
    const auto& origin = topology_.origins[o];
    AnswerProfile p;
    p.origin = o;
    p.held = held && (rule == nullptr || !rule->absent);
    p.cacheControl = scenario_.catalogue.cacheControl;  // catalogue objects: their group's instead
    p.contentType = origin.contentType;
    p.hasValidator = origin.kind == core::config::OriginKind::S3 || origin.validators.any();
    if (rule != nullptr) {
      p.rule = rule;
      p.ruleStatus = rule->status;
      p.size = rule->size;
      if (rule->cacheControl) p.cacheControl = *rule->cacheControl;
      p.ownHeaders = rule->cacheControl.has_value() || rule->expires.has_value();
      if (rule->contentType) p.contentType = *rule->contentType;
      p.expires = rule->expires;
    }
    p.freshness.cacheControl = core::http::parseResponseCacheControl(p.cacheControl);
    if (p.expires) p.freshness.expires = core::http::parseHttpDate(*p.expires);
    return p;
  };
  for (std::uint16_t o = 0; o < topology_.origins.size(); ++o) {
    const auto& origin = topology_.origins[o];
    OriginState state;
    state.rng = Rng::stream(scenario_.seed, kOriginStreamBase + o);
    if (origin.concurrency) state.limit.emplace(origin.concurrency->limit, origin.concurrency->queue);
    state.defaultProfile = static_cast<std::uint16_t>(profiles_.size());
    profiles_.push_back(profileOf(o, nullptr, true));
    state.missingProfile = static_cast<std::uint16_t>(profiles_.size());
    profiles_.push_back(profileOf(o, nullptr, false));
    state.firstRuleProfile = static_cast<std::uint16_t>(profiles_.size());
    for (const auto& rule : origin.paths) profiles_.push_back(profileOf(o, &rule, true));
    state.plain = origin.kind == core::config::OriginKind::S3 && origin.errors.empty();
    originStates_.push_back(std::move(state));
    if (profiles_.size() > UINT16_MAX) {
      throw std::invalid_argument("a topology may have at most 65535 origin path rules in all");
    }
  }
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

// A viewer request's flight, numbered in generation order; the progress meter hears of it.
std::uint32_t TieredSimulation::newViewerFlight() {
  const std::uint32_t f = allocateFlight();
  flights_[f].sequence = generated_++;
  if ((generated_ & (kProgressEvery - 1)) == 0 && progress_ != nullptr) {
    progress_(progressContext_, generated_);
  }
  return f;
}

void TieredSimulation::onArrival(std::uint32_t source) {
  if (generated_ >= scenario_.requests) return;
  const auto arrival = workload_.draw(source, queue_.now());
  const std::uint32_t client = arrival.client;
  const std::uint32_t f = newViewerFlight();
  Flight& fl = flights_[f];
  fl.client = client;
  if (missingPopularity_ && missingRng_.uniform() < scenario_.catalogue.missingShare) {
    fl.object = catalogueObjects_ + (*missingPopularity_)(missingRng_) - 1;  // a key the origin lacks
    fl.group = 0;
    fl.variant = 0;
  } else {
    fl.object = arrival.object;
    fl.group = static_cast<std::uint16_t>(arrival.group);
    fl.variant = arrival.variant;
  }
  // The object's row is first needed at the POP, an event from now: start loading it, as the
  // table of a large catalogue is far bigger than the CPU caches.
  __builtin_prefetch(&objects_[fl.object]);
  fl.start = queue_.now();
  queue_.scheduleOn(clientLanes_[client], [this, f] { arriveAt(f); }, f);
  if (generated_ < scenario_.requests) scheduleArrival(source);
}

const Route& TieredSimulation::viewerRoute(std::uint32_t pop, std::uint32_t behavior,
                                           core::config::RequestMethod method) const {
  // core/routing/tier_plan.h decided which layers each kind of method crosses.
  const bool cached = cachedMethod(method);
  return popRecDown_[pop] != 0 && cached ? world_.routeWithoutRec(pop, behavior)
                                         : world_.route(pop, behavior, cached);
}

void TieredSimulation::scheduleReplay() {
  if (generated_ >= scenario_.requests) return;
  const auto next = replay_->nextTime();
  if (next) queue_.scheduleAt(*next, [this] { onReplayArrival(); });
}

void TieredSimulation::onReplayArrival() {
  const auto arrival = replay_->take();
  if (arrival.newObject) {
    // A logged object: its behaviour's origin answers it with its default profile.
    const std::uint16_t origin = world_.behaviors()[arrival.behavior].origin;
    objects_.push_back(ObjectInfo{arrival.key, arrival.objectBytes,
                                  static_cast<std::uint16_t>(arrival.behavior),
                                  originStates_[origin].defaultProfile, 1});
  }
  const std::uint32_t f = newViewerFlight();
  Flight& fl = flights_[f];
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
    fl.profile = info.profile;
    if (!fl.replayed && fl.object < catalogueObjects_ && workload_.varies(fl.group)) {
      const RequestVariant v = workload_.variant(fl.group, fl.variant);
      fl.method = v.method;
      fl.key = workload_.requestKey(fl.object, fl.group, fl.behavior, v, info.key);
    }
    // core/routing/tier_plan.h decided which layers each kind of method crosses; DNS's POP is the
    // nearest one that is up.
    const std::uint32_t pop = clientPop_[fl.client];
    if (pop != world_.clientPop(fl.client)) ++summary_.reroutedRequests;
    if (popRecDown_[pop] != 0 && cachedMethod(fl.method)) ++summary_.recDownRequests;
    fl.route = &viewerRoute(pop, fl.behavior, fl.method);
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
    const auto& entry = *found.entry;
    fl.status = entry.status;
    fl.version = entry.version;
    if (!replacedSizes_.empty()) fl.bytes = bytesOf(fl.object, entry.version);  // after a deploy
    fl.origin = entry.source;
    fl.date = entry.date();
    fl.age = statedAge(found.age);
    fl.bodyHop = h;
    if (entry.status >= 400) [[unlikely]] {
      // A cached error: served as an error, with its own body.
      fl.generated = entry.generatedError;
      fl.bytes = entry.generatedError != 0 ? generatedErrorBytes(entry.status, entry.generatedError)
                                           : originErrorBytes(fl.object, entry.source, entry.status);
      countError(counters, entry.status, entry.generatedError);
      ++counters.cachedErrors;
      replyDown(f);
      return;
    }
    ++counters.hits;
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
  const std::uint16_t originIndex = fl.route->origin;
  ++summary_.originRequests;
  // The fast path: a plain S3 origin in its normal condition, asked for an object it holds, answers
  // 200 or 304 after its fixed first-byte latency; anything else takes originExchange().
  if (!originStates_[originIndex].plain || !profiles_[fl.profile].held ||
      originConditions_[originIndex] != core::origin::OriginCondition{}) [[unlikely]] {
    originExchange(f);
    return;
  }
  const std::uint8_t last = fl.hop;
  const Duration oneWay = fl.route->upLeg[last];
  const auto& originConfig = topology_.origins[originIndex];
  const TimePoint atOrigin = queue_.now() + oneWay;
  const Duration think = originConfig.firstByteLatency;
  ++summary_.originAttempts;

  core::origin::OriginObject current;
  current.id = fl.object;
  current.version = objects_[fl.object].version;
  current.bodyBytes = objects_[fl.object].bytes;  // a deploy may have changed it
  current.lastModified = lastModified(fl.object, current.version);
  const auto answer =
      core::origin::s3AnswerGet(current, fl.hops[last].storedVersion, atOrigin + think, originIndex);
  fl.status = answer.status;
  if (fl.status == 200) fl.bytes = current.bodyBytes;
  fl.version = answer.version;
  fl.origin = answer.origin;
  fl.date = answer.date;
  fl.age = Duration::zero();
  fl.bodyHop = kOriginHop;
  fl.bodyRefreshed = false;

  const std::uint64_t bodyBytes = fl.status == 304 ? 0 : current.bodyBytes;
  if (fl.status == 304) ++summary_.originNotModified;
  summary_.originBytes += bodyBytes;
  timeSeries_.countRequest(atOrigin, originSeries_, false, false, bodyBytes);
  queue_.scheduleOn(routeLanes_[fl.route->id].originTrip, [this, f] { answerAt(f); }, f);
}

TieredSimulation::Exchange TieredSimulation::exchangeWith(std::uint32_t f, std::uint16_t origin,
                                                          Duration oneWay, TimePoint t0) {
  const Flight& fl = flights_[f];
  const auto& config = topology_.origins[origin];
  auto& state = originStates_[origin];
  const core::origin::OriginCondition condition = originConditions_[origin];
  Exchange ex;
  ex.profile = profileIndex(fl.object, origin);
  const AnswerProfile& profile = profiles_[ex.profile];
  const bool s3 = config.kind == core::config::OriginKind::S3;
  const std::uint32_t version = objects_[fl.object].version;
  const std::uint32_t storedVersion = fl.hops[fl.hop].storedVersion;
  const core::origin::ValidatorsSent validators =
      s3 ? core::origin::ValidatorsSent{} : config.validators;

  core::origin::OriginAnswerDecision decision;
  const auto originTime = [&](int, Duration arrival) {
    // The origin's time to its first byte: its fixed latency or a draw, times the condition's
    // factor, plus any wait in its queue.
    Duration think = config.firstByteLatency;
    if (config.responseTime) {
      const auto& rt = *config.responseTime;
      const double typical = static_cast<double>(rt.typical.count());
      double us = typical;
      switch (rt.kind) {
        case core::config::ResponseTimeKind::Fixed: break;
        case core::config::ResponseTimeKind::Lognormal:
          us = Lognormal{std::log(typical), rt.shape}(state.rng);
          break;
        case core::config::ResponseTimeKind::Exponential: us = Exponential{typical}(state.rng); break;
        case core::config::ResponseTimeKind::Pareto: us = Pareto{typical, rt.shape}(state.rng); break;
      }
      think = Duration(static_cast<std::int64_t>(std::min(us, static_cast<double>(rt.max.count()))));
    }
    if (condition.latencyFactor != 1.0) {
      think = Duration(static_cast<std::int64_t>(static_cast<double>(think.count()) *
                                                 condition.latencyFactor));
    }
    core::origin::OriginAnswerInput in;
    in.s3 = s3;
    in.held = profile.held;
    in.listBucket = config.listBucket;
    in.ruleStatus = profile.ruleStatus;
    if (condition.errorRate > 0 || !config.errors.empty()) {
      in.injected = core::origin::drawInjectedError(condition, config.errors, state.rng.uniform());
    }
    if (state.limit) {
      const auto admission = state.limit->admit(t0 + arrival, think);
      in.overloaded = !admission.admitted;
      think = admission.admitted ? think + admission.wait : Duration::zero();
    }
    in.notModified = core::origin::notModifiedFor(
        fl.object, {storedVersion, lastModified(fl.object, storedVersion)},
        {version, lastModified(fl.object, version)}, validators);
    decision = core::origin::decideOriginAnswer(in);
    return think;
  };
  // A read timeout is retried for GET and HEAD only (DG/DownloadDistValuesOrigin.html).
  const auto outcome = core::origin::planOriginFetch(config.connection, condition.reachability,
                                                     oneWay, cachedMethod(fl.method), originTime);
  summary_.originAttempts += static_cast<std::uint64_t>(outcome.attempts);
  if (condition.reachability == core::origin::Reachability::Silent) {
    summary_.originConnectTimeouts += static_cast<std::uint64_t>(outcome.connectFailures);
  } else {
    summary_.originRefused += static_cast<std::uint64_t>(outcome.connectFailures);
  }
  summary_.originReadTimeouts += static_cast<std::uint64_t>(outcome.readTimeouts);
  ex.elapsed = outcome.elapsed;
  ex.answered = outcome.answered;
  if (!outcome.answered) {
    if (outcome.failure == core::origin::AttemptFailure::DnsFailure) ++summary_.originDnsFailures;
    const auto error = core::origin::generatedErrorFor(outcome.failure);
    ex.status = static_cast<std::uint16_t>(error.status);
    ex.generated = static_cast<std::uint8_t>(static_cast<int>(error.detailed) + 1);
    ex.date = core::fromUnixSeconds(core::unixSeconds(t0 + outcome.elapsed));
    ex.bodyBytes = generatedErrorBytes(ex.status, ex.generated);
    return ex;
  }
  ex.status = decision.status;
  if (decision.reason == core::origin::AnswerReason::Overloaded) ++summary_.originOverloaded;
  if (ex.status >= 400) ++summary_.originErrors;
  // A Date has one-second resolution.
  ex.date = core::fromUnixSeconds(core::unixSeconds(t0 + outcome.sentAt + outcome.originTime));
  ex.bodyBytes = ex.status == 200   ? objects_[fl.object].bytes
                 : ex.status == 304 ? 0
                                    : originErrorBytes(fl.object, origin, ex.status);
  return ex;
}

void TieredSimulation::originExchange(std::uint32_t f) {
  const TimePoint now = queue_.now();
  Flight& fl = flights_[f];
  const std::uint8_t last = fl.hop;
  const auto& behavior = world_.behaviors()[fl.behavior];
  std::uint16_t origin = fl.route->origin;
  Exchange ex = exchangeWith(f, origin, fl.route->upLeg[last], now);
  if (behavior.secondary) {
    // GET, HEAD and OPTIONS fail over; other methods get the primary's answer.
    const auto decision = core::origin::decideFailover(
        behavior.failoverCodes, methodName(flights_[f].method), ex.answered, ex.status);
    if (decision.toSecondary) {
      ++summary_.failovers;
      timeSeries_.addFailover(now, originSeries_);
      const Duration spent = ex.elapsed;
      origin = *behavior.secondary;
      const Duration oneWay = world_.nodeToOrigin(fl.route->hops[last].node, origin);
      ex = exchangeWith(f, origin, oneWay, now + spent);
      ex.elapsed += spent;
    }
  }
  Flight& after = flights_[f];
  after.status = ex.status;
  after.generated = ex.generated;
  after.origin = origin;
  after.profile = ex.profile;
  after.version = objects_[after.object].version;
  after.date = ex.date;
  after.age = Duration::zero();
  after.bodyHop = kOriginHop;
  after.bodyRefreshed = false;
  if (ex.status != 304) after.bytes = ex.bodyBytes;

  const std::uint64_t bodyBytes = ex.status == 304 ? 0 : ex.bodyBytes;
  if (ex.status == 304) ++summary_.originNotModified;
  summary_.originBytes += ex.answered ? bodyBytes : 0;
  const TimePoint answered = now + ex.elapsed;
  const bool error = ex.status >= 400;
  timeSeries_.countRequest(answered, originSeries_, false, error, ex.answered ? bodyBytes : 0);
  if (error) {
    timeSeries_.addError(answered, originSeries_, ex.status,
                         ex.generated != 0
                             ? static_cast<core::emit::DetailedResultType>(ex.generated - 1)
                             : core::emit::DetailedResultType::Error);
  }
  // The fetch took as long as it took: back at the node after `elapsed`, plus nothing (the
  // answer's first byte is what `elapsed` ends with).
  queue_.schedule(ex.elapsed, [this, f] { answerAt(f); });
}

std::uint16_t TieredSimulation::profileIndex(std::uint64_t object, std::uint16_t origin) const {
  const std::uint16_t primary = objects_[object].profile;
  if (profiles_[primary].origin == origin) return primary;
  // Another origin of the object's group: match its own rules (rare: failover only).
  const auto& state = originStates_[origin];
  pathScratch_.clear();
  appendPath(object, pathScratch_);
  const bool missing = object >= catalogueObjects_ && object < catalogueObjects_ + missingObjects_;
  if (const auto r = core::origin::matchPathRule(topology_.origins[origin].paths, pathScratch_)) {
    const auto p = static_cast<std::uint16_t>(state.firstRuleProfile + *r);
    return missing && profiles_[p].held ? state.missingProfile : p;
  }
  return missing ? state.missingProfile : state.defaultProfile;
}

std::uint64_t TieredSimulation::originErrorBytes(std::uint64_t object, std::uint16_t origin,
                                                 int status) const {
  if (topology_.origins[origin].kind == core::config::OriginKind::S3) {
    pathScratch_.clear();
    appendPath(object, pathScratch_);
    return core::origin::s3ErrorBodyBytes(status, std::string_view(pathScratch_).substr(1));
  }
  const AnswerProfile& profile = profiles_[profileIndex(object, origin)];
  if (profile.ruleStatus == status && profile.size) return *profile.size;
  return core::origin::defaultErrorBodyBytes(status);
}

std::uint64_t TieredSimulation::generatedErrorBytes(int status, std::uint8_t generated) const {
  // CloudFront's page (core/emit/error_page.h); its request id has a fixed length.
  const auto detailed = static_cast<core::emit::DetailedResultType>(generated - 1);
  pageScratch_.clear();
  core::emit::appendDefaultErrorPage(status, core::emit::errorPageReason(detailed),
                                     std::string_view(kSampleRequestId), pageScratch_);
  return pageScratch_.size();
}

core::cache::ResponseFreshnessInput TieredSimulation::freshnessOf(const Flight& fl) const {
  const AnswerProfile& profile = profiles_[fl.profile];
  core::cache::ResponseFreshnessInput freshness;
  if (fl.status >= 400 && (fl.generated != 0 || profile.ruleStatus != fl.status)) {
    // An error carries caching headers only when a custom origin's path rule answered it.
    freshness = noHeaders_;
  } else if (profile.ownHeaders || fl.object >= catalogueObjects_) {
    freshness = profile.freshness;
  } else {
    return workload_.freshnessFor(fl.group, fl.date);  // the object group's headers
  }
  freshness.date = fl.date;
  return freshness;
}

const core::cache::CustomErrorResponse* TieredSimulation::customErrorFor(int status) const {
  return core::cache::findCustomErrorResponse(topology_.customErrorResponses, status);
}

void TieredSimulation::countError(TierCounters& counters, int status, std::uint8_t generated) {
  ++counters.errors;
  counters.errorTally.add(status, generated != 0
                                      ? static_cast<core::emit::DetailedResultType>(generated - 1)
                                      : core::emit::DetailedResultType::Error);
}

void TieredSimulation::answerAt(std::uint32_t f) {
  Flight& fl = flights_[f];
  const std::uint8_t h = fl.hop;
  auto& state = fl.hops[h];
  auto& node = *nodes_[fl.route->hops[h].node];
  const bool revalidated = fl.status == 304;
  bool servesWaiters = true;
  bool staleOnError = false;
  if (state.lookup != LookupOutcome::Bypass) {
    // A copy another origin of the group produced has that origin's headers.
    if (profiles_[fl.profile].origin != fl.origin) [[unlikely]] {
      fl.profile = profileIndex(fl.object, fl.origin);
    }
    core::cache::ResponseFreshnessInput freshness = freshnessOf(fl);
    if (fl.age > Duration::zero()) freshness.age = fl.age;
    core::node::UpstreamAnswer answer;
    answer.status = fl.status;
    answer.bodyBytes = fl.bytes;
    answer.version = fl.version;
    answer.source = fl.origin;
    answer.hasValidator = profiles_[fl.profile].hasValidator;
    answer.freshness = &freshness;
    answer.requestTime = state.sent;
    answer.responseTime = queue_.now();
    if (fl.status >= 400) [[unlikely]] {
      answer.generatedError = fl.generated;
      answer.customError = customErrorFor(fl.status);
    }
    const auto taken = node.takeAnswer(viewOf(fl), answer);
    servesWaiters = taken.servesWaiters;
    if (taken.staleOnError) [[unlikely]] {
      // The layer above failed: this hop answers with its expired copy.
      const auto& copy = *taken.stored;
      staleOnError = true;
      fl.status = 200;
      fl.generated = 0;
      fl.version = copy.version;
      fl.origin = copy.source;
      fl.profile = profileIndex(fl.object, copy.source);
      fl.date = copy.date();
      fl.bytes = bytesOf(fl.object, copy.version);
      fl.bodyHop = h;
      fl.bodyRefreshed = false;
      fl.staleOnError = true;
    }
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
  if (staleOnError) [[unlikely]] {
    ++counters.hits;
    ++counters.staleOnError;
  } else if (fl.status >= 400) [[unlikely]] {
    countError(counters, fl.status, fl.generated);
  } else if (state.lookup == LookupOutcome::Revalidate) {
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
    const bool error = leader.status >= 400;
    if (error) [[unlikely]] {
      countError(counters, leader.status, leader.generated);
    } else {
      ++counters.hits;
      ++counters.collapsed;
    }
    if (h == 0) follower.edgeCollapsed = true;
    follower.status = error ? leader.status : 200;
    follower.generated = leader.generated;
    follower.version = leader.version;
    follower.bytes = leader.bytes;  // the same body (a deploy may have changed the size since)
    follower.origin = leader.origin;
    follower.profile = leader.profile;
    follower.date = leader.date;
    follower.age = leader.age;
    follower.bodyHop = error && leader.bodyHop == kOriginHop ? kOriginHop : h;
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
  if (fl.status < 400) [[likely]] {
    const auto& lower = fl.hops[h - 1];
    fl.status = 200;
    if (lower.lookup == LookupOutcome::Revalidate) {
      const auto& config = topology_.origins[fl.origin];
      const core::origin::ValidatorsSent sent = config.kind == core::config::OriginKind::S3
                                                    ? core::origin::ValidatorsSent{}
                                                    : config.validators;
      if (core::origin::notModifiedFor(
              fl.object, {lower.storedVersion, lastModified(fl.object, lower.storedVersion)},
              {fl.version, lastModified(fl.object, fl.version)}, sent)) {
        fl.status = 304;
      }
    }
  }
  const std::uint64_t bytes = fl.status == 304 ? 0 : fl.bytes;
  if (fl.status != 304) {
    TierCounters& counters = tier(fl, h);
    counters.bytes += bytes;
    if (fl.bodyHop == h) counters.hitBytes += bytes;
  }
  // Every answer of a REC or the shield passes here once (hit, refresh hit, miss or collapsed
  // follower): its tier's series counts it, a hit when the body came from this hop's cache.
  const bool fromHere = fl.bodyHop == h;
  const std::size_t series =
      fl.route->hops[h].role == TierRole::Shield ? shieldSeries_ : regionalSeries_;
  timeSeries_.add(queue_.now(), series,
                  IntervalCounters{1, fromHere && fl.status < 400 ? 1u : 0u,
                                   fl.status >= 400 ? 1u : 0u, bytes, fromHere ? 0 : bytes});
  if (fl.status >= 400) [[unlikely]] {
    timeSeries_.addError(queue_.now(), series, fl.status,
                         fl.generated != 0
                             ? static_cast<core::emit::DetailedResultType>(fl.generated - 1)
                             : core::emit::DetailedResultType::Error);
  }
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
  bg.profile = origin.profile;
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

void TieredSimulation::startErrorPageFetch(std::uint32_t f, std::size_t rule) {
  // DG/GeneratingCustomErrorResponses.html: the POP gets the page through the behaviour that
  // matches its path, as a request of its own (cached under that behaviour's TTLs).
  const std::uint64_t page = customPageObject_[rule];
  const ObjectInfo info = objects_[page];
  const std::uint32_t pop = flights_[f].route->hops[0].node;
  const std::uint32_t c = allocateFlight();  // may move the slab
  Flight& child = flights_[c];
  const Flight& parent = flights_[f];
  child.parent = f;
  child.sequence = parent.sequence;
  child.client = parent.client;
  child.object = page;
  child.key = info.key;
  child.bytes = info.bytes;
  child.profile = info.profile;
  child.behavior = info.behavior;
  child.route = &viewerRoute(pop, info.behavior, core::config::RequestMethod::Get);
  child.start = queue_.now();
  child.popArrival = queue_.now();
  ++summary_.viewerCustomErrorPages;
  arriveAt(c);
}

void TieredSimulation::resumeAfterErrorPage(std::uint32_t c) {
  const Flight child = flights_[c];
  releaseFlight(c);
  Flight& fl = flights_[child.parent];
  const auto* rule = customErrorFor(fl.status);
  fl.customPage = true;
  fl.errorStatus = fl.status;
  fl.errorGenerated = fl.generated;
  // DG/GeneratingCustomErrorResponses.html: a page that cannot be had yields the status its
  // origin answered.
  fl.viewerStatus = child.status == 200 && rule != nullptr && rule->responseCode
                        ? static_cast<std::uint16_t>(*rule->responseCode)
                        : child.status;
  fl.status = child.status;
  fl.generated = child.generated;
  fl.pageObject = child.object;
  fl.bytes = child.bytes;
  fl.version = child.version;
  fl.origin = child.origin;
  fl.profile = child.profile;
  fl.date = child.date;
  fl.age = child.age;
  fl.bodyHop = child.bodyHop;
  fl.bodyRefreshed = child.bodyRefreshed;
  deliver(child.parent);
}

void TieredSimulation::deliver(std::uint32_t f) {
  if (flights_[f].parent != kNoFlight) [[unlikely]] {  // a custom error page is back at the POP
    resumeAfterErrorPage(f);
    return;
  }
  if (flights_[f].status >= 400 && !flights_[f].customPage && !customPageObject_.empty())
      [[unlikely]] {
    const int status = flights_[f].status;
    for (std::size_t r = 0; r < topology_.customErrorResponses.size(); ++r) {
      if (topology_.customErrorResponses[r].errorCode == status &&
          customPageObject_[r] != UINT64_MAX) {
        startErrorPageFetch(f, r);
        return;
      }
    }
  }
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
  in.status = fl.customPage ? fl.errorStatus : fl.status;
  in.generatedError = fl.customPage ? fl.errorGenerated : fl.generated;
  in.customErrorPage = fl.customPage;
  in.staleOnError = fl.staleOnError;
  const auto result = core::node::viewerResult(in);
  // The viewer asked unconditionally: a 304 the POP got for its own revalidation is a 200 to it.
  const int answerStatus = fl.status == 304 ? 200 : fl.status;
  const int viewerStatus = fl.viewerStatus != 0 ? fl.viewerStatus : answerStatus;
  const bool error = result.outcome.result == core::emit::EdgeResultType::Error;
  switch (result.outcome.result) {
    case core::emit::EdgeResultType::Hit: ++summary_.viewerHits; break;
    case core::emit::EdgeResultType::RefreshHit: ++summary_.viewerRefreshHits; break;
    case core::emit::EdgeResultType::Miss: ++summary_.viewerMisses; break;
    default: ++summary_.viewerErrors; break;
  }
  if (error) [[unlikely]] {
    summary_.viewerErrorTally.add(viewerStatus, result.outcome.detailed);
    timeSeries_.addError(end, 0, viewerStatus, result.outcome.detailed);
    timeSeries_.addError(end, 1 + pop, viewerStatus, result.outcome.detailed);
  }
  if (fl.staleOnError) [[unlikely]] {
    ++summary_.viewerStaleOnError;
    timeSeries_.addStaleOnError(end, 0);
    timeSeries_.addStaleOnError(end, 1 + pop);
  }

  const Duration total = end - fl.start;
  const Duration toFirstByte = firstByte - fl.start;
  summary_.pops[pop].latency.record(total, toFirstByte);
  summary_.byLayer[static_cast<std::size_t>(in.answeredBy)].record(total, toFirstByte);
  IntervalCounters delta{1, fromEdge && !error ? 1u : 0u, error ? 1u : 0u, bytes,
                         fromEdge ? 0 : bytes};
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
    ex.status = viewerStatus;  // the viewer asked unconditionally
    ex.bodyBytes = bytes;
    ex.version = fl.version;
    ex.origin = fl.origin;
    ex.originDate = fl.date;
    ex.outcome = result.outcome;
    ex.answeredBy = in.answeredBy;
    ex.hitLayer = result.hitLayer;
    if (result.statesAge) ex.age = fl.age;
    ex.answerStatus = answerStatus;
    ex.generatedError = fl.generated;
    ex.customErrorPage = fl.customPage;
    ex.errorStatus = fl.errorStatus;
    ex.answerObject = fl.customPage ? fl.pageObject : fl.object;
    ex.staleOnError = fl.staleOnError;
    if (fl.replayed) ex.request = &replayRequests_[f];
    observer_->onViewerExchange(ex);
  }
  releaseFlight(f);
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

TimePoint TieredSimulation::lastModified(std::uint64_t object, std::uint32_t version) const {
  if (version <= 1 || versionWritten_.empty()) return scenario_.start;
  const auto it = versionWritten_.find({object, version});
  return it != versionWritten_.end() ? it->second : scenario_.start;
}

// Hooks for scheduled events (sim/faults/): they change state when an event fires, so the
// per-request path checks no event list.

void TieredSimulation::deploy(std::uint64_t object, std::optional<std::uint64_t> newBytes) {
  auto& info = objects_[object];
  if (newBytes && *newBytes != info.bytes) replacedSizes_[{object, info.version}] = info.bytes;
  ++info.version;
  versionWritten_[{object, info.version}] = queue_.now();  // its Last-Modified
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
