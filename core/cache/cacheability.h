#pragma once
// May a request be answered from the cache, and may a response be stored? Each answer carries the
// rule that decided, for `explain` and the trace. Sources: RFC 9111 §3 (storing responses),
// §3.5 (Authorization), CLOUDFRONT.md §1, §2, §7 and §10 (DG/Expiration.html,
// DG/HTTPStatusCodes.html, DG/Cookies.html).
//
// Status codes: the ones stored under the normal TTL rules are 200, 203, 204, 206, 300, 301, 302,
// 303, 307, 308 and 410 (CloudFront caches 3xx "by the normal rules", CLOUDFRONT.md §3; 204 is
// heuristically cacheable per RFC 9110 §15.1 — CloudFront's treatment is unverified). 4xx/5xx go
// through core/cache/error_caching.h; anything else (1xx, 201, 202, 205, 304 ...) is never stored.
//
// Authorization: whether CloudFront applies RFC 9111 §3.5 when Authorization is forwarded (and so
// part of the cache key) is unverified; we follow the RFC, as CLOUDFRONT.md asks for unverified
// behaviour. A behaviour keyed on Authorization (e.g. the Amplify managed policy) therefore caches
// only responses marked public, s-maxage or must-revalidate.

#include <optional>
#include <string>
#include <string_view>

#include "core/cache/cache_policy.h"
#include "core/cache/enum_format.h"
#include "core/cache/ttl.h"
#include "core/http/cache_control.h"
#include "core/http/message.h"

namespace cdnsim::core::cache {

// The behaviour settings that cacheability depends on.
struct CacheabilitySettings {
  TtlSettings ttl{};               // Min/Default/Max TTL; 0/0/0 = CachingDisabled
  bool cacheOptions = false;       // "Cached HTTP methods" includes OPTIONS (CLOUDFRONT.md §10)
  bool forwardCookies = false;     // cookies forwarded to the origin (in the cache key or policy)
  bool forwardAuthorization = false;  // Authorization forwarded to the origin (for GET/HEAD
                                      // CloudFront forwards it only when it is in the cache key)
  std::optional<std::string> validate() const { return ttl.validate(); }
  bool operator==(const CacheabilitySettings&) const = default;
};

// A cache policy's settings as the cacheability rules see them: its TTLs, and whether cookies
// reach the origin (any cookie in the key forwards cookies, DG/controlling-the-cache-key.html).
CacheabilitySettings cacheabilityOf(const CachePolicyConfig& policy);

enum class RequestCacheability {
  Cacheable,           // GET/HEAD (and OPTIONS when cached): look the key up
  MethodNotCached,     // other methods go to the origin and are never stored (CLOUDFRONT.md §10)
  CachingDisabled,     // Min = Default = Max = 0 (CachingDisabled policy)
};
std::string_view toString(RequestCacheability r);

// Viewer Cache-Control and Pragma are deliberately not consulted: a viewer cannot force a
// refetch at CloudFront (CLOUDFRONT.md §1).
RequestCacheability requestCacheability(const CacheabilitySettings& settings, std::string_view method);

// Which path a status takes.
enum class StatusClass {
  Normal,  // cached under the TTL rules
  Error,   // 4xx/5xx: see error_caching.h
  Never,   // never stored
};
std::string_view toString(StatusClass c);
StatusClass classifyStatus(int status);

enum class StorageRule {
  Stored,                    // store under the TTL rules
  StoredForMinTtl,           // no-store/no-cache/private, but Min TTL > 0 (DG/Expiration.html)
  ErrorCachingRules,         // a 4xx/5xx: defer to decideErrorCaching
  CachingDisabled,           // Min = Default = Max = 0
  MethodNotCached,           // only GET/HEAD (and OPTIONS when enabled) are stored
  StatusNotCacheable,        // e.g. 201, 304, 1xx
  NoStore,                   // no-store with Min TTL 0 (RFC 9111 §3, §5.2.2.5)
  Private,                   // private with Min TTL 0 (RFC 9111 §5.2.2.7: not in a shared cache)
  NoCache,                   // no-cache with Min TTL 0 (DG/Expiration.html: not cached)
  AuthorizationNotPublic,    // Authorization forwarded, response lacks public/s-maxage/
                             // must-revalidate (RFC 9111 §3.5)
};
std::string_view toString(StorageRule r);

// What happens to Set-Cookie in a stored response (DG/Cookies.html, CLOUDFRONT.md §4).
enum class SetCookieHandling {
  None,         // the response has no Set-Cookie
  Removed,      // cookies not forwarded: CloudFront removes Set-Cookie; the object is still cached
  KeptInCache,  // cookies forwarded: Set-Cookie is cached with the object and served to all
};
std::string_view toString(SetCookieHandling h);

struct StorageDecision {
  bool store = false;  // false for ErrorCachingRules too: the error rules decide those
  StorageRule rule = StorageRule::Stored;
  SetCookieHandling setCookie = SetCookieHandling::None;
  bool operator==(const StorageDecision&) const = default;
};
std::string toString(const StorageDecision& d);

// `requestHadAuthorization`: the request sent to the origin carried Authorization, i.e. the viewer
// sent one and the behaviour forwards it (CloudFront drops it otherwise on GET/HEAD).
StorageDecision responseStorage(const CacheabilitySettings& settings, std::string_view method,
                                bool requestHadAuthorization, int status,
                                const http::ResponseCacheControl& cc, bool hasSetCookie);

// Convenience: reads method and Authorization from the request, status/Set-Cookie/Cache-Control
// from the response.
StorageDecision responseStorage(const CacheabilitySettings& settings, const http::Request& request,
                                const http::Response& response);

}  // namespace cdnsim::core::cache

CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::RequestCacheability);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::StatusClass);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::StorageRule);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::SetCookieHandling);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::StorageDecision);
