#pragma once
// One request in flight through the tier chain (TieredSimulation's slab of Flight records, recycled
// through a free list), and what the files of sim/run/ share about it. Internal to sim/run/.

#include <array>
#include <cstdint>
#include <string_view>

#include "core/node/cache_node.h"
#include "sim/run/tiered_simulation.h"

namespace cdnsim::sim {

using core::Duration;
using core::TimePoint;
using core::node::FetchRole;
using core::node::LookupOutcome;

constexpr std::uint32_t kNoFlight = UINT32_MAX;
// The hop index that stands for the origin in Flight::bodyHop.
constexpr std::uint8_t kOriginHop = Route::kMaxHops;
constexpr std::uint8_t kNoHop = 0xFF;

// Methods as viewOf() hands them to the nodes.
inline std::string_view methodName(core::config::RequestMethod m) { return core::config::toString(m); }
inline bool cachedMethod(core::config::RequestMethod m) {
  return m == core::config::RequestMethod::Get || m == core::config::RequestMethod::Head;
}

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

// The slab: a flight's index stays valid while it is in flight; the vector may move.
inline std::uint32_t TieredSimulation::allocateFlight() {
  if (!freeFlights_.empty()) {
    const std::uint32_t f = freeFlights_.back();
    freeFlights_.pop_back();
    flights_[f] = Flight{};
    return f;
  }
  flights_.emplace_back();
  return static_cast<std::uint32_t>(flights_.size() - 1);
}

inline void TieredSimulation::releaseFlight(std::uint32_t flight) { freeFlights_.push_back(flight); }

}  // namespace cdnsim::sim
