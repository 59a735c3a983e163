// loadTopology(): YAML → TopologyConfig, checking every key, value and reference.

#include <fmt/format.h>

#include <set>

#include "core/config/geo_yaml.h"
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"
#include "core/emit/pop_code.h"
#include "core/store/policy_registry.h"

namespace cdnsim::core::config {

namespace {

CacheConfig readCache(const YamlNode& node, std::string_view owner) {
  YamlMap map(node, fmt::format("{} cache", owner), {"capacity", "policy"});
  CacheConfig cache;
  cache.capacityBytes = map.require("capacity").asByteSize("cache capacity");
  if (cache.capacityBytes == 0) map.require("capacity").fail("cache capacity must be above zero");
  if (auto policy = map.get("policy")) {
    cache.policy = policy->asString("cache policy");
    bool known = false;
    std::vector<std::string> names;
    for (const auto& info : store::policyCatalogue()) {
      names.emplace_back(info.name);
      known = known || info.name == cache.policy;
    }
    if (!known) {
      policy->fail(fmt::format("unknown eviction policy '{}'; expected one of: {}", cache.policy,
                               joinNames(names)));
    }
  }
  return cache;
}

cache::KeyItems readKeyItems(const YamlNode& node, std::string_view what) {
  YamlMap m(node, what, {"behavior", "names"});
  cache::KeyItems items;
  auto behavior = m.require("behavior");
  auto parsed = cache::parseKeyBehavior(behavior.asString("behavior"));
  if (!parsed) behavior.fail("behavior must be one of: none, allow-list, all-except, all");
  items.behavior = *parsed;
  if (auto names = m.get("names")) {
    for (const auto& n : names->asSequence("names")) items.names.push_back(n.asString("name"));
  }
  return items;
}

cache::CachePolicyConfig readCachePolicy(const YamlNode& node) {
  YamlMap m(node, "cache policy",
            {"name", "min_ttl", "default_ttl", "max_ttl", "query_strings", "headers", "cookies",
             "enable_accept_encoding_gzip", "enable_accept_encoding_brotli"});
  cache::CachePolicyConfig p;
  auto name = m.require("name");
  p.name = name.asString("cache policy name");
  if (cache::managedCachePolicy(p.name)) {
    name.fail(fmt::format("'{}' is a managed cache policy; choose another name", p.name));
  }
  if (auto v = m.get("min_ttl")) p.minTtl = v->asDuration("min_ttl");
  // CloudFront: when Min TTL exceeds the default Default TTL (86400 s), Default defaults to Min.
  if (p.minTtl > p.defaultTtl) p.defaultTtl = p.minTtl;
  if (auto v = m.get("default_ttl")) p.defaultTtl = v->asDuration("default_ttl");
  if (p.defaultTtl > p.maxTtl) p.maxTtl = p.defaultTtl;
  if (auto v = m.get("max_ttl")) p.maxTtl = v->asDuration("max_ttl");
  if (auto v = m.get("query_strings")) p.queryStrings = readKeyItems(*v, "query_strings");
  if (auto v = m.get("headers")) p.headers = readKeyItems(*v, "headers");
  if (auto v = m.get("cookies")) p.cookies = readKeyItems(*v, "cookies");
  if (auto v = m.get("enable_accept_encoding_gzip")) {
    p.enableAcceptEncodingGzip = v->asBool("enable_accept_encoding_gzip");
  }
  if (auto v = m.get("enable_accept_encoding_brotli")) {
    p.enableAcceptEncodingBrotli = v->asBool("enable_accept_encoding_brotli");
  }
  if (auto error = p.validate()) node.fail(*error);
  return p;
}

template <class T>
void requireUniqueNames(const std::vector<T>& items, const std::vector<YamlNode>& nodes,
                        std::string T::*field, std::string_view what) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!seen.insert(items[i].*field).second) {
      nodes[i].fail(fmt::format("duplicate {} '{}'", what, items[i].*field));
    }
  }
}

