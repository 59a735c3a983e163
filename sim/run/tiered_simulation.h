#pragma once
// The tiered CDN on a virtual clock. Every viewer request is a chain of events:
//
//   arrival ─► POP lookup ─┬─ Hit ───────────────────────────────────────────────► delivered
//                          └─ miss/expired ─► REC lookup ─┬─ Hit ─► back at POP ─► delivered
//                                                         └─ miss ─► origin ─► back at REC ─► ...
//
// The origin holds no state, so a REC's miss is one event (the answer back at the REC), and a
// request nobody observes is tallied when its first byte leaves the POP (every tally is a sum):
// a POP hit costs two events (arrival, POP lookup), a trip to the origin five; with an observer,
// one more, the delivery, so that it sees requests in completion order.
//
// Each hop costs its one-way latency (sim/network/latency_model.h); the origin adds its
// first-byte latency; the body's transfer time is added once on the last leg (the tiers stream
// the body through rather than store-and-forward it). Caches take an answer when it reaches them,
// so two requests for one object in flight at once both miss (request collapsing is not modelled
// yet). Every decision (lookup, TTL, store, refresh) is core/node/CacheNode's.
//
// Requests in flight live in a slab of Flight records recycled through a free list: after warm-up
// a request allocates nothing.

#include <cstdint>
#include <memory>
#include <vector>

#include "core/cache/cache_policy.h"
#include "core/cache/cacheability.h"
#include "core/cache/ttl.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "core/node/cache_node.h"
#include "sim/events/event_queue.h"
#include "sim/metrics/time_series.h"
#include "sim/network/latency_model.h"
#include "sim/random/distributions.h"
#include "sim/random/rng.h"
#include "sim/report/run_summary.h"
#include "sim/run/viewer_exchange.h"
#include "sim/workload/catalogue.h"

namespace cdnsim::sim {

class TieredSimulation {
 public:
  // Builds the world: caches, routes, latencies, the catalogue. Configs must have been validated
  // by their loaders.
  // `interval` is the width of one row of the time series.
  TieredSimulation(const core::config::ScenarioConfig& scenario,
                   const core::config::TopologyConfig& topology,
                   core::Duration interval = std::chrono::seconds(60));
  ~TieredSimulation();

  // Runs the whole scenario; `observer` (may be null) sees every finished viewer request in
  // completion order.
  void run(ExchangeObserver* observer);

  const RunSummary& summary() const { return summary_; }
  // Per interval: series "edge" (every viewer request), one per POP code, and "origin".
  const TimeSeries& timeSeries() const { return timeSeries_; }
  const Catalogue& catalogue() const { return catalogue_; }
  const core::config::TopologyConfig& topology() const { return topology_; }
  const core::config::ScenarioConfig& scenario() const { return scenario_; }

 private:
  struct Flight;
  struct Behavior {
    core::cache::CachePolicyConfig policy;
    core::cache::CacheabilitySettings settings;  // TTLs and what the behaviour forwards
    std::uint32_t origin = 0;
  };

  void scheduleArrival(std::uint32_t client);
  void onArrival(std::uint32_t client);
  void onPopArrival(std::uint32_t flight);
  void onRecArrival(std::uint32_t flight);
  void onBackAtRec(std::uint32_t flight);
  void onBackAtPop(std::uint32_t flight);
  // The first byte leaves the POP for the viewer at now(): accounts for the request at once, or,
  // when an observer watches, at the first byte's arrival so that it sees completion order.
  void deliver(std::uint32_t flight);
  void onDelivered(std::uint32_t flight, core::TimePoint firstByte);

  std::uint32_t allocateFlight();
  void releaseFlight(std::uint32_t flight);
  // stale-while-revalidate: a copy of flight `from` refreshes the POP's (or the REC's) copy.
  void startBackgroundRefresh(std::uint32_t from, bool atPop);
  // The REC asks the origin; the origin holds no state, so its answer is computed at once and
  // only its arrival back at the REC is an event.
  void sendToOrigin(std::uint32_t flight);
  void answerPop(std::uint32_t flight, bool bodyFromRecCache);
  // The answer on the flight's current leg reaches `cache`, which asked for it at `asked`: a 304
  // refreshes its copy, a 200 replaces it. Returns the copy the cache now holds, if any.
  const core::node::StoredResponse* takeAnswer(core::node::CacheNode& cache, const Flight& flight,
                                               core::TimePoint asked);

  core::config::ScenarioConfig scenario_;
  core::config::TopologyConfig topology_;
  LatencyModel latency_;
  Catalogue catalogue_;
  std::vector<Behavior> behaviors_;
  // Everything a request needs to know about its object, in one place: one cache line to fetch
  // instead of three arrays (the catalogue is far larger than the CPU caches).
  struct ObjectInfo {
    core::store::ObjectId key = 0;  // cache key hash
    std::uint64_t bytes = 0;        // body size (a copy of the catalogue's)
    std::uint32_t behavior = 0;     // index into behaviors_
  };
  std::vector<ObjectInfo> objects_;  // per catalogue object (24 bytes each)
  core::cache::ResponseFreshnessInput originFreshness_;  // the catalogue's caching headers, parsed
  bool originHasValidator_ = true;

  std::vector<std::unique_ptr<core::node::CacheNode>> popCaches_;
  std::vector<std::unique_ptr<core::node::CacheNode>> recCaches_;
  std::vector<std::uint32_t> popRec_;              // each POP's regional edge cache
  std::vector<core::Duration> popToRec_;           // one-way
  std::vector<core::Duration> recToOrigin_;        // [rec * origins + origin], one-way
  std::vector<std::uint32_t> clientPop_;           // DNS: the nearest POP of each population
  std::vector<core::Duration> clientToPop_;        // one-way to that POP

  std::vector<Rng> clientRngs_;
  std::vector<Exponential> interArrival_;
  ZipfSampler popularity_;
  std::uint64_t generated_ = 0;

  EventQueue queue_;
  std::vector<Flight> flights_;
  std::vector<std::uint32_t> freeFlights_;
  ExchangeObserver* observer_ = nullptr;
  RunSummary summary_;
  TimeSeries timeSeries_;
  std::size_t originSeries_ = 0;
};

}  // namespace cdnsim::sim
