// One object's life through the core/cache pieces, the way a node strings them together:
// store with a TTL, age, expire, revalidate with validators, 304 -> RefreshHit with refreshed
// headers and age, 200 -> replace, origin failure -> stale served (CLOUDFRONT.md §1-§3,
// RFC 9111 §4.2.3, §4.3).
#include <catch2/catch.hpp>

#include "core/cache/age.h"
#include "core/cache/cacheability.h"
#include "core/cache/error_caching.h"
#include "core/cache/freshness.h"
#include "core/cache/revalidation.h"
#include "core/cache/ttl.h"
#include "core/http/http_date.h"
#include "tests/core/cache/cache_test_clock.h"

namespace cdnsim::core::cache {

namespace {

// What a node keeps per entry (the parts these rules need).
struct Entry {
  http::Headers headers;
  TtlDecision ttl;
  FreshnessWindows windows;
  Duration initialAge{0};
  TimePoint responseTime;
};

Entry store(const TtlSettings& s, const http::Headers& h, TimePoint requestTime, TimePoint responseTime) {
  auto in = freshnessInputFrom(h);
  Entry e{h, computeTtl(s, in, responseTime), {}, {}, responseTime};
  e.windows = freshnessWindows(s, e.ttl, in.cacheControl);
  e.initialAge = correctedInitialAge(ageInputsFrom(in, requestTime, responseTime));
  return e;
}

StoredEntryAction lookup(const Entry& e, TimePoint now) {
  auto state = freshnessState(e.windows, currentAge(e.initialAge, e.responseTime, now));
  return decideStoredEntryAction(state, hasValidator(e.headers), false);
}
}  // namespace

TEST_CASE("expired entry with an ETag is revalidated; 304 refreshes it (RefreshHit), "
          "200 replaces it (CLOUDFRONT.md §3, RFC 9111 §4.3.4)",
          "[cache][lifecycle]") {
  const TtlSettings settings{};
  http::Headers origin{{"Date", http::formatHttpDate(testing::cacheClockAt(0))},
                       {"Cache-Control", "max-age=60"},
                       {"ETag", "\"v1\""},
                       {"Content-Length", "5000"}};
  Entry e = store(settings, origin, testing::cacheClockAt(0), testing::cacheClockAt(0));
  REQUIRE(e.ttl.store);
  CHECK(lookup(e, testing::cacheClockAt(30)) == StoredEntryAction::ServeHit);
  CHECK(ageHeaderSeconds(currentAge(e.initialAge, e.responseTime, testing::cacheClockAt(30))) == 30);
  // Expired, but kept: revalidate with If-None-Match.
  REQUIRE(lookup(e, testing::cacheClockAt(61)) == StoredEntryAction::Revalidate);
  http::Headers originRequest;
  conditionalHeadersFor(e.headers).applyTo(originRequest);
  CHECK(originRequest.get("If-None-Match") == "\"v1\"");

  SECTION("304: headers merged, lifetime from the 304, age restarts") {
    const http::Headers notModified{{"Date", http::formatHttpDate(testing::cacheClockAt(61))},
                                    {"Cache-Control", "max-age=120"},
                                    {"ETag", "\"v1\""}};
    REQUIRE(classifyRevalidationResponse(e.headers, 304, notModified) == RevalidationOutcome::RefreshHit);
    mergeNotModified(e.headers, notModified);
    e = store(settings, e.headers, testing::cacheClockAt(61), testing::cacheClockAt(61));
    CHECK(e.headers.get("Content-Length") == "5000");
    CHECK(e.ttl.ttl == seconds(120));
    CHECK(lookup(e, testing::cacheClockAt(61)) == StoredEntryAction::ServeHit);
    CHECK(lookup(e, testing::cacheClockAt(180)) == StoredEntryAction::ServeHit);
    CHECK(lookup(e, testing::cacheClockAt(181)) == StoredEntryAction::Revalidate);
  }
  SECTION("200: the new response replaces the entry") {
    const http::Headers fresh{{"Cache-Control", "max-age=10"}, {"ETag", "\"v2\""}};
    REQUIRE(classifyRevalidationResponse(e.headers, 200, fresh) == RevalidationOutcome::Replace);
    e = store(settings, fresh, testing::cacheClockAt(61), testing::cacheClockAt(62));
    CHECK(e.headers.get("ETag") == "\"v2\"");
    // The 1 s response delay counts into its age (RFC 9111 §4.2.3): stale at t = 71, not 72.
    CHECK(lookup(e, testing::cacheClockAt(70)) == StoredEntryAction::ServeHit);
    CHECK(lookup(e, testing::cacheClockAt(71)) == StoredEntryAction::Revalidate);
  }
  SECTION("origin down: the expired object is served for the Error Caching Min TTL") {
    auto age = currentAge(e.initialAge, e.responseTime, testing::cacheClockAt(61));
    CHECK(decideStaleOnError(std::nullopt, e.windows, age) ==
          StaleOnErrorDecision{true, seconds(10), StaleOnErrorRule::ServeExpiredDefault});
  }
}

TEST_CASE("an object from an upper tier arrives with Age and expires sooner (RFC 9111 §4.2.3)",
          "[cache][lifecycle]") {
  // The regional cache fetched it at t=0; the edge gets it at t=40 with Age: 40.
  const http::Headers fromRegional{{"Date", http::formatHttpDate(testing::cacheClockAt(0))},
                                   {"Cache-Control", "max-age=100"},
                                   {"Age", "40"}};
  Entry e = store(TtlSettings{}, fromRegional, testing::cacheClockAt(40), testing::cacheClockAt(40));
  CHECK(lookup(e, testing::cacheClockAt(99)) == StoredEntryAction::ServeHit);
  CHECK(lookup(e, testing::cacheClockAt(100)) == StoredEntryAction::Refetch);  // no validator
  CHECK(ageHeaderSeconds(currentAge(e.initialAge, e.responseTime, testing::cacheClockAt(50))) == 50);
}

TEST_CASE("TTL 0 (Min = Default = 0, no origin lifetime) revalidates on every request "
          "(CLOUDFRONT.md §1)",
          "[cache][lifecycle]") {
  const TtlSettings settings{seconds(0), seconds(0), seconds(31536000)};
  Entry e = store(settings, {{"Last-Modified", http::formatHttpDate(testing::cacheClockAt(-100))}},
                  testing::cacheClockAt(0), testing::cacheClockAt(0));
  REQUIRE(e.ttl.store);
  CHECK(e.ttl.ttl == Duration::zero());
  CHECK(lookup(e, testing::cacheClockAt(0)) == StoredEntryAction::Revalidate);
  CacheabilitySettings cs;
  cs.ttl = settings;
  CHECK(requestCacheability(cs, "GET") == RequestCacheability::Cacheable);
}

}  // namespace cdnsim::core::cache
