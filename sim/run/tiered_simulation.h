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
#include "core/origin/origin_condition.h"
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

  std::uint32_t allocateFlight();
  void releaseFlight(std::uint32_t flight);
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
    std::uint32_t behavior = 0;     // index into the world's behaviours
    std::uint32_t version = 1;      // the version the origin holds now (a deploy bumps it)
  };
  std::vector<ObjectInfo> objects_;  // per catalogue object (24 bytes each)
  // The body size of a version a deploy replaced with one of another size, by (object, version):
  // a cached copy of the old version still has the old size. Empty unless deploys set sizes.
  std::map<std::pair<std::uint64_t, std::uint32_t>, std::uint64_t> replacedSizes_;
  std::uint64_t bytesOf(std::uint64_t object, std::uint32_t version) const;
  bool originHasValidator_ = true;

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