TopologyConfig readTopology(const YamlNode& root) {
  YamlMap top(root, "topology",
              {"name", "domain", "network", "regional_edge_caches", "pops", "origins",
               "cache_policies", "behaviors"});
  TopologyConfig t;
  t.file = root.file();
  t.name = top.require("name").asString("topology name");
  if (auto d = top.get("domain")) t.domain = d->asString("domain");

  if (auto n = top.get("network")) {
    YamlMap net(*n, "network", {"base_latency", "km_per_ms", "bandwidth_mbps"});
    if (auto v = net.get("base_latency")) t.network.baseLatency = v->asDuration("base_latency");
    if (auto v = net.get("km_per_ms")) t.network.kmPerMs = v->asDouble("km_per_ms", 1, 300);
    if (auto v = net.get("bandwidth_mbps")) {
      t.network.bandwidthMbps = v->asDouble("bandwidth_mbps", 0.001, 1e7);
    }
  }

  auto recNodes = top.require("regional_edge_caches").asSequence("regional_edge_caches");
  for (const auto& node : recNodes) {
    YamlMap m(node, "regional edge cache", {"name", "location", "cache"});
    RegionalEdgeCacheConfig rec;
    rec.name = m.require("name").asString("regional edge cache name");
    rec.location = readGeoLocation(m.require("location"));
    rec.cache = readCache(m.require("cache"), "regional edge cache");
    t.regionalEdgeCaches.push_back(std::move(rec));
  }
  requireUniqueNames(t.regionalEdgeCaches, recNodes, &RegionalEdgeCacheConfig::name,
                     "regional edge cache name");

  auto popNodes = top.require("pops").asSequence("pops");
  if (popNodes.empty()) top.require("pops").fail("a topology needs at least one POP");
  for (const auto& node : popNodes) {
    YamlMap m(node, "pop", {"code", "location", "cache", "regional_edge_cache"});
    PopConfig pop;
    auto code = m.require("code");
    pop.code = code.asString("pop code");
    if (!emit::parsePopCode(pop.code)) {
      code.fail(fmt::format(
          "pop code '{}' must be an IATA airport code and a number, like IAD89 or IAD89-C1",
          pop.code));
    }
    pop.location = readGeoLocation(m.require("location"));
    pop.cache = readCache(m.require("cache"), "pop");
    auto rec = m.require("regional_edge_cache");
    pop.regionalEdgeCache = rec.asString("regional_edge_cache");
    if (t.findRegionalEdgeCache(pop.regionalEdgeCache) == nullptr) {
      std::vector<std::string> names;
      for (const auto& r : t.regionalEdgeCaches) names.push_back(r.name);
      rec.fail(fmt::format("unknown regional edge cache '{}'; expected one of: {}",
                           pop.regionalEdgeCache, joinNames(names)));
    }
    t.pops.push_back(std::move(pop));
  }
  requireUniqueNames(t.pops, popNodes, &PopConfig::code, "pop code");

  auto originNodes = top.require("origins").asSequence("origins");
  if (originNodes.empty()) top.require("origins").fail("a topology needs at least one origin");
  for (const auto& node : originNodes) {
    YamlMap m(node, "origin", {"name", "type", "domain", "location", "first_byte_latency", "server"});
    OriginConfig o;
    o.name = m.require("name").asString("origin name");
    o.kind = m.require("type").asChoice("origin type", {"s3", "custom"}) == "s3" ? OriginKind::S3
                                                                                 : OriginKind::Custom;
    o.domain = m.require("domain").asString("origin domain");
    o.location = readGeoLocation(m.require("location"));
    if (auto v = m.get("first_byte_latency")) o.firstByteLatency = v->asDuration("first_byte_latency");
    o.server = o.kind == OriginKind::S3 ? "AmazonS3" : "";
    if (auto v = m.get("server")) o.server = v->asString("server");
    t.origins.push_back(std::move(o));
  }
  requireUniqueNames(t.origins, originNodes, &OriginConfig::name, "origin name");

  if (auto policies = top.get("cache_policies")) {
    auto nodes = policies->asSequence("cache_policies");
    for (const auto& node : nodes) t.cachePolicies.push_back(readCachePolicy(node));
    requireUniqueNames(t.cachePolicies, nodes, &cache::CachePolicyConfig::name,
                       "cache policy name");
  }

  auto behaviorNodes = top.require("behaviors").asSequence("behaviors");
  if (behaviorNodes.empty()) top.require("behaviors").fail("a topology needs at least one behavior");
  for (const auto& node : behaviorNodes) {
    YamlMap m(node, "behavior", {"path_pattern", "origin", "cache_policy"});
    BehaviorConfig b;
    if (auto v = m.get("path_pattern")) b.pathPattern = v->asString("path_pattern");
    auto origin = m.require("origin");
    b.origin = origin.asString("behavior origin");
    if (t.findOrigin(b.origin) == nullptr) {
      std::vector<std::string> names;
      for (const auto& o : t.origins) names.push_back(o.name);
      origin.fail(fmt::format("unknown origin '{}'; expected one of: {}", b.origin, joinNames(names)));
    }
    if (auto v = m.get("cache_policy")) {
      b.cachePolicy = v->asString("cache_policy");
      if (!t.resolveCachePolicy(b.cachePolicy)) {
        std::vector<std::string> names = {"CachingOptimized", "CachingOptimizedForUncompressedObjects",
                                          "CachingDisabled", "Amplify"};
        for (const auto& p : t.cachePolicies) names.push_back(p.name);
        v->fail(fmt::format("unknown cache policy '{}'; expected one of: {}", b.cachePolicy,
                            joinNames(names)));
      }
    }
    t.behaviors.push_back(std::move(b));
  }
  if (t.behaviors.back().pathPattern != "*") {
    behaviorNodes.back().fail("the last behavior must be the default one, with path_pattern \"*\"");
  }
  return t;
}

}  // namespace

const RegionalEdgeCacheConfig* TopologyConfig::findRegionalEdgeCache(std::string_view n) const {
  for (const auto& r : regionalEdgeCaches) {
    if (r.name == n) return &r;
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

TopologyConfig loadTopology(const std::string& path) {
  return readTopology(YamlNode::loadFile(path));
}

TopologyConfig loadTopologyFromString(const std::string& text, const std::string& name) {
  return readTopology(YamlNode::loadString(text, name));
}

}  // namespace cdnsim::core::config
