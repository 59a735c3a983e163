#include "sim/world/world.h"

#include "core/routing/behavior_match.h"
#include "core/routing/pop_choice.h"
#include "sim/network/geo.h"

namespace cdnsim::sim {

namespace {

GeoPoint toGeo(const core::config::GeoLocation& g) { return GeoPoint{g.latitudeDeg, g.longitudeDeg}; }

LatencyConfig toLatencyConfig(const core::config::NetworkConfig& n) {
  LatencyConfig c;
  c.base = n.baseLatency;
  c.kmPerMs = n.kmPerMs;
  c.bandwidthMbps = n.bandwidthMbps;
  return c;
}

}  // namespace

core::emit::HitLayer hitLayerOf(TierRole role) {
  switch (role) {
    case TierRole::Edge: return core::emit::HitLayer::Edge;
    case TierRole::Regional: return core::emit::HitLayer::RegionalEdgeCache;
    case TierRole::Shield: return core::emit::HitLayer::OriginShield;
  }
  return core::emit::HitLayer::Edge;
}

World::World(const core::config::TopologyConfig& topology,
             const core::config::ScenarioConfig& scenario)
    : latency_(toLatencyConfig(topology.network)), popCount_(topology.pops.size()) {
  for (const auto& pop : topology.pops) {
    nodeConfigs_.push_back(pop.cache);
    nodePoints_.push_back(toGeo(pop.location));
  }
  for (const auto& rec : topology.regionalEdgeCaches) {
    nodeConfigs_.push_back(rec.cache);
    nodePoints_.push_back(toGeo(rec.location));
  }
  std::vector<bool> shields(topology.regionalEdgeCaches.size(), false);
  for (const auto& origin : topology.origins) {
    originPoints_.push_back(toGeo(origin.location));
    if (!origin.originShield) continue;
    for (std::size_t r = 0; r < topology.regionalEdgeCaches.size(); ++r) {
      if (topology.regionalEdgeCaches[r].region == origin.originShield->region) shields[r] = true;
    }
  }
  for (const bool s : shields) shieldCount_ += s ? 1 : 0;

  for (const auto& b : topology.behaviors) {
    WorldBehavior behavior;
    behavior.policy = *topology.resolveCachePolicy(b.cachePolicy);
    behavior.settings.ttl = core::cache::TtlSettings{
        behavior.policy.minTtl, behavior.policy.defaultTtl, behavior.policy.maxTtl};
    behavior.settings.forwardCookies =
        behavior.policy.cookies.behavior != core::cache::KeyBehavior::None;
    const auto indexOf = [&topology](std::string_view name) {
      std::uint16_t index = 0;
      for (std::uint16_t o = 0; o < topology.origins.size(); ++o) {
        if (topology.origins[o].name == name) index = o;
      }
      return index;
    };
    if (const auto* group = topology.findOriginGroup(b.origin)) {
      behavior.origin = indexOf(group->primary);
      behavior.secondary = indexOf(group->secondary);
      behavior.failoverCodes = group->failoverStatusCodes;
    } else {
      behavior.origin = indexOf(b.origin);
    }
    behavior.dynamic = behavior.policy.cachingDisabled();
    behaviors_.push_back(std::move(behavior));
  }

  for (std::uint32_t p = 0; p < popCount_; ++p) {
    for (const auto& behavior : behaviors_) {
      routes_.push_back(buildRoute(topology, p, behavior, "GET"));
      routes_.back().id = static_cast<std::uint32_t>(routes_.size() - 1);
      routes_.push_back(buildRoute(topology, p, behavior, "POST"));
      routes_.back().id = static_cast<std::uint32_t>(routes_.size() - 1);
      routes_.push_back(buildRoute(topology, p, behavior, "GET", true));
      routes_.back().id = static_cast<std::uint32_t>(routes_.size() - 1);
    }
  }

  // DNS: each client population resolves to its nearest POP.
  const std::span<const GeoPoint> popPoints(nodePoints_.data(), popCount_);
  for (const auto& client : scenario.clients) {
    const GeoPoint where = toGeo(client.location);
    const auto nearest = static_cast<std::uint32_t>(*nearestIndex(where, popPoints));
    clientPoints_.push_back(where);
    clientPop_.push_back(nearest);
    clientToPop_.push_back(latency_.oneWay(where, popPoints[nearest]));
  }
}

std::optional<World::PopChoice> World::choosePop(std::uint32_t client,
                                                 std::span<const bool> popUp) const {
  std::vector<double> km(popCount_);
  for (std::size_t p = 0; p < popCount_; ++p) km[p] = greatCircleKm(clientPoints_[client], nodePoints_[p]);
  const auto pop = core::routing::choosePop(km, popUp);
  if (!pop) return std::nullopt;
  return PopChoice{*pop, latency_.oneWay(clientPoints_[client], nodePoints_[*pop])};
}

Route World::buildRoute(const core::config::TopologyConfig& topology, std::uint32_t pop,
                        const WorldBehavior& behavior, std::string_view method,
                        bool recDown) const {
  const auto& popConfig = topology.pops[pop];
  const auto& origin = topology.origins[behavior.origin];
  std::optional<std::uint32_t> rec;
  if (popConfig.regionalEdgeCache && !recDown) {
    for (std::uint32_t r = 0; r < topology.regionalEdgeCaches.size(); ++r) {
      if (topology.regionalEdgeCaches[r].name == *popConfig.regionalEdgeCache) rec = r;
    }
  }
  core::routing::TierPlanInput in;
  in.method = method;
  in.dynamic = behavior.dynamic;
  if (rec) in.recRegion = topology.regionalEdgeCaches[*rec].region;
  in.originIsS3 = origin.kind == core::config::OriginKind::S3;
  in.originRegion = origin.region;
  if (origin.originShield) in.shieldRegion = origin.originShield->region;

  Route route;
  route.plan = core::routing::planTiers(in);
  route.origin = behavior.origin;
  route.hops[0] = Hop{pop, TierRole::Edge};
  route.count = 1;
  if (route.plan.viaRec) {
    route.hops[route.count++] = Hop{static_cast<std::uint32_t>(popCount_ + *rec), TierRole::Regional};
  }
  if (route.plan.viaShield) {
    const auto* shield = topology.findRegionalEdgeCacheByRegion(origin.originShield->region);
    const auto s = static_cast<std::uint32_t>(shield - topology.regionalEdgeCaches.data());
    route.hops[route.count++] = Hop{static_cast<std::uint32_t>(popCount_ + s), TierRole::Shield};
  }
  for (std::uint8_t i = 0; i < route.count; ++i) {
    const GeoPoint from = nodePoints_[route.hops[i].node];
    const GeoPoint to = i + 1 < route.count ? nodePoints_[route.hops[i + 1].node]
                                            : originPoints_[behavior.origin];
    route.upLeg[i] = latency_.oneWay(from, to);
  }
  return route;
}

}  // namespace cdnsim::sim
