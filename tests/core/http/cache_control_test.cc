// Cache-Control parsing (RFC 9111 §5.2): directives, quoted values, duplicates, extensions, junk.
#include "core/http/cache_control.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace cdnsim::core::http {

namespace {
std::optional<std::int64_t> secs(const std::optional<Duration>& d) {
  if (!d) return std::nullopt;
  return wholeSeconds(*d);
}
constexpr std::optional<std::int64_t> none = std::nullopt;
}  // namespace

TEST_CASE("response lifetimes: max-age and s-maxage (RFC 9111 §5.2.2.1, §5.2.2.10, §1.2.2)",
          "[http][cache-control]") {
  auto [value, maxAge, sMaxAge, invalid] = GENERATE(table<std::string, std::optional<std::int64_t>,
                                                          std::optional<std::int64_t>, bool>({
      {"max-age=60", 60, none, false},
      {"MAX-AGE=60", 60, none, false},                   // directive names are case-insensitive
      {"max-age=\"60\"", 60, none, false},               // §5.2: quoted form accepted
      {"  max-age = 60  ", 60, none, false},             // whitespace around '=' tolerated
      {"s-maxage=30, max-age=60", 60, 30, false},
      {"max-age=0", 0, none, false},
      {"max-age=99999999999999999999", 2147483648, none, false},  // §1.2.2: saturate at 2^31
      {"max-age=60, max-age=60", 60, none, false},       // identical duplicate: harmless
      {"max-age=60, max-age=120", 0, none, true},        // §4.2.1 conflicting: stale
      {"max-age=abc", 0, none, true},                    // §4.2.1 invalid: stale
      {"max-age=-5", 0, none, true},
      {"max-age=1.5", 0, none, true},
      {"max-age=", 0, none, true},
      {"max-age", 0, none, true},
      {"s-maxage=x, max-age=60", 60, 0, true},
      {"", none, none, false},
  }));
  CAPTURE(value);
  auto cc = parseResponseCacheControl(value);
  CHECK(secs(cc.maxAge) == maxAge);
  CHECK(secs(cc.sMaxAge) == sMaxAge);
  CHECK(cc.invalidFreshness == invalid);
}

TEST_CASE("response flags are recognised in any case and order (RFC 9111 §5.2.2)",
          "[http][cache-control]") {
  auto cc = parseResponseCacheControl(
      "Public, PRIVATE, no-cache, no-store, must-revalidate, proxy-revalidate, no-transform, "
      "immutable, must-understand");
  CHECK(cc.isPublic);
  CHECK(cc.isPrivate);
  CHECK(cc.noCache);
  CHECK(cc.noStore);
  CHECK(cc.mustRevalidate);
  CHECK(cc.proxyRevalidate);
  CHECK(cc.noTransform);
  CHECK(cc.immutable);
  CHECK(cc.mustUnderstand);
  CHECK_FALSE(cc.invalidFreshness);
}

TEST_CASE("qualified no-cache and private act unqualified, commas inside quotes do not split "
          "(RFC 9111 §5.2.2.4, §5.2.2.7)",
          "[http][cache-control]") {
  auto cc = parseResponseCacheControl(R"(no-cache="Set-Cookie, X-Foo", max-age=5, private="a")");
  CHECK(cc.noCache);
  CHECK(cc.isPrivate);
  CHECK(secs(cc.maxAge) == 5);
  CHECK_FALSE(cc.isPublic);
}

TEST_CASE("unknown extensions and junk are ignored (RFC 9111 §5.2.3)", "[http][cache-control]") {
  auto value = GENERATE(as<std::string>{}, "community=\"UCI\", max-age=7", ",,, max-age=7 ,,",
                        "{junk}, max-age=7, =5", "max-age=7, \"unterminated", "x=\"a\\\"b\", max-age=7",
                        "max-age=7, no-cache\x01");
  CAPTURE(value);
  auto cc = parseResponseCacheControl(value);
  CHECK(secs(cc.maxAge) == 7);
  CHECK_FALSE(cc.invalidFreshness);
  CHECK_FALSE(cc.isPublic);
}

TEST_CASE("stale-while-revalidate / stale-if-error: invalid ignored, repeats take the smallest "
          "(RFC 5861 §3, §4)",
          "[http][cache-control]") {
  auto [value, swr, sie] =
      GENERATE(table<std::string, std::optional<std::int64_t>, std::optional<std::int64_t>>({
          {"stale-while-revalidate=30", 30, none},
          {"stale-if-error=600", none, 600},
          {"stale-if-error=0", none, 0},
          {"stale-while-revalidate=30, stale-while-revalidate=10", 10, none},
          {"stale-if-error=bad", none, none},
          {"stale-if-error", none, none},
          {"stale-while-revalidate=\"15\", stale-if-error=20", 15, 20},
      }));
  CAPTURE(value);
  auto cc = parseResponseCacheControl(value);
  CHECK(secs(cc.staleWhileRevalidate) == swr);
  CHECK(secs(cc.staleIfError) == sie);
  CHECK_FALSE(cc.invalidFreshness);
}

TEST_CASE("request directives (RFC 9111 §5.2.1)", "[http][cache-control]") {
  auto [value, maxAge, maxStale, maxStaleAny, minFresh] =
      GENERATE(table<std::string, std::optional<std::int64_t>, std::optional<std::int64_t>, bool,
                     std::optional<std::int64_t>>({
          {"max-age=10", 10, none, false, none},
          {"max-age=oops", 0, none, false, none},  // invalid request max-age: revalidate
          {"max-stale", none, none, true, none},
          {"max-stale=30", none, 30, false, none},
          {"max-stale=x", none, none, false, none},
          {"min-fresh=20, min-fresh=40", none, none, false, 40},  // the stricter one
          {"min-fresh=-1", none, none, false, none},
      }));
  CAPTURE(value);
  auto cc = parseRequestCacheControl(value);
  CHECK(secs(cc.maxAge) == maxAge);
  CHECK(secs(cc.maxStale) == maxStale);
  CHECK(cc.maxStaleAny == maxStaleAny);
  CHECK(secs(cc.minFresh) == minFresh);
}

TEST_CASE("request flags (RFC 9111 §5.2.1.4-7)", "[http][cache-control]") {
  auto cc = parseRequestCacheControl("No-Cache, no-store, no-transform, only-if-cached, foo=bar");
  CHECK(cc.noCache);
  CHECK(cc.noStore);
  CHECK(cc.noTransform);
  CHECK(cc.onlyIfCached);
  CHECK(toString(cc) == "no-cache, no-store, no-transform, only-if-cached");
}

TEST_CASE("toString lists what was understood", "[http][cache-control]") {
  CHECK(toString(parseResponseCacheControl("public,max-age=60,s-maxage=5,junk")) ==
        "max-age=60, s-maxage=5, public");
  CHECK(toString(parseResponseCacheControl("max-age=a")) == "max-age=0, (invalid freshness)");
}

}  // namespace cdnsim::core::http
