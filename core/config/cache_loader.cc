// readCache() and readCachePolicy(): the caching parts of a topology file.

#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/config/cache_yaml.h"
#include "core/config/did_you_mean.h"
#include "core/store/policy_registry.h"

namespace cdnsim::core::config {

namespace {

cache::KeyItems readKeyItems(const YamlNode& node, std::string_view what) {
  YamlMap m(node, what, keys::kCacheKeyItems);
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

}  // namespace

CacheConfig readCache(const YamlNode& node, std::string_view owner) {
  YamlMap map(node, fmt::format("{} cache", owner), keys::kCache);
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
      policy->fail(fmt::format("unknown eviction policy '{}'; {}expected one of: {}", cache.policy,
                               didYouMean(cache.policy, names), joinNames(names)));
    }
  }
  return cache;
}

cache::CachePolicyConfig readCachePolicy(const YamlNode& node, UniqueNames& policyNames) {
  YamlMap m(node, "cache policy", keys::kCachePolicy);
  cache::CachePolicyConfig p;
  auto name = m.require("name");
  p.name = name.asString("cache policy name");
  if (cache::managedCachePolicy(p.name)) {
    name.fail(fmt::format("'{}' is a managed cache policy; choose another name", p.name));
  }
  policyNames.add(p.name, name);
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

}  // namespace cdnsim::core::config
