// loadTopology(): YAML → TopologyConfig, checking every key, value and reference.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "core/config/did_you_mean.h"
#include "core/config/geo_yaml.h"
#include "core/config/origin_yaml.h"
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"
#include "core/emit/pop_code.h"
#include "core/store/policy_registry.h"

namespace cdnsim::core::config {

namespace {

// CloudFront's 13 regional edge caches sit in these AWS Regions (DG/HowCloudFrontWorks.html,
// "How CloudFront works with regional edge caches").
constexpr std::string_view kRecRegions[] = {
    "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",    "ap-south-1",
    "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "eu-central-1",
    "eu-west-1",      "eu-west-2",      "sa-east-1"};

// The Regions Origin Shield can be enabled in (DG/origin-shield.html, "Choosing the AWS Region for
// Origin Shield"): the REC Regions but us-west-1.
constexpr std::string_view kShieldRegions[] = {
    "us-east-1",      "us-east-2",      "us-west-2",      "ap-south-1",   "ap-northeast-1",
    "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "eu-central-1", "eu-west-1",
    "eu-west-2",      "sa-east-1"};

// The Origin Shield Region the same page suggests for an origin in a Region without one.
constexpr std::pair<std::string_view, std::string_view> kSuggestedShield[] = {
    {"us-west-1", "us-west-2"},      {"af-south-1", "eu-west-1"},  {"ap-east-1", "ap-southeast-1"},
    {"ca-central-1", "us-east-1"},   {"eu-south-1", "eu-central-1"}, {"eu-west-3", "eu-west-2"},
    {"eu-north-1", "eu-west-2"},     {"me-south-1", "ap-south-1"}};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

template <std::size_t N>
std::string joinList(const std::string_view (&list)[N]) {
  return joinNames(std::vector<std::string>(std::begin(list), std::end(list)));
}

// An AWS Region code as the CloudFront API writes it: two letters, a word, a number ("us-east-1",
// "ap-southeast-2"); the API's pattern is [a-z]{2}-[a-z]+-\d.
bool looksLikeRegion(std::string_view s) {
  const auto first = s.find('-');
  const auto last = s.rfind('-');
  if (first != 2 || last == first || last + 1 >= s.size()) return false;
  auto all = [&](std::size_t from, std::size_t to, auto pred) {
    for (std::size_t i = from; i < to; ++i) {
      if (!pred(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
  };
  auto lower = [](unsigned char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  auto lowerOrDash = [&](unsigned char c) { return lower(c) || c == '-'; };
  return all(0, 2, lower) && all(3, last, lowerOrDash) && s[last - 1] != '-' &&
         all(last + 1, s.size(), digit);
}

// The Region in an S3 endpoint, "" when the domain names none. Virtual-hosted endpoints end in
// s3.<region>.amazonaws.com, s3-<region>.amazonaws.com, or s3.dualstack.<region>.amazonaws.com
// (S3 User Guide, VirtualHosting.html); the legacy global s3.amazonaws.com names no Region.
// The bucket name may itself hold dots, so the labels are read from the right.
std::string s3RegionFromDomain(std::string_view domain) {
  constexpr std::string_view kSuffix = ".amazonaws.com";
  if (domain.size() <= kSuffix.size() || domain.substr(domain.size() - kSuffix.size()) != kSuffix) {
    return "";
  }
  domain.remove_suffix(kSuffix.size());
  auto popLabel = [&domain]() {
    const auto dot = domain.rfind('.');
    std::string_view label = dot == std::string_view::npos ? domain : domain.substr(dot + 1);
    domain = dot == std::string_view::npos ? std::string_view{} : domain.substr(0, dot);
    return label;
  };
  const std::string_view last = popLabel();
  if (last.substr(0, 3) == "s3-") {
    const auto region = last.substr(3);
    return looksLikeRegion(region) ? std::string(region) : "";
  }
  if (!looksLikeRegion(last)) return "";
  std::string_view before = popLabel();
  if (before == "dualstack") before = popLabel();
  return before == "s3" ? std::string(last) : "";
}

// "did you mean 'x'? " for a reference that names nothing, or "".
std::string didYouMean(std::string_view name, const std::vector<std::string>& names) {
  const auto hint = closestName(name, std::vector<std::string_view>(names.begin(), names.end()));
  return hint ? fmt::format("did you mean '{}'? ", *hint) : std::string();
}

PriceClass readPriceClass(const YamlNode& node, std::string_view what) {
  return *parsePriceClass(
      node.asChoice(what, {"PriceClass_100", "PriceClass_200", "PriceClass_All"}));
}

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

// `realtime_log_configs:` entry: a name usable in a file name, a sampling rate of 1..100 percent,
// and fields CloudFront knows, each once (DG/real-time-logs.html).
RealtimeLogConfig readRealtimeLogConfig(const YamlNode& node, UniqueNames& names) {
  YamlMap m(node, "real-time log configuration", keys::kRealtimeLogConfig);
  RealtimeLogConfig c;
  const auto name = m.require("name");
  c.name = name.asString("real-time log configuration name");
  const bool fileNameSafe =
      !c.name.empty() && c.name.size() <= 64 &&
      std::all_of(c.name.begin(), c.name.end(), [](unsigned char ch) {
        return std::isalnum(ch) != 0 || ch == '-' || ch == '_';
      });
  if (!fileNameSafe) {
    name.fail(fmt::format("real-time log configuration name '{}' must be 1 to 64 letters, digits, "
                          "'-' or '_' (it names the output file realtime-<name>.log)",
                          c.name));
  }
  names.add(c.name, name);
  c.samplingRate = static_cast<int>(m.require("sampling_rate").asInt("sampling_rate", 1, 100));
  const auto fieldsNode = m.require("fields");
  const auto fields = fieldsNode.asSequence("fields");
  if (fields.empty()) fieldsNode.fail("fields must name at least one real-time log field");
  std::vector<std::string_view> known(record::realtimeLogFieldNames().begin(),
                                      record::realtimeLogFieldNames().end());
  for (const auto& f : fields) {
    const std::string text = f.asString("real-time log field");
    const auto field = record::parseRealtimeLogField(text);
    if (!field) {
      const auto hint = closestName(text, known);
      f.fail(fmt::format("unknown real-time log field '{}'; {}expected one of: {}", text,
                         hint ? fmt::format("did you mean '{}'? ", *hint) : std::string(),
                         joinNames(std::vector<std::string>(known.begin(), known.end()))));
    }
    if (c.fields.contains(*field)) {
      f.fail(fmt::format("real-time log field '{}' is listed twice; expected each field once", text));
    }
    c.fields.add(*field);
  }
  return c;
}

// An origin's `region:`, else for S3 the Region its domain names. An explicit Region must be a
// Region code and agree with an S3 domain that names one.
std::string readOriginRegion(const YamlMap& m, const OriginConfig& o) {
  const std::string fromDomain = o.kind == OriginKind::S3 ? s3RegionFromDomain(o.domain) : "";
  const auto v = m.get("region");
  if (!v) return fromDomain;
  std::string region = v->asString("origin region");
  if (!looksLikeRegion(region)) {
    v->fail(fmt::format("origin region '{}' must be an AWS Region code such as us-east-1", region));
  }
  if (!fromDomain.empty() && region != fromDomain) {
    v->fail(fmt::format("origin region '{}' disagrees with its S3 domain '{}'; expected {}", region,
                        o.domain, fromDomain));
  }
  return region;
}

// `origin_shield: {region: ...}`: an Origin Shield Region that a REC of the topology is in, since
// cdnsim runs the shield on that REC. RECs are read before origins.
OriginShieldConfig readOriginShield(const YamlNode& node, const TopologyConfig& t,
                                   const std::unordered_map<std::string, std::size_t>& recByRegion) {
  YamlMap m(node, "origin_shield", keys::kOriginShield);
  const auto v = m.require("region");
  OriginShieldConfig shield{v.asString("origin shield region")};
  if (!contains(kShieldRegions, shield.region)) {
    std::string hint;
    for (const auto& [from, to] : kSuggestedShield) {
      if (from == shield.region) {
        hint = fmt::format(" (CloudFront suggests {} for origins in {})", to, from);
      }
    }
    v.fail(fmt::format(
        "origin shield region '{}' is not an Origin Shield Region{}; expected one of: {}",
        shield.region, hint, joinList(kShieldRegions)));
  }
  if (recByRegion.count(shield.region) == 0) {
    std::vector<std::string> regions;
    for (const auto& r : t.regionalEdgeCaches) regions.push_back(r.region);
    v.fail(fmt::format(
        "origin shield region '{}' has no regional edge cache in this topology (cdnsim runs the "
        "shield on the Region's regional edge cache); expected a regional edge cache with region: "
        "{} (regions present: {})",
        shield.region, shield.region, regions.empty() ? "none" : joinNames(regions)));
  }
  return shield;
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
    if (!contains(kRecRegions, rec.region)) {
      if (region) {
        region->fail(fmt::format(
            "regional edge cache region '{}' is not one of CloudFront's regional edge cache "
            "Regions; expected one of: {}",
            rec.region, joinList(kRecRegions)));
      }
      name.fail(fmt::format(
          "regional edge cache '{}' needs a region: key (its name is not a regional edge cache "
          "Region); expected one of: {}",
          rec.name, joinList(kRecRegions)));
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

TopologyConfig loadTopology(const std::string& path) {
  return readTopology(YamlNode::loadFile(path));
}

TopologyConfig loadTopologyFromString(const std::string& text, const std::string& name) {
  return readTopology(YamlNode::loadString(text, name));
}

}  // namespace cdnsim::core::config
