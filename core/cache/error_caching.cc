#include "core/cache/error_caching.h"

#include <fmt/format.h>

namespace cdnsim::core::cache {

namespace {
bool isCustomizableError(int code) {
  switch (code) {
    case 400: case 403: case 404: case 405: case 414: case 416:
    case 500: case 501: case 502: case 503: case 504:
      return true;
    default:
      return false;
  }
}
bool isAllowedResponseCode(int code) { return code == 200 || isCustomizableError(code); }
}  // namespace

std::optional<std::string> CustomErrorResponse::validate() const {
  if (!isCustomizableError(errorCode)) {
    return fmt::format("ErrorCode {} cannot have a custom error response "
                       "(allowed: 400, 403, 404, 405, 414, 416, 500-504)", errorCode);
  }
  if (responsePagePath.has_value() != responseCode.has_value()) {
    return std::string("ResponsePagePath and ResponseCode must be given together");
  }
  if (responsePagePath && (responsePagePath->empty() || responsePagePath->front() != '/')) {
    return std::string("ResponsePagePath must start with '/'");
  }
  if (responseCode && !isAllowedResponseCode(*responseCode)) {
    return fmt::format("ResponseCode {} is not allowed (allowed: 200, 400, 403, 404, 405, 414, "
                       "416, 500-504)", *responseCode);
  }
  if (errorCachingMinTtl &&
      (*errorCachingMinTtl < Duration::zero() || *errorCachingMinTtl > seconds(31536000))) {
    return std::string("ErrorCachingMinTTL must be between 0 and 31536000 seconds");
  }
  return std::nullopt;
}

const CustomErrorResponse* findCustomErrorResponse(std::span<const CustomErrorResponse> rules,
                                                   int status, bool edgeCapacityError) {
  if (edgeCapacityError) return nullptr;
  for (const auto& r : rules) {
    if (r.errorCode == status) return &r;
  }
  return nullptr;
}

std::string_view toString(ErrorCachingRule r) {
  switch (r) {
    case ErrorCachingRule::NotAnError: return "not an error";
    case ErrorCachingRule::CachingDisabled: return "CachingDisabled";
    case ErrorCachingRule::NeverCached: return "never cached";
    case ErrorCachingRule::NeedsOriginMaxAge: return "cached only with origin max-age/s-maxage";
    case ErrorCachingRule::NoCacheDirective501: return "501 with no-store/no-cache/private";
    case ErrorCachingRule::ErrorCachingMinTtl: return "Error Caching Min TTL";
    case ErrorCachingRule::OriginLifetime: return "origin lifetime";
    case ErrorCachingRule::CappedAtMaxTtl: return "capped at Max TTL";
  }
  return "?";
}

std::string toString(const ErrorCachingDecision& d) {
  return fmt::format("{} ttl={}s rule={}", d.cache ? "cache" : "don't cache", wholeSeconds(d.ttl),
                     toString(d.rule));
}

ErrorCachingDecision decideErrorCaching(int status, const ResponseFreshnessInput& error,
                                        const CustomErrorResponse* custom, const TtlSettings& ttl,
                                        TimePoint now) {
  using R = ErrorCachingRule;
  if (status < 400 || status > 599) return {false, {}, R::NotAnError};
  if (ttl.cachingDisabled()) return {false, {}, R::CachingDisabled};
  const auto& cc = error.cacheControl;
  bool needsMaxAge = false;
  switch (status) {
    case 404: case 414: case 500: case 501: case 502: case 503: case 504:
      break;
    case 400: case 403: case 405: case 412: case 415:
      needsMaxAge = true;
      break;
    default:
      return {false, {}, R::NeverCached};  // 416 and every unlisted code
  }
  if (needsMaxAge && !cc.maxAge && !cc.sMaxAge) return {false, {}, R::NeedsOriginMaxAge};

  const Duration minTtl = custom && custom->errorCachingMinTtl ? *custom->errorCachingMinTtl
                                                               : kDefaultErrorCachingMinTtl;
  std::optional<Duration> originLifetime;
  const bool noCacheDirective = cc.noStore || cc.noCache || cc.isPrivate;
  if (noCacheDirective) {
    if (status == 501) return {false, {}, R::NoCacheDirective501};
  } else if (cc.sMaxAge) {
    originLifetime = cc.sMaxAge;
  } else if (cc.maxAge) {
    originLifetime = cc.maxAge;
  } else if (error.expires) {
    const Duration d = *error.expires - error.date.value_or(now);
    originLifetime = d > Duration::zero() ? d : Duration::zero();
  }
  Duration result = minTtl;
  R rule = R::ErrorCachingMinTtl;
  if (originLifetime && *originLifetime > minTtl) {
    result = *originLifetime;
    rule = R::OriginLifetime;
  }
  if (result > ttl.maxTtl) {
    result = ttl.maxTtl;
    rule = R::CappedAtMaxTtl;
  }
  // An Error Caching Min TTL of 0 with no origin lifetime: the error is not cached at all.
  return {result > Duration::zero(), result, rule};
}

CustomErrorAction customErrorAction(int originStatus, const CustomErrorResponse* custom) {
  CustomErrorAction a{originStatus, std::nullopt};
  if (custom && custom->errorCode == originStatus) {
    if (custom->responseCode) a.viewerStatus = *custom->responseCode;
    if (custom->responsePagePath) a.pagePath = std::string_view(*custom->responsePagePath);
  }
  return a;
}

std::string_view toString(StaleOnErrorRule r) {
  switch (r) {
    case StaleOnErrorRule::OriginAnswered: return "origin answered";
    case StaleOnErrorRule::StaleIfError: return "stale-if-error";
    case StaleOnErrorRule::StaleIfErrorExpired: return "stale-if-error window over";
    case StaleOnErrorRule::ForbiddenStaleIfErrorZero: return "stale-if-error=0 forbids";
    case StaleOnErrorRule::ForbiddenMustRevalidate: return "must-revalidate forbids";
    case StaleOnErrorRule::CustomErrorPage: return "custom error page";
    case StaleOnErrorRule::ServeExpiredDefault: return "serve expired object (default)";
  }
  return "?";
}

std::string toString(const StaleOnErrorDecision& d) {
  return fmt::format("{} for {}s ({})", d.serveStale ? "serve stale" : "don't serve stale",
                     wholeSeconds(d.retryAfter), toString(d.rule));
}

StaleOnErrorDecision decideStaleOnError(std::optional<int> originStatus, const FreshnessWindows& w,
                                        Duration currentAge, Duration errorCachingMinTtl,
                                        bool customErrorPage) {
  using R = StaleOnErrorRule;
  const bool failed = !originStatus || (*originStatus >= 500 && *originStatus <= 599);
  if (!failed) return {false, {}, R::OriginAnswered};
  if (w.mustRevalidate) return {false, {}, R::ForbiddenMustRevalidate};
  if (w.staleIfError) {
    if (*w.staleIfError == Duration::zero()) return {false, {}, R::ForbiddenStaleIfErrorZero};
    // RFC 5861 §4: usable while staleness (age beyond the lifetime) is within the window.
    const Duration staleness = currentAge - w.lifetime;
    if (staleness > *w.staleIfError) return {false, {}, R::StaleIfErrorExpired};
    return {true, *w.staleIfError - staleness, R::StaleIfError};
  }
  if (customErrorPage) return {false, {}, R::CustomErrorPage};
  return {true, errorCachingMinTtl, R::ServeExpiredDefault};
}

}  // namespace cdnsim::core::cache
