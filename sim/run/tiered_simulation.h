#pragma once
// The tiered CDN on a virtual clock. A request walks its route (sim/world/world.h): the POP, then
// the regional edge cache and the origin shield when the route has them, then the origin. Every
// caching hop runs the same steps, whatever its role:
//
//   arrive ─► look up ─┬─ served from cache ────────────────────────► reply down
//                      └─ miss / expired / bypass ─► join the fetch ─┬─ leader or alone ─► forward up
//                                                                    └─ follower ─► wait
//   answer from above ─► take it (store / refresh) ─► answer the waiters ─► reply down
//
// "Reply down" hands the answer to the hop below (which takes it in turn) or, at the POP, delivers
// it to the viewer. Each leg costs its one-way latency; the origin adds its first-byte latency; the
// body's transfer time is added once on the last leg (the tiers stream the body through). Every
// decision (lookup, collapsing, TTL, store, refresh, the 304s, the viewer's result type) is
// core/'s; this file only moves requests and time, and counts.
//
// Requests in flight live in a slab of Flight records recycled through a free list: after warm-up
// a request allocates nothing.
//
// Origins (core/origin/): the hop that reaches the origin asks its model (S3-like bucket or custom
// server, each reading the origin's current condition and the object's current version) through
// CloudFront's connection attempts and timeouts (core/origin/origin_fetch.h), fails over to an
// origin group's secondary (core/origin/failover.h), and turns a fetch that got no answer into the
// 502/504 CloudFront generates. Errors travel down like any answer; every cache takes them through
// core/node's error path (cached errors, stale on error). At the POP a custom error response may
// replace the error with a page, fetched through the page's own behaviour as a request of its own.
// A plain S3 origin answering a held object keeps the fast path (a constant-delay lane, no draws).
//
// The files of sim/run/, one job each:
//   tiered_simulation.cc      building the world (objects, caches, lanes) and run()
//   flight.h                  the record of a request in flight, its slab (internal)
//   request_sources.cc        arrivals: the workload's sources or a replayed log
//   hop_steps.cc              the per-hop steps above, and the plain origin's fast answer (hot path)
//   answer_profiles.cc        what each origin sends (AnswerProfile) and the answer's caching headers
//   origin_exchange.cc        the slow origin path: attempts, timeouts, failover, error body sizes
//   custom_error_pages.cc     a custom error response's page, fetched at the POP
//   viewer_delivery.cc        the answer reaching the viewer: result type, tallies, the observer
//   scheduled_event_hooks.cc  deploys, invalidations, POPs and RECs going down (sim/faults/)

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/cache/ttl.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "core/node/cache_node.h"
#include "core/origin/concurrency_limit.h"
#include "core/origin/origin_condition.h"
#include "core/origin/path_rules.h"
#include "sim/events/event_queue.h"
#include "sim/metrics/time_series.h"
#include "sim/random/distributions.h"
#include "sim/random/rng.h"
#include "sim/report/run_summary.h"
#include "sim/run/viewer_exchange.h"
#include "sim/workload/catalogue.h"
#include "sim/workload/workload.h"
#include "sim/world/world.h"

namespace cdnsim::sim {

namespace replay {
class ReplayArrivals;
}

// What an origin sends for a group of its paths (its default, its missing keys, each `paths:`
// rule), derived once from the topology and the catalogue.
struct AnswerProfile {
  std::uint16_t origin = 0;
  bool held = true;                        // the origin holds these keys
  std::uint16_t ruleStatus = 0;            // a custom origin's rule status (0: none)
  std::optional<std::uint64_t> size;       // body size of non-catalogue objects and rule answers
  std::string cacheControl;                // "" = none
  std::optional<std::string> expires;      // an HTTP-date
  std::string contentType;
  bool hasValidator = true;                // the origin sends ETag and/or Last-Modified
  const core::origin::PathRule* rule = nullptr;  // extra header fields, when from a rule
  // Its own Cache-Control/Expires (a rule's, or an object outside the catalogue); else a catalogue
  // object's answer has its object group's (Workload::freshnessFor).
  bool ownHeaders = false;
  core::cache::ResponseFreshnessInput freshness;  // Cache-Control and Expires, parsed
};

// The run's time series, in order: "edge" (every viewer request), each POP's code, "regional"
// (answers of the RECs in their regional role; when the topology has RECs), "shield" (answers of
// the origin shield tier; when an origin has one) and "origin": timeseries.csv's `series` column.
std::vector<std::string> timeSeriesNames(const core::config::TopologyConfig& topology);

class TieredSimulation {
 public:
  // Builds the world: caches, routes, latencies, the catalogue. Configs must have been validated
  // by their loaders. `interval` is the width of one row of the time series.
  TieredSimulation(const core::config::ScenarioConfig& scenario,
                   const core::config::TopologyConfig& topology,
                   core::Duration interval = std::chrono::seconds(60));
  ~TieredSimulation();

