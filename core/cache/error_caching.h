#pragma once
// Error caching and serving stale content on origin errors (CLOUDFRONT.md §2,
// DG/HTTPStatusCodes.html, DG/GeneratingCustomErrorResponses.html, RFC 5861 §4).
//
// Which 4xx/5xx CloudFront caches, and for how long:
// - always: 404, 414, 500, 501, 502, 503, 504;
// - only when the origin sends max-age or s-maxage: 400, 403, 405, 412, 415;
// - never: 416, and every other 4xx/5xx (not listed by CloudFront: our conservative choice);
// - nothing under CachingDisabled.
// Duration = max(Error Caching Min TTL (10 s unless a custom error response sets it), the error's
// s-maxage / max-age / Expires lifetime), never above the behaviour's Max TTL.
// An error carrying no-store/no-cache/private is cached for the Error Caching Min TTL only, by
// analogy with the Min TTL row of the expiration table, except a 501, which is then never cached
// (CLOUDFRONT.md §1, S3 origins; we apply it to every origin). This choice is unverified.

#include <optional>
#include <span>
#include <string>

#include "core/cache/enum_format.h"
#include "core/cache/freshness.h"
#include "core/cache/ttl.h"
#include "core/time.h"

namespace cdnsim::core::cache {

// CloudFront's default Error Caching Min TTL.
inline constexpr Duration kDefaultErrorCachingMinTtl = seconds(10);

// One CustomErrorResponse of a distribution (DG/GeneratingCustomErrorResponses.html).
struct CustomErrorResponse {
  int errorCode = 404;                          // origin status it applies to: 400, 403, 404,
                                                // 405, 414, 416, 500-504
  std::optional<std::string> responsePagePath;  // page served instead; starts with '/', fetched
                                                // through the behaviour matching that path
  std::optional<int> responseCode;              // status sent to the viewer with the page:
                                                // 200, 400, 403, 404, 405, 414, 416, 500-504
  std::optional<Duration> errorCachingMinTtl;   // 0..31536000 s; absent = 10 s
  // An error message, or nullopt. ResponsePagePath and ResponseCode go together (the API rejects
  // one without the other).
  std::optional<std::string> validate() const;
  bool operator==(const CustomErrorResponse&) const = default;
};

// The rule for `status` among a distribution's custom error responses, if any. Capacity errors
// CloudFront generates itself (503 CapacityExceeded / LimitExceeded) never use a custom page.
const CustomErrorResponse* findCustomErrorResponse(std::span<const CustomErrorResponse> rules,
                                                   int status, bool edgeCapacityError = false);

enum class ErrorCachingRule {
  NotAnError,             // status is not 4xx/5xx: use the normal TTL rules
  CachingDisabled,        // Min = Default = Max = 0
  NeverCached,            // 416, or a 4xx/5xx CloudFront does not cache
  NeedsOriginMaxAge,      // 400/403/405/412/415 without max-age/s-maxage: not cached
  NoCacheDirective501,    // 501 with no-store/no-cache/private: never cached
  ErrorCachingMinTtl,     // cached for the Error Caching Min TTL (the origin asked for less)
  OriginLifetime,         // cached for the origin's s-maxage/max-age/Expires (more than the min)
  CappedAtMaxTtl,         // either of the above, lowered to the behaviour's Max TTL
};
std::string_view toString(ErrorCachingRule r);

struct ErrorCachingDecision {
  bool cache = false;
  Duration ttl{0};  // how long the error is served from cache before the origin is retried
  ErrorCachingRule rule = ErrorCachingRule::NotAnError;
  bool operator==(const ErrorCachingDecision&) const = default;
};
std::string toString(const ErrorCachingDecision& d);

// `custom` is the rule findCustomErrorResponse returned (or null); its ErrorCachingMinTTL replaces
// the 10 s default. `now` stands in for a missing Date when computing an Expires lifetime.
ErrorCachingDecision decideErrorCaching(int status, const ResponseFreshnessInput& error,
                                        const CustomErrorResponse* custom, const TtlSettings& ttl,
                                        TimePoint now);

// What the viewer gets for an origin error: the status sent, and the page to fetch instead.
struct CustomErrorAction {
  int viewerStatus = 0;                       // ResponseCode, or the origin's status
  std::optional<std::string_view> pagePath;   // ResponsePagePath (a view into the rule)
  bool operator==(const CustomErrorAction&) const = default;
};
CustomErrorAction customErrorAction(int originStatus, const CustomErrorResponse* custom);

// Serving an expired object when the origin fails.
enum class StaleOnErrorRule {
  OriginAnswered,           // not an error (or 4xx, which CloudFront passes through)
  StaleIfError,             // inside the stale-if-error window (preferred over custom pages)
  StaleIfErrorExpired,      // past the stale-if-error window: the error goes to the viewer
  ForbiddenStaleIfErrorZero,// stale-if-error=0
  ForbiddenMustRevalidate,  // must-revalidate / proxy-revalidate (RFC 9111 §5.2.2.2)
  CustomErrorPage,          // no stale-if-error, and a custom error page is set for the status:
                            // the page goes to the viewer instead
  ServeExpiredDefault,      // CloudFront's default: serve the expired object, retry later
};
std::string_view toString(StaleOnErrorRule r);

struct StaleOnErrorDecision {
  bool serveStale = false;
  // How long to keep serving the stale object before trying the origin again (default rule: the
  // Error Caching Min TTL; stale-if-error: the rest of its window).
  Duration retryAfter{0};
  StaleOnErrorRule rule = StaleOnErrorRule::OriginAnswered;
  bool operator==(const StaleOnErrorDecision&) const = default;
};
std::string toString(const StaleOnErrorDecision& d);

// `originStatus`: nullopt when the origin did not answer (connection failure or timeout), else
// its status. `windows` and `currentAge` describe the stored, expired object. Errors are 5xx or
// no answer (CLOUDFRONT.md §2: "Expired object in cache + origin 5xx or no answer ... A 4xx is
// passed through instead").
// `customErrorPage`: the distribution has a custom error response with a page for this status (a
// connection failure or timeout counts as 502/504). DG/RequestAndResponseBehaviorCustomOrigin.html
// ("Origin unavailable"): CloudFront "either serves the expired version of the object or serves a
// custom error page"; stale-if-error is preferred over custom error pages (DG/Expiration.html),
// so the page wins only over the default rule.
StaleOnErrorDecision decideStaleOnError(std::optional<int> originStatus,
                                        const FreshnessWindows& windows, Duration currentAge,
                                        Duration errorCachingMinTtl = kDefaultErrorCachingMinTtl,
                                        bool customErrorPage = false);

}  // namespace cdnsim::core::cache

CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::ErrorCachingRule);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::ErrorCachingDecision);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::StaleOnErrorRule);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::StaleOnErrorDecision);
