#include "core/cache/cacheability.h"

#include <fmt/format.h>

#include "core/http/headers.h"

namespace cdnsim::core::cache {

namespace {
// Methods are case-sensitive (RFC 9110 §9.1).
bool methodCached(const CacheabilitySettings& s, std::string_view method) {
  return method == "GET" || method == "HEAD" || (s.cacheOptions && method == "OPTIONS");
}
}  // namespace

std::string_view toString(RequestCacheability r) {
  switch (r) {
    case RequestCacheability::Cacheable: return "cacheable";
    case RequestCacheability::MethodNotCached: return "method not cached";
    case RequestCacheability::CachingDisabled: return "CachingDisabled";
  }
  return "?";
}

RequestCacheability requestCacheability(const CacheabilitySettings& s, std::string_view method) {
  if (!methodCached(s, method)) return RequestCacheability::MethodNotCached;
  if (s.ttl.cachingDisabled()) return RequestCacheability::CachingDisabled;
  return RequestCacheability::Cacheable;
}

std::string_view toString(StatusClass c) {
  switch (c) {
    case StatusClass::Normal: return "normal";
    case StatusClass::Error: return "error";
    case StatusClass::Never: return "never";
  }
  return "?";
}

StatusClass classifyStatus(int status) {
  switch (status) {
    case 200: case 203: case 204: case 206:
    case 300: case 301: case 302: case 303: case 307: case 308:
    case 410:
      return StatusClass::Normal;
    default:
      break;
  }
  if (status >= 400 && status <= 599) return StatusClass::Error;
  return StatusClass::Never;
}

std::string_view toString(StorageRule r) {
  switch (r) {
    case StorageRule::Stored: return "stored";
    case StorageRule::StoredForMinTtl: return "stored for Min TTL despite no-store/no-cache/private";
    case StorageRule::ErrorCachingRules: return "error caching rules";
    case StorageRule::CachingDisabled: return "CachingDisabled";
    case StorageRule::MethodNotCached: return "method not cached";
    case StorageRule::StatusNotCacheable: return "status not cacheable";
    case StorageRule::NoStore: return "no-store";
    case StorageRule::Private: return "private";
    case StorageRule::NoCache: return "no-cache";
    case StorageRule::AuthorizationNotPublic: return "Authorization without public/s-maxage/must-revalidate";
  }
  return "?";
}

std::string_view toString(SetCookieHandling h) {
  switch (h) {
    case SetCookieHandling::None: return "none";
    case SetCookieHandling::Removed: return "removed";
    case SetCookieHandling::KeptInCache: return "kept in cache";
  }
  return "?";
}

std::string toString(const StorageDecision& d) {
  return fmt::format("{} ({}, Set-Cookie {})", d.store ? "store" : "don't store", toString(d.rule),
                     toString(d.setCookie));
}

StorageDecision responseStorage(const CacheabilitySettings& s, std::string_view method,
                                bool requestHadAuthorization, int status,
                                const http::ResponseCacheControl& cc, bool hasSetCookie) {
  const SetCookieHandling cookie = !hasSetCookie   ? SetCookieHandling::None
                                   : s.forwardCookies ? SetCookieHandling::KeptInCache
                                                      : SetCookieHandling::Removed;
  auto no = [&](StorageRule rule) { return StorageDecision{false, rule, cookie}; };
  if (s.ttl.cachingDisabled()) return no(StorageRule::CachingDisabled);
  if (!methodCached(s, method)) return no(StorageRule::MethodNotCached);
  const StatusClass statusClass = classifyStatus(status);
  if (statusClass == StatusClass::Never) return no(StorageRule::StatusNotCacheable);
  if (statusClass == StatusClass::Error) return no(StorageRule::ErrorCachingRules);
  // RFC 9111 §3.5: a shared cache stores a response to an authenticated request only when the
  // response explicitly allows it.
  if (requestHadAuthorization && !(cc.isPublic || cc.sMaxAge || cc.mustRevalidate)) {
    return no(StorageRule::AuthorizationNotPublic);
  }
  if (cc.noStore || cc.isPrivate || cc.noCache) {
    // DG/Expiration.html: with Min TTL > 0 CloudFront caches these for the Min TTL anyway.
    if (s.ttl.minTtl > Duration::zero()) return {true, StorageRule::StoredForMinTtl, cookie};
    if (cc.noStore) return no(StorageRule::NoStore);
    if (cc.isPrivate) return no(StorageRule::Private);
    return no(StorageRule::NoCache);
  }
  return {true, StorageRule::Stored, cookie};
}

StorageDecision responseStorage(const CacheabilitySettings& s, const http::Request& request,
                                const http::Response& response) {
  http::ResponseCacheControl cc;
  if (auto v = response.headers.getCombined("Cache-Control")) cc = http::parseResponseCacheControl(*v);
  const bool auth = s.forwardAuthorization && request.headers.has("Authorization");
  return responseStorage(s, request.method, auth, response.status, cc,
                         response.headers.has("Set-Cookie"));
}

CacheabilitySettings cacheabilityOf(const CachePolicyConfig& policy) {
  CacheabilitySettings s;
  s.ttl = TtlSettings{policy.minTtl, policy.defaultTtl, policy.maxTtl};
  s.forwardCookies = policy.cookies.behavior != KeyBehavior::None;
  for (const auto& name : policy.headers.names) {
    if (http::equalsIgnoreCase(name, "Authorization")) s.forwardAuthorization = true;
  }
  return s;
}

}  // namespace cdnsim::core::cache