  // Runs the whole scenario; `observer` (may be null) sees every finished viewer request in
  // completion order.
  void run(ExchangeObserver* observer);

  // Progress for meters (tools/cdnsim/progress_meter.h): `callback(context, generated)` runs on
  // the run's thread every kProgressEvery viewer requests generated, and once at the end with
  // scenario().requests. Costs one test of the request counter per request.
  using ProgressCallback = void (*)(void* context, std::uint64_t generated);
  static constexpr std::uint64_t kProgressEvery = 1 << 16;
  void setProgress(ProgressCallback callback, void* context) {
    progress_ = callback;
    progressContext_ = context;
  }

  const RunSummary& summary() const { return summary_; }
  // Per interval, the series timeSeriesNames() lists.
  const TimeSeries& timeSeries() const { return timeSeries_; }
  const Catalogue& catalogue() const { return workload_.catalogue(); }
  const Workload& workload() const { return workload_; }
  const core::config::TopologyConfig& topology() const { return topology_; }
  const core::config::ScenarioConfig& scenario() const { return scenario_; }
  const World& world() const { return world_; }
  // A node's cache (POP i is node i, REC r is node pops + r), for tests and reports.
  const core::node::CacheNode& node(std::uint32_t n) const { return *nodes_[n]; }

  // What scheduled events (sim/faults/) change while the run goes on. An origin's condition is
  // read whenever it answers; an object's version is what its origin currently holds.
  core::origin::OriginCondition& originCondition(std::uint16_t origin) {
    return originConditions_[origin];
  }
  std::uint32_t objectVersion(std::uint64_t object) const { return objects_[object].version; }
  // When the origin got `version` of `object` (its Last-Modified): the scenario's start for the
  // first version, a deploy's time for later ones.
  core::TimePoint lastModified(std::uint64_t object, std::uint32_t version) const;
  // Objects: the catalogue's, then the missing keys viewers ask for, then custom error pages.
  std::uint64_t objectCount() const { return objects_.size(); }
  void appendPath(std::uint64_t object, std::string& out) const;
  // What `origin` sends for `object` (its path rule).
  const AnswerProfile& profileFor(std::uint64_t object, std::uint16_t origin) const {
    return profiles_[profileIndex(object, origin)];
  }
  std::uint64_t objectBytes(std::uint64_t object) const { return objects_[object].bytes; }
  // A deploy: the origin holds a new version of `object` (a new ETag), of `newBytes` if given.
  void deploy(std::uint64_t object, std::optional<std::uint64_t> newBytes);
  // Removes `object`'s copy from every cache; returns how many copies were removed.
  std::uint64_t invalidate(std::uint64_t object);
  // Takes POP `pop` out of DNS (or back): viewers are sent to the nearest POP that is up. Requests
  // that have reached a POP finish where they are. Its cache is kept.
  void setPopDown(std::uint32_t pop, bool down);
  // Takes regional edge cache `rec` out (or back): the POPs behind it send GET/HEAD to the next
  // layer up (the shield, else the origin). Requests already past the POP finish where they are.
  void setRecDown(std::uint32_t rec, bool down);
  RunSummary& mutableSummary() { return summary_; }
  EventQueue& queue() { return queue_; }

 private:
  struct Flight;

