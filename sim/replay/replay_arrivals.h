#pragma once
// A replayed log as the simulator's arrival source (the other source is sim/workload/): for each
// logged request, in time order (sim/replay/time_ordered_merge.h), when it arrives, from which
// client, for which object and under which cache key.
//
// - Time: the logged time relative to the log's first request, times `time_scale`, from the
//   scenario's start.
// - Where: with routing `logged`, at the POP whose code is the line's x-edge-location (lines at a
//   code the topology lacks are counted and not replayed); the simulator gives each POP a client
//   at its own place (replayClients()). With routing `dns`, from a client population: the one
//   `client_locations` maps the line's c-ip or x-edge-location to (longest prefix), else its
//   `default:`, else one drawn by the populations' weights (a seeded stream); DNS then picks the
//   POP as for synthetic viewers.
// - What: the method (GET, HEAD, POST, OPTIONS; other methods replayed as POST and counted), the
//   behaviour matched by path, and the cache key of that behaviour's cache policy
//   (core/cache/cache_key.h) over host, path, query string, Cookie and User-Agent, so query
//   strings and cookies matter exactly as the policy says.
// - Objects are (host, path): an object's size is the sc-bytes (trace size) of its first request.
//   The object table grows with the distinct objects met (two 8-byte words per object in the index
//   plus the simulator's row); nothing else grows with the log's length.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "core/http/message.h"
#include "core/time.h"
#include "sim/random/distributions.h"
#include "sim/random/rng.h"
#include "sim/replay/time_ordered_merge.h"
#include "sim/report/run_summary.h"
#include "sim/world/world.h"

namespace cdnsim::sim::replay {

// The scenario the simulator builds its world from: with routing `logged`, one client per POP is
// added after the scenario's populations, at the POP's place (client populations + p is POP p).
core::config::ScenarioConfig replayClients(const core::config::ScenarioConfig& scenario,
                                           const core::config::TopologyConfig& topology);

class ReplayArrivals {
 public:
  // `scenario` as replayClients() returned it; `firstObject` is the first object index the replay
  // may use (the simulator's rows before it are the placeholder catalogue's). Opens the files
  // (throws core::config::ConfigError).
  ReplayArrivals(const core::config::ScenarioConfig& scenario,
                 const core::config::TopologyConfig& topology, const World& world,
                 std::uint64_t firstObject);

  // When the next request arrives; nullopt when the log is done. Reads ahead to it. Throws
  // core::config::ConfigError at a bad line with bad_lines: refuse.
  std::optional<core::TimePoint> nextTime();

  struct Arrival {
    std::uint32_t client = 0;
    std::uint64_t object = 0;
    bool newObject = false;  // first met: its row must be added (objects are numbered in order)
    std::uint64_t objectBytes = 0;
    std::uint32_t behavior = 0;
    std::uint64_t key = 0;
    core::config::RequestMethod method = core::config::RequestMethod::Get;
  };
  // The request nextTime() announced.
  Arrival take();
  // The viewer request of the arrival last taken, as logged (for observers).
  const core::http::Request& request() const { return request_; }

  const ReplayTally& tally() const { return tally_; }
  const TimeOrderedMerge& merge() const { return merge_; }

 private:
  std::optional<std::uint32_t> clientOf(const ReplayRequest& r);
  void onBad(const BadLine& bad);

  const core::config::ScenarioConfig& scenario_;
  const core::config::ReplayConfig& config_;
  const core::config::TopologyConfig& topology_;
  const World& world_;
  std::uint32_t populations_ = 0;  // real client populations; POP clients follow (logged)
  std::unordered_map<std::string, std::uint32_t> popByCode_;
  TimeOrderedMerge merge_;
  Rng clientRng_;
  WeightedChoice clientChoice_{{1.0}};
  std::optional<std::int64_t> firstTime_;
  std::uint64_t firstObject_ = 0;
  std::unordered_map<std::uint64_t, std::uint64_t> objectIndex_;  // (host, path) hash -> object
  std::optional<Arrival> pending_;
  std::optional<core::TimePoint> pendingAt_;
  core::http::Request request_;
  ReplayTally tally_;
};

}  // namespace cdnsim::sim::replay
