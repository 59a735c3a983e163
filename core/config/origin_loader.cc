// readOriginModel(), readOriginGroups(), readCustomErrorResponses(): YAML → the origin parts of a
// TopologyConfig, checking every key and value.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/config/did_you_mean.h"
#include "core/config/origin_yaml.h"
#include "core/config/schema_keys.h"
#include "core/http/http_date.h"
#include "core/origin/failover.h"

namespace cdnsim::core::config {

namespace {

// Header fields a path rule may not set through `headers:`: the answer's own fields, which the
// model writes (or which have their own key).
constexpr std::string_view kReservedHeaders[] = {"cache-control", "expires",  "content-type",
                                                 "content-length", "etag",    "last-modified",
                                                 "date",          "server",   "age",
                                                 "transfer-encoding"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// RFC 9110 §5.1: a field name is a token.
bool isToken(std::string_view s) {
  if (s.empty()) return false;
  for (const unsigned char c : s) {
    const bool ok = std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) !=
                                           std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

const char* kindName(OriginKind k) { return k == OriginKind::S3 ? "s3" : "custom"; }

// Refuses `key` on an origin of the other kind.
void onlyFor(const YamlMap& m, const OriginConfig& o, OriginKind kind, std::string_view key,
             std::string_view why) {
  if (o.kind == kind) return;
  if (auto v = m.get(key)) {
    v->fail(fmt::format("'{}' does not apply to a {} origin ({}); expected it only on type: {}",
                        key, kindName(o.kind), why, kindName(kind)));
  }
}

// A whole number of seconds within CloudFront's range for the setting.
Duration readSeconds(const YamlNode& v, std::string_view key, int lo, int hi) {
  const Duration d = v.asDuration(key);
  if (d != seconds(wholeSeconds(d)) || d < seconds(lo) || d > seconds(hi)) {
    v.fail(fmt::format("{} must be a whole number of seconds from {}s to {}s (CloudFront's "
                       "range), got '{}'",
                       key, lo, hi, v.asString(key)));
  }
  return d;
}

std::uint16_t readErrorStatus(const YamlNode& v, std::string_view what) {
  return static_cast<std::uint16_t>(v.asInt(what, 400, 599));
}

origin::PathRule readPathRule(const YamlNode& node, const OriginConfig& o) {
  YamlMap m(node, "path rule", keys::kPathRule);
  origin::PathRule r;
  const auto prefix = m.require("prefix");
  r.prefix = prefix.asString("path rule prefix");
  if (r.prefix.empty() || r.prefix.front() != '/') {
    prefix.fail(fmt::format("path rule prefix '{}' must start with '/'", r.prefix));
  }
  if (auto v = m.get("absent")) r.absent = v->asBool("absent");
  if (auto v = m.get("status")) {
    if (o.kind == OriginKind::S3) {
      v->fail("'status' does not apply to an S3 origin (a bucket answers 200, 304, 403 or 404 by "
              "itself; use absent: true for keys it does not hold); expected it only on type: "
              "custom");
    }
    r.status = readErrorStatus(*v, "path rule status (an error status)");
    if (r.absent) v->fail("a path rule takes either 'status' or 'absent: true', not both");
  }
  if (auto v = m.get("content_type")) r.contentType = v->asString("content_type");
  if (auto v = m.get("cache_control")) r.cacheControl = v->asString("cache_control");
  if (auto v = m.get("expires")) {
    r.expires = v->asString("expires");
    if (!http::parseHttpDate(*r.expires)) {
      v->fail(fmt::format("expires '{}' is not an HTTP date; expected one such as "
                          "'Thu, 01 Jan 2026 12:00:00 GMT'",
                          *r.expires));
    }
  }
  if (auto v = m.get("size")) r.size = v->asByteSize("size");
  if (auto h = m.get("headers")) {
    if (!h->isMap()) h->fail("headers must be a mapping of field names to values");
    for (const auto& entry : h->raw()) {
      const YamlNode key = h->child(entry.first);
      const std::string name = key.asString("header name");
      if (!isToken(name)) key.fail(fmt::format("header name '{}' is not a valid field name", name));
      const std::string low = lower(name);
      for (const auto reserved : kReservedHeaders) {
        if (low == reserved) {
          key.fail(fmt::format("header '{}' is written by the origin model; use the rule's "
                               "cache_control, expires or content_type key (the others cannot be "
                               "set)",
                               name));
        }
      }
      r.headers.emplace_back(name, h->child(entry.second).asString("header value"));
    }
  }
  return r;
}

ResponseTimeConfig readResponseTime(const YamlNode& node) {
  YamlMap m(node, "response_time", keys::kResponseTime);
  ResponseTimeConfig r;
  const auto kind = m.require("distribution")
                        .asChoice("response time distribution",
                                  {"fixed", "lognormal", "exponential", "pareto"});
  std::string_view key = "time";
  std::vector<std::string_view> shapeKeys;
  if (kind == "fixed") {
    r.kind = ResponseTimeKind::Fixed;
  } else if (kind == "lognormal") {
    r.kind = ResponseTimeKind::Lognormal;
    key = "median";
    shapeKeys = {"sigma"};
  } else if (kind == "exponential") {
    r.kind = ResponseTimeKind::Exponential;
    key = "mean";
  } else {
    r.kind = ResponseTimeKind::Pareto;
    key = "scale";
    shapeKeys = {"alpha"};
  }
  for (const std::string_view k : {"time", "median", "mean", "scale", "sigma", "alpha"}) {
    if (k == key || std::find(shapeKeys.begin(), shapeKeys.end(), k) != shapeKeys.end()) continue;
    if (auto v = m.get(k)) {
      v->fail(fmt::format("'{}' does not apply to a {} distribution; expected {}{}", k, kind, key,
                          shapeKeys.empty() ? "" : fmt::format(" and {}", shapeKeys.front())));
    }
  }
  const auto typical = m.require(key);
  r.typical = typical.asDuration(key);
  if (r.typical <= Duration::zero()) typical.fail(fmt::format("{} must be above zero", key));
  if (auto v = m.get("sigma")) r.shape = v->asDouble("sigma", 0.01, 10);
  if (auto v = m.get("alpha")) {
    r.shape = v->asDouble("alpha", 0.1, 10);
  } else if (r.kind == ResponseTimeKind::Pareto) {
    r.shape = 1.5;
  }
  if (auto v = m.get("max")) {
    r.max = v->asDuration("max");
    if (r.max < r.typical) {
      v->fail(fmt::format("max must be at least the distribution's {}", key));
    }
  }
  return r;
}

origin::OriginCondition readCondition(const YamlNode& node) {
  YamlMap m(node, "origin condition", keys::kOriginCondition);
  origin::OriginCondition c;
  if (auto v = m.get("reachability")) {
    const auto r = v->asChoice("reachability",
                               {"up", "refusing", "silent", "dns_failure", "tls_failure"});
    using R = origin::Reachability;
    c.reachability = r == "up"         ? R::Up
                     : r == "refusing" ? R::Refusing
                     : r == "silent"   ? R::Silent
                     : r == "dns_failure" ? R::DnsFailure
                                          : R::TlsFailure;
  }
  if (auto v = m.get("latency_factor")) c.latencyFactor = v->asDouble("latency_factor", 0.01, 1000);
  if (auto v = m.get("error_rate")) c.errorRate = v->asDouble("error_rate", 0, 1);
  if (auto v = m.get("error_status")) c.errorStatus = readErrorStatus(*v, "error_status");
  return c;
}

}  // namespace

void readOriginModel(const YamlMap& m, OriginConfig& o) {
  onlyFor(m, o, OriginKind::S3, "list_bucket", "only a bucket has list permission");
  onlyFor(m, o, OriginKind::Custom, "response_time",
          "S3 answers after first_byte_latency");
  onlyFor(m, o, OriginKind::Custom, "concurrency", "S3 scales with its request rate");
  onlyFor(m, o, OriginKind::Custom, "validators", "S3 always sends ETag and Last-Modified");
  onlyFor(m, o, OriginKind::Custom, "response_timeout",
          "CloudFront's response timeout is a custom origin setting");
  onlyFor(m, o, OriginKind::Custom, "keepalive_timeout",
          "CloudFront's keep-alive timeout is a custom origin setting");

  if (auto v = m.get("list_bucket")) o.listBucket = v->asBool("list_bucket");
  if (auto v = m.get("content_type")) o.contentType = v->asString("content_type");
  if (auto v = m.get("paths")) {
    for (const auto& node : v->asSequence("paths")) o.paths.push_back(readPathRule(node, o));
  }
  if (auto v = m.get("errors")) {
    double total = 0;
    for (const auto& node : v->asSequence("errors")) {
      YamlMap e(node, "origin error rate", keys::kOriginErrorRate);
      origin::StatusRate r;
      r.status = readErrorStatus(e.require("status"), "error status");
      r.rate = e.require("rate").asDouble("error rate", 0, 1);
      total += r.rate;
      if (total > 1.0 + 1e-9) {
        e.require("rate").fail(fmt::format(
            "the origin's error rates add up to {:.6g}, more than 1; expected a total of at most 1",
            total));
      }
      o.errors.push_back(r);
    }
  }
  if (auto v = m.get("response_time")) o.responseTime = readResponseTime(*v);
  if (auto v = m.get("concurrency")) {
    YamlMap c(*v, "concurrency", keys::kConcurrency);
    ConcurrencyConfig cc;
    cc.limit = static_cast<std::uint32_t>(c.require("limit").asInt("concurrency limit", 1, 1'000'000));
    if (auto q = c.get("queue")) {
      cc.queue = static_cast<std::uint32_t>(q->asInt("concurrency queue", 0, 10'000'000));
    }
    o.concurrency = cc;
  }
  if (auto v = m.get("validators")) {
    const auto which = v->asChoice("validators", {"both", "etag", "last_modified", "none"});
    o.validators.etag = which == "both" || which == "etag";
    o.validators.lastModified = which == "both" || which == "last_modified";
  }
  if (auto v = m.get("condition")) o.condition = readCondition(*v);
  if (auto v = m.get("connection_attempts")) {
    o.connection.connectionAttempts = static_cast<int>(v->asInt("connection_attempts", 1, 3));
  }
  if (auto v = m.get("connection_timeout")) {
    o.connection.connectionTimeout = readSeconds(*v, "connection_timeout", 1, 10);
  }
  if (auto v = m.get("response_timeout")) {
    o.connection.responseTimeout = readSeconds(*v, "response_timeout", 1, 120);
  }
  if (auto v = m.get("keepalive_timeout")) {
    o.connection.keepaliveTimeout = readSeconds(*v, "keepalive_timeout", 1, 120);
  }
}

std::vector<OriginGroupConfig> readOriginGroups(const YamlNode& node, const TopologyConfig& t,
                                                UniqueNames& originNames) {
  std::vector<std::string> origins;
  for (const auto& o : t.origins) origins.push_back(o.name);
  std::vector<OriginGroupConfig> groups;
  for (const auto& g : node.asSequence("origin_groups")) {
    YamlMap m(g, "origin group", keys::kOriginGroup);
    OriginGroupConfig group;
    const auto name = m.require("name");
    group.name = name.asString("origin group name");
    if (t.findOrigin(group.name) != nullptr) {
      name.fail(fmt::format("origin group '{}' has the name of an origin; expected a name that "
                            "behaviours can tell apart from the origins'",
                            group.name));
    }
    originNames.add(group.name, name);
    const auto member = [&](std::string_view key) {
      const auto v = m.require(key);
      std::string n = v.asString(key);
      if (t.findOrigin(n) == nullptr) {
        const auto hint = closestName(n, std::vector<std::string_view>(origins.begin(), origins.end()));
        v.fail(fmt::format("unknown origin '{}' as {}; {}expected one of: {}", n, key,
                           hint ? fmt::format("did you mean '{}'? ", *hint) : std::string(),
                           joinNames(origins)));
      }
      return n;
    };
    group.primary = member("primary");
    group.secondary = member("secondary");
    if (group.primary == group.secondary) {
      m.require("secondary").fail(fmt::format(
          "origin group '{}' has '{}' as both primary and secondary; expected two origins",
          group.name, group.primary));
    }
    const auto codes = m.require("failover_status_codes");
    for (const auto& c : codes.asSequence("failover_status_codes")) {
      const auto code = static_cast<std::uint16_t>(c.asInt("failover status code", 100, 599));
      if (!origin::isFailoverStatusCode(code)) {
        c.fail(fmt::format("failover status code {} is not one CloudFront fails over on; "
                           "expected some of: 400, 403, 404, 416, 500, 502, 503, 504",
                           code));
      }
      if (std::find(group.failoverStatusCodes.begin(), group.failoverStatusCodes.end(), code) !=
          group.failoverStatusCodes.end()) {
        c.fail(fmt::format("failover status code {} is listed twice", code));
      }
      group.failoverStatusCodes.push_back(code);
    }
    if (group.failoverStatusCodes.empty()) {
      codes.fail("failover_status_codes needs at least one code (among 400, 403, 404, 416, 500, "
                 "502, 503, 504)");
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

std::vector<cache::CustomErrorResponse> readCustomErrorResponses(const YamlNode& node) {
  std::vector<cache::CustomErrorResponse> rules;
  for (const auto& n : node.asSequence("custom_error_responses")) {
    YamlMap m(n, "custom error response", keys::kCustomErrorResponse);
    cache::CustomErrorResponse r;
    const auto code = m.require("error_code");
    r.errorCode = static_cast<int>(code.asInt("error_code", 100, 599));
    for (const auto& earlier : rules) {
      if (earlier.errorCode == r.errorCode) {
        code.fail(fmt::format("error_code {} has two custom error responses; expected one per "
                              "code",
                              r.errorCode));
      }
    }
    if (auto v = m.get("response_page_path")) r.responsePagePath = v->asString("response_page_path");
    if (auto v = m.get("response_code")) {
      r.responseCode = static_cast<int>(v->asInt("response_code", 100, 599));
    }
    if (auto v = m.get("error_caching_min_ttl")) {
      r.errorCachingMinTtl = v->asDuration("error_caching_min_ttl");
    }
    if (auto error = r.validate()) {
      // Point at the key the message is about.
      const bool aboutPath = error->find("ResponsePagePath") != std::string::npos;
      const bool aboutCode = error->find("ResponseCode") != std::string::npos;
      const bool aboutTtl = error->find("ErrorCachingMinTTL") != std::string::npos;
      std::optional<YamlNode> at;
      if (aboutTtl) at = m.get("error_caching_min_ttl");
      if (!at && aboutPath) at = m.get("response_page_path");
      if (!at && aboutCode) at = m.get("response_code");
      if (!at && error->find("ErrorCode") != std::string::npos) at = code;
      (at ? *at : n).fail(*error);
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

}  // namespace cdnsim::core::config