  // Arrivals come from the workload's sources (client populations, flash crowds).
  void scheduleArrival(std::uint32_t source);
  void onArrival(std::uint32_t source);
  // Or from a replayed log (sim/replay/), when the scenario has `replay:`.
  void scheduleReplay();
  void onReplayArrival();
  // The flight reaches the hop it is at (flight.hop) and looks its object up there.
  void arriveAt(std::uint32_t flight);
  // The hop sends the request upstream unless a fetch it may wait for is in flight.
  void forwardUp(std::uint32_t flight, bool mayCollapse);
  void sendUp(std::uint32_t flight);
  // The origin answers at once (it holds no state); only its arrival back is an event.
  void atOrigin(std::uint32_t flight);
  // The upstream answer reaches the flight's hop.
  void answerAt(std::uint32_t flight);
  // The hop's answer goes one hop down, or to the viewer from the POP.
  void replyDown(std::uint32_t flight);
  // Followers that waited at the flight's hop get its answer (or go upstream themselves).
  void answerWaiters(std::uint32_t flight, bool servesWaiters);
  // stale-while-revalidate: the flight's hop refreshes its copy; no viewer waits for it.
  void startBackgroundRefresh(std::uint32_t from);
  // The first byte leaves the POP for the viewer at now(): accounts for the request at once, or,
  // when an observer watches, at the first byte's arrival so that it sees completion order.
  void deliver(std::uint32_t flight);
  void onDelivered(std::uint32_t flight, core::TimePoint firstByte);
  // The event queue's prefetcher (EventQueue::setPrefetcher): an event `distance` ahead is a
  // lookup or an answer for flight `hint` at its current hop. Two events ahead it starts loading
  // the flight's record; one event ahead (the record has arrived) that node's index bucket.
  static void prefetchFlight(void* self, std::uint32_t hint, int distance);

  inline std::uint32_t allocateFlight();  // inline: sim/run/flight.h
  std::uint32_t newViewerFlight();
  inline void releaseFlight(std::uint32_t flight);

  // ---- origins and errors ----
  struct Exchange;
  // The fetch from one origin (attempts, timeouts, the model's answer), starting at `t0` from a node
  // `oneWay` away. `origin` may be a group's secondary.
  Exchange exchangeWith(std::uint32_t flight, std::uint16_t origin, core::Duration oneWay,
                        core::TimePoint t0);
  // The slow path of atOrigin(): anything but a plain S3 origin answering a held object.
  void originExchange(std::uint32_t flight);
  // Per origin: its state (random stream, concurrency limit) and its profiles, into profiles_.
  void buildAnswerProfiles();
  std::uint16_t profileIndex(std::uint64_t object, std::uint16_t origin) const;
  // Body sizes of error answers: the origin's error document, CloudFront's error page.
  std::uint64_t originErrorBytes(std::uint64_t object, std::uint16_t origin, int status) const;
  std::uint64_t generatedErrorBytes(int status, std::uint8_t generated) const;
  // The answer's caching headers as a cache stores them (a rule answer keeps its rule's).
  core::cache::ResponseFreshnessInput freshnessOf(const Flight& flight) const;
  const core::cache::CustomErrorResponse* customErrorFor(int status) const;
  // An error answer (status, who made it) goes on `counters` and the flight's error tally.
  static void countError(TierCounters& counters, int status, std::uint8_t generated);
  // At the POP: a custom error response's page replaces the error (a child flight fetches it).
  void startErrorPageFetch(std::uint32_t flight, std::size_t rule);
  void resumeAfterErrorPage(std::uint32_t child);
  // The route a viewer request of `method` takes from `pop` (past a down REC when its POP's is).
  const Route& viewerRoute(std::uint32_t pop, std::uint32_t behavior,
                           core::config::RequestMethod method) const;
  core::node::RequestView viewOf(const Flight& flight) const;
  TierCounters& tier(const Flight& flight, std::uint8_t hop);

