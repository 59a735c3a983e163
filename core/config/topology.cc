// TopologyConfig's look-ups and the price class names.

#include "core/config/topology.h"

namespace cdnsim::core::config {

std::string_view toString(PriceClass c) {
  switch (c) {
    case PriceClass::Class100: return "PriceClass_100";
    case PriceClass::Class200: return "PriceClass_200";
    case PriceClass::All: return "PriceClass_All";
  }
  return "PriceClass_All";
}

std::optional<PriceClass> parsePriceClass(std::string_view text) {
  for (auto c : {PriceClass::Class100, PriceClass::Class200, PriceClass::All}) {
    if (toString(c) == text) return c;
  }
  return std::nullopt;
}

const RegionalEdgeCacheConfig* TopologyConfig::findRegionalEdgeCache(std::string_view n) const {
  for (const auto& r : regionalEdgeCaches) {
    if (r.name == n) return &r;
  }
  return nullptr;
}

const RegionalEdgeCacheConfig* TopologyConfig::findRegionalEdgeCacheByRegion(
    std::string_view region) const {
  for (const auto& r : regionalEdgeCaches) {
    if (r.region == region) return &r;
  }
  return nullptr;
}

std::optional<cache::CachePolicyConfig> TopologyConfig::resolveCachePolicy(
    std::string_view n) const {
  for (const auto& p : cachePolicies) {
    if (p.name == n) return p;
  }
  return cache::managedCachePolicy(n);
}

const OriginConfig* TopologyConfig::findOrigin(std::string_view n) const {
  for (const auto& o : origins) {
    if (o.name == n) return &o;
  }
  return nullptr;
}

const OriginGroupConfig* TopologyConfig::findOriginGroup(std::string_view n) const {
  for (const auto& g : originGroups) {
    if (g.name == n) return &g;
  }
  return nullptr;
}

}  // namespace cdnsim::core::config
