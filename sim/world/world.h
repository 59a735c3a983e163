#pragma once
// The CDN as the simulator walks it, built once from a topology and a scenario: the caching nodes,
// each behaviour's settings and origin, the DNS choice of POP for each client population, and for
// every (POP, behaviour, kind of method) the route a request takes through the tiers with the
// one-way latency of each leg. Routes are data: a POP without a regional edge cache, a skipped
// REC, an origin shield are just shorter or longer hop lists (core/routing/tier_plan.h decides).
//
// Nodes: POP i is node i; regional edge cache r is node pops + r. A REC in an origin's shield
// Region also plays the shield for that origin (DG/origin-shield.html).

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/cache/cache_policy.h"
#include "core/cache/cacheability.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "core/emit/result_type.h"
#include "core/routing/tier_plan.h"
#include "core/time.h"
#include "sim/network/geo.h"
#include "sim/network/latency_model.h"

namespace cdnsim::sim {

// The part a caching node plays on one route.
enum class TierRole : std::uint8_t { Edge, Regional, Shield };
inline constexpr std::size_t kTierRoleCount = 3;
core::emit::HitLayer hitLayerOf(TierRole role);

struct Hop {
  std::uint32_t node = 0;
  TierRole role = TierRole::Edge;
};

// The caching layers a request crosses, POP first, and the one-way latency up from each.
struct Route {
  static constexpr std::size_t kMaxHops = 3;  // POP, REC, shield
  std::array<Hop, kMaxHops> hops{};
  std::array<core::Duration, kMaxHops> upLeg{};  // hops[i] -> hops[i + 1], the last -> origin
  std::uint8_t count = 1;
  std::uint16_t origin = 0;
  std::uint32_t id = 0;  // its index among the world's routes, for per-route data of a runtime
  core::routing::TierPlan plan{};
};

struct WorldBehavior {
  core::cache::CachePolicyConfig policy;
  core::cache::CacheabilitySettings settings;  // TTLs and what the behaviour forwards
  // The origin requests go to: the behaviour's origin, or its origin group's primary (the route
  // through the tiers is the primary's: its shield, its Region).
  std::uint16_t origin = 0;
  // An origin group's secondary and failover codes (DG/high_availability_origin_failover.html).
  std::optional<std::uint16_t> secondary;
  std::vector<std::uint16_t> failoverCodes;
  bool dynamic = false;  // judged dynamic at request time: its policy caches nothing
};

class World {
 public:
  // Configs must have been validated by their loaders.
  World(const core::config::TopologyConfig& topology, const core::config::ScenarioConfig& scenario);

  std::size_t popCount() const { return popCount_; }
  std::size_t nodeCount() const { return nodeConfigs_.size(); }
  const core::config::CacheConfig& nodeCache(std::uint32_t node) const { return nodeConfigs_[node]; }
  // RECs that act as origin shield for at least one origin.
  std::size_t shieldCount() const { return shieldCount_; }
  std::size_t clientCount() const { return clientPop_.size(); }
  const std::vector<Route>& routes() const { return routes_; }

  const std::vector<WorldBehavior>& behaviors() const { return behaviors_; }
  // The route for a request at `pop` matched to `behavior`; `cachedMethod` for GET and HEAD
  // (the methods a REC serves: DG/HowCloudFrontWorks.html).
  const Route& route(std::uint32_t pop, std::uint32_t behavior, bool cachedMethod) const {
    return routes_[(pop * behaviors_.size() + behavior) * kRoutesPerPair + (cachedMethod ? 0 : 1)];
  }
  // The route of a GET or HEAD while the POP's regional edge cache is down: the POP goes to the
  // next layer up (the shield, else the origin), as it does for requests that skip the REC.
  const Route& routeWithoutRec(std::uint32_t pop, std::uint32_t behavior) const {
    return routes_[(pop * behaviors_.size() + behavior) * kRoutesPerPair + 2];
  }
  std::uint32_t clientPop(std::uint32_t client) const { return clientPop_[client]; }
  core::Duration clientToPop(std::uint32_t client) const { return clientToPop_[client]; }
  const LatencyModel& latency() const { return latency_; }
  // One-way latency from caching node `node` to origin `origin` (an origin group's secondary is not
  // on any route: the layer that fails over reaches it from where it is).
  core::Duration nodeToOrigin(std::uint32_t node, std::uint16_t origin) const {
    return latency_.oneWay(nodePoints_[node], originPoints_[origin]);
  }
  // DNS's choice for a client when only the POPs with `popUp[i]` serve
  // (core/routing/pop_choice.h): the POP and the one-way latency to it; nullopt if none is up.
  struct PopChoice {
    std::uint32_t pop = 0;
    core::Duration oneWay{0};
  };
  std::optional<PopChoice> choosePop(std::uint32_t client, std::span<const bool> popUp) const;

 private:
  // Per (POP, behaviour): GET/HEAD, other methods, GET/HEAD with the REC down.
  static constexpr std::size_t kRoutesPerPair = 3;
  Route buildRoute(const core::config::TopologyConfig& topology, std::uint32_t pop,
                   const WorldBehavior& behavior, std::string_view method,
                   bool recDown = false) const;

  LatencyModel latency_;
  std::size_t popCount_ = 0;
  std::size_t shieldCount_ = 0;
  std::vector<core::config::CacheConfig> nodeConfigs_;
  std::vector<GeoPoint> nodePoints_;
  std::vector<GeoPoint> originPoints_;
  std::vector<WorldBehavior> behaviors_;
  std::vector<Route> routes_;
  std::vector<GeoPoint> clientPoints_;
  std::vector<std::uint32_t> clientPop_;
  std::vector<core::Duration> clientToPop_;
};

}  // namespace cdnsim::sim
