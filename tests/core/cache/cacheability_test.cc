// Request and response cacheability (RFC 9111 §3, §3.5; CLOUDFRONT.md §1, §2, §7, §10).
#include "core/cache/cacheability.h"

#include <catch2/catch.hpp>

#include "tests/core/cache/printing.h"

CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::RequestCacheability)
CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::StatusClass)
CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::StorageDecision)

namespace cdnsim::core::cache {

namespace {
const TtlSettings kDefaultTtl{};
const TtlSettings kMinTtl60{seconds(60), seconds(86400), seconds(31536000)};
const TtlSettings kCachingDisabled{seconds(0), seconds(0), seconds(0)};
CacheabilitySettings behaviour(TtlSettings ttl, bool options = false) {
  CacheabilitySettings s;
  s.ttl = ttl;
  s.cacheOptions = options;
  return s;
}
}  // namespace

TEST_CASE("only GET and HEAD, and OPTIONS when enabled, are looked up (CLOUDFRONT.md §10)",
          "[cache][cacheability]") {
  auto [method, options, ttl, expected] =
      GENERATE(table<std::string, bool, TtlSettings, RequestCacheability>({
          {"GET", false, kDefaultTtl, RequestCacheability::Cacheable},
          {"HEAD", false, kDefaultTtl, RequestCacheability::Cacheable},
          {"OPTIONS", false, kDefaultTtl, RequestCacheability::MethodNotCached},
          {"OPTIONS", true, kDefaultTtl, RequestCacheability::Cacheable},
          {"POST", true, kDefaultTtl, RequestCacheability::MethodNotCached},
          {"PUT", false, kDefaultTtl, RequestCacheability::MethodNotCached},
          {"DELETE", false, kDefaultTtl, RequestCacheability::MethodNotCached},
          {"PATCH", false, kDefaultTtl, RequestCacheability::MethodNotCached},
          {"get", false, kDefaultTtl, RequestCacheability::MethodNotCached},  // RFC 9110 §9.1 case-sensitive
          {"GET", false, kCachingDisabled, RequestCacheability::CachingDisabled},
      }));
  CAPTURE(method);
  CHECK(requestCacheability(behaviour(ttl, options), method) == expected);
}

TEST_CASE("status codes: normal TTL rules, error caching rules, never (DG/HTTPStatusCodes.html, "
          "RFC 9110 §15.1)",
          "[cache][cacheability]") {
  auto [status, expected] = GENERATE(table<int, StatusClass>({
      {200, StatusClass::Normal}, {203, StatusClass::Normal}, {204, StatusClass::Normal},
      {206, StatusClass::Normal}, {300, StatusClass::Normal}, {301, StatusClass::Normal},
      {302, StatusClass::Normal}, {307, StatusClass::Normal}, {308, StatusClass::Normal},
      {410, StatusClass::Normal}, {404, StatusClass::Error},  {403, StatusClass::Error},
      {416, StatusClass::Error},  {503, StatusClass::Error},  {100, StatusClass::Never},
      {201, StatusClass::Never},  {304, StatusClass::Never},  {0, StatusClass::Never},
      {600, StatusClass::Never},  {-1, StatusClass::Never},
  }));
  CAPTURE(status);
  CHECK(classifyStatus(status) == expected);
}

TEST_CASE("response storage: directives, Min TTL, method, status (DG/Expiration.html, RFC 9111 §3)",
          "[cache][cacheability]") {
  using R = StorageRule;
  auto [ttl, method, status, cacheControl, store, rule] =
      GENERATE(table<TtlSettings, std::string, int, std::string, bool, StorageRule>({
          {kDefaultTtl, "GET", 200, "max-age=60", true, R::Stored},
          {kDefaultTtl, "HEAD", 200, "", true, R::Stored},
          {kDefaultTtl, "GET", 200, "no-store", false, R::NoStore},
          {kDefaultTtl, "GET", 200, "private, max-age=60", false, R::Private},
          {kDefaultTtl, "GET", 200, "no-cache", false, R::NoCache},
          {kMinTtl60, "GET", 200, "no-store", true, R::StoredForMinTtl},
          {kMinTtl60, "GET", 200, "private", true, R::StoredForMinTtl},
          {kMinTtl60, "GET", 200, "no-cache", true, R::StoredForMinTtl},
          {kCachingDisabled, "GET", 200, "max-age=600", false, R::CachingDisabled},
          {kDefaultTtl, "POST", 200, "max-age=600", false, R::MethodNotCached},
          {kDefaultTtl, "OPTIONS", 200, "max-age=600", false, R::MethodNotCached},
          {kDefaultTtl, "GET", 201, "max-age=600", false, R::StatusNotCacheable},
          {kDefaultTtl, "GET", 304, "max-age=600", false, R::StatusNotCacheable},
          {kDefaultTtl, "GET", 404, "max-age=600", false, R::ErrorCachingRules},
          {kDefaultTtl, "GET", 301, "", true, R::Stored},  // 3xx cached by the normal rules
      }));
  CAPTURE(method, status, cacheControl);
  auto d = responseStorage(behaviour(ttl), method, false, status,
                           http::parseResponseCacheControl(cacheControl), false);
  CHECK(d == StorageDecision{store, rule, SetCookieHandling::None});
}

TEST_CASE("Authorization: stored only with public, s-maxage or must-revalidate (RFC 9111 §3.5)",
          "[cache][cacheability]") {
  auto [cacheControl, store] = GENERATE(table<std::string, bool>({
      {"max-age=60", false},
      {"", false},
      {"public", true},
      {"s-maxage=60", true},
      {"must-revalidate, max-age=60", true},
  }));
  CAPTURE(cacheControl);
  CacheabilitySettings s = behaviour(kDefaultTtl);
  s.forwardAuthorization = true;
  http::Request req{"GET", "d.example", "/a", "", {{"Authorization", "Bearer x"}}};
  http::Response resp{200, {{"Cache-Control", cacheControl}}, 10};
  auto d = responseStorage(s, req, resp);
  CHECK(d.store == store);
  if (!store) CHECK(d.rule == StorageRule::AuthorizationNotPublic);
  // Not forwarded: CloudFront strips Authorization on GET/HEAD, the origin never saw it.
  s.forwardAuthorization = false;
  CHECK(responseStorage(s, req, resp).store);
}

TEST_CASE("Set-Cookie does not prevent caching; it is removed unless cookies are forwarded "
          "(DG/Cookies.html, CLOUDFRONT.md §4)",
          "[cache][cacheability]") {
  auto [forwardCookies, hasSetCookie, expected] = GENERATE(table<bool, bool, SetCookieHandling>({
      {false, false, SetCookieHandling::None},
      {false, true, SetCookieHandling::Removed},
      {true, true, SetCookieHandling::KeptInCache},
  }));
  CacheabilitySettings s = behaviour(kDefaultTtl);
  s.forwardCookies = forwardCookies;
  http::Request req;
  http::Response resp{200, {{"Cache-Control", "max-age=60"}}, 10};
  if (hasSetCookie) resp.headers.add("Set-Cookie", "id=1");
  auto d = responseStorage(s, req, resp);
  CHECK(d == StorageDecision{true, StorageRule::Stored, expected});
}

TEST_CASE("storage decisions print their rule", "[cache][cacheability]") {
  CHECK(fmt::format("{}", StorageDecision{false, StorageRule::NoStore, SetCookieHandling::Removed}) ==
        "don't store (no-store, Set-Cookie removed)");
}

TEST_CASE("cacheability settings validate their TTLs (DG/DownloadDistValuesCacheBehavior.html)",
          "[cache][cacheability][config]") {
  CHECK_FALSE(behaviour(kDefaultTtl).validate().has_value());
  CHECK(behaviour(TtlSettings{seconds(10), seconds(5), seconds(100)}).validate() ==
        "Default TTL must be at least the Min TTL");
}

}  // namespace cdnsim::core::cache
