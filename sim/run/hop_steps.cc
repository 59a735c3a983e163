// The steps every caching hop runs (see tiered_simulation.h): arrive and look up, forward up (or
// wait for another request's fetch), the plain origin's fast answer, take the answer, answer the
// waiters, reply down. The hot path: keep what it calls often in this file or in flight.h.
#include "sim/run/tiered_simulation.h"

#include "core/cache/ttl.h"
#include "core/origin/origin_answer.h"
#include "core/origin/s3_origin.h"
#include "sim/run/flight.h"

namespace cdnsim::sim {

namespace {

// The Age a cache states for a copy: whole seconds (RFC 9111 §5.1).
Duration statedAge(Duration currentAge) {
  return core::seconds(core::cache::ageHeaderSeconds(currentAge));
}

}  // namespace

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

const Route& TieredSimulation::viewerRoute(std::uint32_t pop, std::uint32_t behavior,
                                           core::config::RequestMethod method) const {
  // core/routing/tier_plan.h decided which layers each kind of method crosses.
  const bool cached = cachedMethod(method);
  return popRecDown_[pop] != 0 && cached ? world_.routeWithoutRec(pop, behavior)
                                         : world_.route(pop, behavior, cached);
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
    queue_.scheduleOn(routeLanes_[fl.route->id].leg[h], arriveStep_, f);
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
  queue_.scheduleOn(routeLanes_[fl.route->id].originTrip, answerStep_, f);
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
  queue_.scheduleOn(routeLanes_[fl.route->id].leg[h - 1], answerStep_, f);
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

}  // namespace cdnsim::sim