  core::config::ScenarioConfig scenario_;
  core::config::TopologyConfig topology_;
  World world_;
  Workload workload_;
  std::unique_ptr<replay::ReplayArrivals> replay_;       // null unless the scenario replays a log
  std::vector<core::http::Request> replayRequests_;      // per flight, the logged request (observers)
  // Everything a request needs to know about its object, in one place: one cache line to fetch
  // instead of three arrays (the catalogue is far larger than the CPU caches).
  struct ObjectInfo {
    // The cache key hash; for an object whose requests vary in what enters its key, the hash's
    // state after the object's head, finished per request (Workload::objectKey).
    core::store::ObjectId key = 0;
    std::uint64_t bytes = 0;        // body size (a copy of the catalogue's)
    std::uint16_t behavior = 0;     // index into the world's behaviours
    std::uint16_t profile = 0;      // what its behaviour's origin sends for it (profiles_)
    std::uint32_t version = 1;      // the version the origin holds now (a deploy bumps it)
  };
  std::vector<ObjectInfo> objects_;  // per object (24 bytes each)
  std::uint64_t catalogueObjects_ = 0;  // objects_ [0, this) are the catalogue's
  std::uint64_t missingObjects_ = 0;    // then these missing keys, then the error pages
  std::vector<std::string> pagePaths_;  // per error page object
  std::vector<std::uint64_t> customPageObject_;  // per custom error response: its page's object
  std::optional<ZipfSampler> missingPopularity_;
  Rng missingRng_{0};  // whether a request asks for a missing key, and which
  std::vector<AnswerProfile> profiles_;
  struct OriginState {
    Rng rng{0};
    std::optional<core::origin::ConcurrencyLimit> limit;
    std::uint16_t defaultProfile = 0, missingProfile = 0, firstRuleProfile = 0;
    bool plain = false;  // S3 without error rates: its answers need no draw
  };
  std::vector<OriginState> originStates_;
  core::cache::ResponseFreshnessInput noHeaders_{};
  // Last-Modified of versions written by deploys, by (object, version).
  std::map<std::pair<std::uint64_t, std::uint32_t>, core::TimePoint> versionWritten_;
  mutable std::string pathScratch_;  // reused on error paths (S3 error keys, rule matching)
  mutable std::string pageScratch_;
  // The body size of a version a deploy replaced with one of another size, by (object, version):
  // a cached copy of the old version still has the old size. Empty unless deploys set sizes.
  std::map<std::pair<std::uint64_t, std::uint32_t>, std::uint64_t> replacedSizes_;
  std::uint64_t bytesOf(std::uint64_t object, std::uint32_t version) const;

  std::vector<core::origin::OriginCondition> originConditions_;  // per topology origin
  std::vector<std::unique_ptr<core::node::CacheNode>> nodes_;
  // Event lanes (sim/events/event_queue.h) for the run's constant delays: each client's leg to its
  // POP, each route's legs, and each route's origin round trip (two legs and the origin's
  // first-byte latency).
  struct RouteLanes {
    std::array<LaneId, Route::kMaxHops> leg{};
    LaneId originTrip{};
  };
  std::vector<LaneId> clientLanes_;
  // DNS's current POP per client (World's nearest, unless a POP is down) and POP health.
  std::vector<std::uint32_t> clientPop_;
  std::vector<core::Duration> clientToPop_;
  std::vector<bool> popUp_;
  std::vector<std::uint8_t> popRecDown_;  // per POP: its REC is down
  std::vector<RouteLanes> routeLanes_;

  std::uint64_t generated_ = 0;

  EventQueue queue_;
  EventQueue::HandlerId arriveStep_, answerStep_, deliveredStep_;  // arriveAt, answerAt, onDelivered
  std::vector<Flight> flights_;
  std::vector<std::uint32_t> freeFlights_;
  std::vector<std::uint32_t> waiters_;  // reused by answerWaiters
  ExchangeObserver* observer_ = nullptr;
  ProgressCallback progress_ = nullptr;
  void* progressContext_ = nullptr;
  RunSummary summary_;
  TimeSeries timeSeries_;
  std::size_t regionalSeries_ = 0;  // meaningful only when the topology has RECs
  std::size_t shieldSeries_ = 0;    // likewise, with a shield tier
  std::size_t originSeries_ = 0;
};

}  // namespace cdnsim::sim
