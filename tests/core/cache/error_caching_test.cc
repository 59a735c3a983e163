// Error caching, custom error responses and serving stale content on origin errors
// (CLOUDFRONT.md §1, §2; DG/HTTPStatusCodes.html, DG/GeneratingCustomErrorResponses.html;
// RFC 5861 §4; RFC 9111 §5.2.2.2).
#include "core/cache/error_caching.h"

#include <catch2/catch.hpp>

#include <vector>

#include "tests/core/cache/printing.h"

CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::ErrorCachingDecision)
CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::StaleOnErrorDecision)

namespace cdnsim::core::cache {

namespace {
const TimePoint kErrorNow = fromUnixSeconds(1'800'000'000);
const TtlSettings kErrorDefaultTtl{};
ResponseFreshnessInput withCc(std::string_view cc) {
  ResponseFreshnessInput in;
  in.cacheControl = http::parseResponseCacheControl(cc);
  return in;
}
ErrorCachingDecision cached(std::int64_t s, ErrorCachingRule r) { return {true, seconds(s), r}; }
ErrorCachingDecision notCached(ErrorCachingRule r) { return {false, Duration::zero(), r}; }
}  // namespace

TEST_CASE("which error statuses are cached by default, and for 10 s (DG/HTTPStatusCodes.html)",
          "[cache][errors]") {
  using R = ErrorCachingRule;
  auto [status, cacheControl, expected] = GENERATE(table<int, std::string, ErrorCachingDecision>({
      // Always cached.
      {404, "", cached(10, R::ErrorCachingMinTtl)},
      {414, "", cached(10, R::ErrorCachingMinTtl)},
      {500, "", cached(10, R::ErrorCachingMinTtl)},
      {501, "", cached(10, R::ErrorCachingMinTtl)},
      {502, "", cached(10, R::ErrorCachingMinTtl)},
      {503, "", cached(10, R::ErrorCachingMinTtl)},
      {504, "", cached(10, R::ErrorCachingMinTtl)},
      // Cached only when the origin sends max-age or s-maxage.
      {400, "", notCached(R::NeedsOriginMaxAge)},
      {403, "", notCached(R::NeedsOriginMaxAge)},
      {405, "public", notCached(R::NeedsOriginMaxAge)},
      {412, "", notCached(R::NeedsOriginMaxAge)},
      {415, "", notCached(R::NeedsOriginMaxAge)},
      {403, "max-age=60", cached(60, R::OriginLifetime)},
      {400, "s-maxage=5", cached(10, R::ErrorCachingMinTtl)},  // max(10 s, 5 s)
      // Never cached.
      {416, "max-age=60", notCached(R::NeverCached)},
      {401, "max-age=60", notCached(R::NeverCached)},
      {429, "", notCached(R::NeverCached)},
      {200, "", notCached(R::NotAnError)},
  }));
  CAPTURE(status, cacheControl);
  CHECK(decideErrorCaching(status, withCc(cacheControl), nullptr, kErrorDefaultTtl, kErrorNow) == expected);
}

TEST_CASE("error caching duration = max(Error Caching Min TTL, origin lifetime), capped at Max TTL "
          "(DG/HTTPStatusCodes.html, CLOUDFRONT.md §2)",
          "[cache][errors]") {
  using R = ErrorCachingRule;
  auto [cacheControl, expiresIn, customMin, maxTtl, expected] =
      GENERATE(table<std::string, std::optional<std::int64_t>, std::optional<std::int64_t>,
                     std::int64_t, ErrorCachingDecision>({
          {"max-age=300", std::nullopt, std::nullopt, 31536000, cached(300, R::OriginLifetime)},
          {"s-maxage=200, max-age=300", std::nullopt, std::nullopt, 31536000, cached(200, R::OriginLifetime)},
          {"", 120, std::nullopt, 31536000, cached(120, R::OriginLifetime)},  // Expires counts for 404
          {"max-age=300", std::nullopt, std::nullopt, 100, cached(100, R::CappedAtMaxTtl)},
          {"", std::nullopt, 60, 31536000, cached(60, R::ErrorCachingMinTtl)},  // custom ErrorCachingMinTTL
          {"max-age=30", std::nullopt, 60, 31536000, cached(60, R::ErrorCachingMinTtl)},
          {"max-age=90", std::nullopt, 60, 31536000, cached(90, R::OriginLifetime)},
          {"", std::nullopt, 0, 31536000, ErrorCachingDecision{false, {}, R::ErrorCachingMinTtl}},
          {"max-age=5", std::nullopt, 0, 31536000, cached(5, R::OriginLifetime)},
          // no-cache on an error: only the Error Caching Min TTL (our documented choice).
          {"no-cache, max-age=300", std::nullopt, std::nullopt, 31536000, cached(10, R::ErrorCachingMinTtl)},
      }));
  CAPTURE(cacheControl, expiresIn, customMin);
  ResponseFreshnessInput in = withCc(cacheControl);
  if (expiresIn) in.expires = kErrorNow + seconds(*expiresIn);
  CustomErrorResponse custom;
  custom.errorCode = 404;
  if (customMin) custom.errorCachingMinTtl = seconds(*customMin);
  const TtlSettings ttl{seconds(0), seconds(std::min<std::int64_t>(86400, maxTtl)), seconds(maxTtl)};
  CHECK(decideErrorCaching(404, in, customMin ? &custom : nullptr, ttl, kErrorNow) == expected);
}

TEST_CASE("errors under CachingDisabled, and 501 with no-cache, are never cached (CLOUDFRONT.md §1, §2)",
          "[cache][errors]") {
  using R = ErrorCachingRule;
  CHECK(decideErrorCaching(404, withCc(""), nullptr, TtlSettings{seconds(0), seconds(0), seconds(0)}, kErrorNow) ==
        notCached(R::CachingDisabled));
  CHECK(decideErrorCaching(501, withCc("no-store"), nullptr, kErrorDefaultTtl, kErrorNow) ==
        notCached(R::NoCacheDirective501));
  CHECK(decideErrorCaching(501, withCc("private"), nullptr, kErrorDefaultTtl, kErrorNow) ==
        notCached(R::NoCacheDirective501));
}

TEST_CASE("custom error response validation (DG/GeneratingCustomErrorResponses.html)",
          "[cache][errors][config]") {
  using OS = std::optional<std::string>;
  using OI = std::optional<int>;
  auto [code, path, responseCode, minTtl, ok] =
      GENERATE(table<int, OS, OI, std::optional<std::int64_t>, bool>({
          {404, "/errors/404.html", 200, 30, true},
          {503, std::nullopt, std::nullopt, 0, true},
          {416, "/416.html", 416, std::nullopt, true},
          {504, "/x", 504, 31536000, true},
          {401, std::nullopt, std::nullopt, std::nullopt, false},    // not a customisable code
          {404, "errors/404.html", 200, std::nullopt, false},       // path must start with '/'
          {404, "/404.html", std::nullopt, std::nullopt, false},    // path without code
          {404, std::nullopt, 200, std::nullopt, false},            // code without path
          {404, "/404.html", 302, std::nullopt, false},             // response code not allowed
          {404, std::nullopt, std::nullopt, -1, false},
          {404, std::nullopt, std::nullopt, 31536001, false},
      }));
  CustomErrorResponse r{code, path, responseCode,
                        minTtl ? std::optional(seconds(*minTtl)) : std::nullopt};
  CAPTURE(code, path, responseCode, minTtl);
  CHECK(r.validate().has_value() == !ok);
}

TEST_CASE("custom error responses: matching rule, rewritten status, page path "
          "(DG/GeneratingCustomErrorResponses.html)",
          "[cache][errors]") {
  const std::vector<CustomErrorResponse> rules{
      {404, "/errors/404.html", 200, seconds(30)},
      {503, std::nullopt, std::nullopt, seconds(0)},
  };
  auto [status, capacity, viewerStatus, page] =
      GENERATE(table<int, bool, int, std::optional<std::string>>({
          {404, false, 200, "/errors/404.html"},
          {503, false, 503, std::nullopt},
          {503, true, 503, std::nullopt},   // CapacityExceeded never uses a custom page
          {500, false, 500, std::nullopt},  // no rule
      }));
  const auto* rule = findCustomErrorResponse(rules, status, capacity);
  CHECK((rule != nullptr) == (status != 500 && !capacity));
  auto action = customErrorAction(status, rule);
  CHECK(action.viewerStatus == viewerStatus);
  CHECK((action.pagePath ? std::optional<std::string>(*action.pagePath) : std::nullopt) == page);
}

TEST_CASE("a custom error response applies only to its own error code "
          "(DG/GeneratingCustomErrorResponses.html)",
          "[cache][errors]") {
  const CustomErrorResponse rule{404, "/404.html", 200, seconds(300)};
  CHECK(customErrorAction(503, &rule) == CustomErrorAction{503, std::nullopt});
  CHECK(customErrorAction(404, nullptr) == CustomErrorAction{404, std::nullopt});
  // Its ErrorCachingMinTTL replaces the 10 s default for that code.
  CHECK(decideErrorCaching(404, withCc(""), &rule, kErrorDefaultTtl, kErrorNow) ==
        cached(300, ErrorCachingRule::ErrorCachingMinTtl));
}

TEST_CASE("serving an expired object when the origin fails (CLOUDFRONT.md §1, §2; RFC 5861 §4; "
          "RFC 9111 §5.2.2.2)",
          "[cache][errors][stale]") {
  using R = StaleOnErrorRule;
  const TtlSettings settings{seconds(0), seconds(86400), seconds(600)};
  const TtlDecision ttl{true, seconds(60), TtlRule::MaxAge, TtlClamp::None};
  auto [cacheControl, originStatus, ageS, expected] =
      GENERATE(table<std::string, std::optional<int>, std::int64_t, StaleOnErrorDecision>({
          // Default rule: 5xx or no answer -> serve the expired object for Error Caching Min TTL.
          {"max-age=60", 502, 100, StaleOnErrorDecision{true, seconds(10), R::ServeExpiredDefault}},
          {"max-age=60", 500, 100, StaleOnErrorDecision{true, seconds(10), R::ServeExpiredDefault}},
          {"max-age=60", std::nullopt, 100, StaleOnErrorDecision{true, seconds(10), R::ServeExpiredDefault}},
          // 4xx is passed through; a 2xx/3xx is a normal answer.
          {"max-age=60", 404, 100, StaleOnErrorDecision{false, {}, R::OriginAnswered}},
          {"max-age=60", 403, 100, StaleOnErrorDecision{false, {}, R::OriginAnswered}},
          {"max-age=60", 200, 100, StaleOnErrorDecision{false, {}, R::OriginAnswered}},
          // stale-if-error: window min(value, Max TTL) past expiry.
          {"max-age=60, stale-if-error=300", 503, 100, StaleOnErrorDecision{true, seconds(260), R::StaleIfError}},
          {"max-age=60, stale-if-error=300", 503, 360, StaleOnErrorDecision{true, seconds(0), R::StaleIfError}},
          {"max-age=60, stale-if-error=300", 503, 361, StaleOnErrorDecision{false, {}, R::StaleIfErrorExpired}},
          {"max-age=60, stale-if-error=9999", std::nullopt, 600, StaleOnErrorDecision{true, seconds(60), R::StaleIfError}},
          {"max-age=60, stale-if-error=0", 503, 61, StaleOnErrorDecision{false, {}, R::ForbiddenStaleIfErrorZero}},
          {"max-age=60, must-revalidate", 503, 61, StaleOnErrorDecision{false, {}, R::ForbiddenMustRevalidate}},
          {"max-age=60, proxy-revalidate, stale-if-error=300", std::nullopt, 61,
           StaleOnErrorDecision{false, {}, R::ForbiddenMustRevalidate}},
          // RFC 9111 §5.2.2.10: s-maxage implies proxy-revalidate in a shared cache.
          {"s-maxage=60", 503, 61, StaleOnErrorDecision{false, {}, R::ForbiddenMustRevalidate}},
          // ... unless the response grants a stale window itself (our choice, core/cache/freshness.cc).
          {"s-maxage=60, stale-if-error=300", 503, 100, StaleOnErrorDecision{true, seconds(260), R::StaleIfError}},
      }));
  CAPTURE(cacheControl, originStatus, ageS);
  auto w = freshnessWindows(settings, ttl, http::parseResponseCacheControl(cacheControl));
  CHECK(decideStaleOnError(originStatus, w, seconds(ageS)) == expected);
}

TEST_CASE("no-cache with Min TTL > 0: the earlier copy is served when the origin is unreachable "
          "(CLOUDFRONT.md §1)",
          "[cache][errors][stale]") {
  const TtlSettings settings{seconds(30), seconds(86400), seconds(31536000)};
  const auto in = withCc("no-cache");
  const auto ttl = computeTtl(settings, in, kErrorNow);
  REQUIRE(ttl.rule == TtlRule::NoCacheWithMinTtl);
  auto w = freshnessWindows(settings, ttl, in.cacheControl);
  CHECK(decideStaleOnError(std::nullopt, w, seconds(45), seconds(20)) ==
        StaleOnErrorDecision{true, seconds(20), StaleOnErrorRule::ServeExpiredDefault});
}

TEST_CASE("error decisions print their rule", "[cache][errors]") {
  CHECK(fmt::format("{}", cached(10, ErrorCachingRule::ErrorCachingMinTtl)) ==
        "cache ttl=10s rule=Error Caching Min TTL");
  CHECK(fmt::format("{}", StaleOnErrorDecision{true, seconds(10), StaleOnErrorRule::ServeExpiredDefault}) ==
        "serve stale for 10s (serve expired object (default))");
}

}  // namespace cdnsim::core::cache
