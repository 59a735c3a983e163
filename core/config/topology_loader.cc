// loadTopology(): YAML → TopologyConfig, checking every key, value and reference.

#include <fmt/format.h>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/config/aws_regions.h"
#include "core/config/cache_yaml.h"
#include "core/config/did_you_mean.h"
#include "core/config/geo_yaml.h"
#include "core/config/origin_yaml.h"
#include "core/config/realtime_log_yaml.h"
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"
#include "core/emit/pop_code.h"

namespace cdnsim::core::config {

namespace {

PriceClass readPriceClass(const YamlNode& node, std::string_view what) {
  return *parsePriceClass(
      node.asChoice(what, {"PriceClass_100", "PriceClass_200", "PriceClass_All"}));
}

}  // namespace

TopologyConfig readTopology(const YamlNode& root) {
  YamlMap top(root, "topology", keys::kTopology);
  TopologyConfig t;
  t.file = root.file();
  t.name = top.require("name").asString("topology name");
  if (auto d = top.get("domain")) t.domain = d->asString("domain");
  const auto priceClassNode = top.get("price_class");
  if (priceClassNode) t.priceClass = readPriceClass(*priceClassNode, "price_class");

  if (auto n = top.get("network")) {
    YamlMap net(*n, "network", keys::kNetwork);
    if (auto v = net.get("base_latency")) t.network.baseLatency = v->asDuration("base_latency");
    if (auto v = net.get("km_per_ms")) t.network.kmPerMs = v->asDouble("km_per_ms", 1, 300);
    if (auto v = net.get("bandwidth_mbps")) {
      t.network.bandwidthMbps = v->asDouble("bandwidth_mbps", 0.001, 1e7);
    }
  }

  // References are resolved through these, built as each list is read: loading stays linear
  // in the number of POPs, origins and policies.
  UniqueNames recNames("regional edge cache name");
  std::unordered_map<std::string, std::size_t> recByRegion;  // Region -> index in the list
  auto recNodes = top.require("regional_edge_caches").asSequence("regional_edge_caches");
  for (const auto& node : recNodes) {
    YamlMap m(node, "regional edge cache", keys::kRegionalEdgeCache);
    RegionalEdgeCacheConfig rec;
    const auto name = m.require("name");
    rec.name = name.asString("regional edge cache name");
    recNames.add(rec.name, name);
    const auto region = m.get("region");
    rec.region = region ? region->asString("regional edge cache region") : rec.name;
    if (!isRegionalEdgeCacheRegion(rec.region)) {
      if (region) {
        region->fail(fmt::format(
            "regional edge cache region '{}' is not one of CloudFront's regional edge cache "
            "Regions; expected one of: {}",
            rec.region, regionalEdgeCacheRegionList()));
      }
      name.fail(fmt::format(
          "regional edge cache '{}' needs a region: key (its name is not a regional edge cache "
          "Region); expected one of: {}",
          rec.name, regionalEdgeCacheRegionList()));
    }
    const auto [other, fresh] = recByRegion.emplace(rec.region, t.regionalEdgeCaches.size());
    if (!fresh) {
      (region ? *region : name)
          .fail(fmt::format("regional edge caches '{}' and '{}' are both in region '{}'; "
                            "expected one regional edge cache per Region",
                            t.regionalEdgeCaches[other->second].name, rec.name, rec.region));
    }
    rec.location = readGeoLocation(m.require("location"));
    rec.cache = readCache(m.require("cache"), "regional edge cache");
    t.regionalEdgeCaches.push_back(std::move(rec));
  }

  const auto popsNode = top.require("pops");
  auto popNodes = popsNode.asSequence("pops");
  if (popNodes.empty()) popsNode.fail("a topology needs at least one POP");
  t.pops.reserve(popNodes.size());
  UniqueNames popCodes("pop code");
  for (const auto& node : popNodes) {
    YamlMap m(node, "pop", keys::kPop);
    PopConfig pop;
    auto code = m.require("code");
    pop.code = code.asString("pop code");
    if (!emit::parsePopCode(pop.code)) {
      code.fail(fmt::format(
          "pop code '{}' must be an IATA airport code and a number, like IAD89 or IAD89-C1",
          pop.code));
    }
    popCodes.add(pop.code, code);
    pop.location = readGeoLocation(m.require("location"));
    pop.cache = readCache(m.require("cache"), "pop");
    if (auto rec = m.get("regional_edge_cache")) {
      pop.regionalEdgeCache = rec->asString("regional_edge_cache");
      if (!recNames.contains(*pop.regionalEdgeCache)) {
        std::vector<std::string> names;
        for (const auto& r : t.regionalEdgeCaches) names.push_back(r.name);
        rec->fail(fmt::format("unknown regional edge cache '{}'; {}expected one of: {}",
                              *pop.regionalEdgeCache, didYouMean(*pop.regionalEdgeCache, names),
                              joinNames(names)));
      }
    }
    if (auto v = m.get("price_class")) pop.priceClass = readPriceClass(*v, "pop price_class");
    // A distribution serves only from the POPs of its price class (DG/PriceClass.html); the others
    // are checked like every POP, then left out.
    if (pop.priceClass > t.priceClass) {
      ++t.popsOutsidePriceClass;
      continue;
    }
    t.pops.push_back(std::move(pop));
  }
  if (t.pops.empty()) {
    priceClassNode->fail(fmt::format(
        "price_class {} includes none of the topology's {} POPs; expected a price class that "
        "includes at least one (a POP's own price_class is the cheapest class that includes it)",
        toString(t.priceClass), t.popsOutsidePriceClass));
  }

  const auto originsNode = top.require("origins");
  auto originNodes = originsNode.asSequence("origins");
  if (originNodes.empty()) originsNode.fail("a topology needs at least one origin");
  UniqueNames originNames("origin name");
  for (const auto& node : originNodes) {
    YamlMap m(node, "origin", keys::kOrigin);
    OriginConfig o;
    const auto name = m.require("name");
    o.name = name.asString("origin name");
    originNames.add(o.name, name);
    o.kind = m.require("type").asChoice("origin type", {"s3", "custom"}) == "s3" ? OriginKind::S3
                                                                                 : OriginKind::Custom;
    o.domain = m.require("domain").asString("origin domain");
    o.location = readGeoLocation(m.require("location"));
    if (auto v = m.get("first_byte_latency")) o.firstByteLatency = v->asDuration("first_byte_latency");
    o.server = o.kind == OriginKind::S3 ? "AmazonS3" : "";
    if (auto v = m.get("server")) o.server = v->asString("server");
    o.region = readOriginRegion(m, o);
    if (auto v = m.get("origin_shield")) o.originShield = readOriginShield(*v, t, recByRegion);
    readOriginModel(m, o);
    t.origins.push_back(std::move(o));
  }
  if (auto groups = top.get("origin_groups")) t.originGroups = readOriginGroups(*groups, t, originNames);
  if (auto v = top.get("custom_error_responses")) {
    t.customErrorResponses = readCustomErrorResponses(*v);
  }

  UniqueNames policyNames("cache policy name");
  if (auto policies = top.get("cache_policies")) {
    for (const auto& node : policies->asSequence("cache_policies")) {
      t.cachePolicies.push_back(readCachePolicy(node, policyNames));
    }
  }

  UniqueNames realtimeLogNames("real-time log configuration name");
  if (auto configs = top.get("realtime_log_configs")) {
    for (const auto& node : configs->asSequence("realtime_log_configs")) {
      t.realtimeLogConfigs.push_back(readRealtimeLogConfig(node, realtimeLogNames));
    }
  }

  const auto behaviorsNode = top.require("behaviors");
  auto behaviorNodes = behaviorsNode.asSequence("behaviors");
  if (behaviorNodes.empty()) behaviorsNode.fail("a topology needs at least one behavior");
  for (const auto& node : behaviorNodes) {
    YamlMap m(node, "behavior", keys::kBehavior);
    BehaviorConfig b;
    if (auto v = m.get("server_timing")) b.serverTiming = v->asBool("server_timing");
    if (auto v = m.get("path_pattern")) b.pathPattern = v->asString("path_pattern");
    auto origin = m.require("origin");
    b.origin = origin.asString("behavior origin");
    if (!originNames.contains(b.origin)) {
      std::vector<std::string> names;
      for (const auto& o : t.origins) names.push_back(o.name);
      for (const auto& g : t.originGroups) names.push_back(g.name);
      origin.fail(fmt::format("unknown origin '{}'; {}expected one of: {}", b.origin,
                              didYouMean(b.origin, names), joinNames(names)));
    }
    if (auto v = m.get("cache_policy")) {
      b.cachePolicy = v->asString("cache_policy");
      if (!policyNames.contains(b.cachePolicy) && !cache::managedCachePolicy(b.cachePolicy)) {
        std::vector<std::string> names = {"CachingOptimized", "CachingOptimizedForUncompressedObjects",
                                          "CachingDisabled", "Amplify"};
        for (const auto& p : t.cachePolicies) names.push_back(p.name);
        v->fail(fmt::format("unknown cache policy '{}'; {}expected one of: {}", b.cachePolicy,
                            didYouMean(b.cachePolicy, names), joinNames(names)));
      }
    }
    if (auto v = m.get("realtime_log_config")) {
      const std::string name = v->asString("realtime_log_config");
      std::vector<std::string> names;
      for (std::size_t i = 0; i < t.realtimeLogConfigs.size(); ++i) {
        names.push_back(t.realtimeLogConfigs[i].name);
        if (names.back() == name) b.realtimeLogConfig = i;
      }
      if (!b.realtimeLogConfig) {
        v->fail(fmt::format("unknown real-time log configuration '{}'; {}expected one of the "
                            "topology's realtime_log_configs: {}",
                            name, didYouMean(name, names),
                            names.empty() ? "none defined" : joinNames(names)));
      }
    }
    t.behaviors.push_back(std::move(b));
  }
  if (t.behaviors.back().pathPattern != "*") {
    behaviorNodes.back().fail("the last behavior must be the default one, with path_pattern \"*\"");
  }
  return t;
}

TopologyConfig loadTopology(const std::string& path) {
  return readTopology(YamlNode::loadFile(path));
}

TopologyConfig loadTopologyFromString(const std::string& text, const std::string& name) {
  return readTopology(YamlNode::loadString(text, name));
}

}  // namespace cdnsim::core::config
