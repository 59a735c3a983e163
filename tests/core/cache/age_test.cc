// Age calculation (RFC 9111 §4.2.3) and the freshness states built on it (RFC 9111 §4.2,
// RFC 5861, CLOUDFRONT.md §1).
#include "core/cache/age.h"

#include <catch2/catch.hpp>

#include "core/cache/freshness.h"
#include "tests/core/cache/cache_test_clock.h"
#include "tests/core/cache/printing.h"

CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::FreshnessState)
CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::StoredEntryAction)

namespace cdnsim::core::cache {

TEST_CASE("current_age = max(apparent_age, age_value + response_delay) + resident_time "
          "(RFC 9111 §4.2.3)",
          "[cache][age]") {
  // Times are seconds after testing::kCacheClockStart; date absent is written as nullopt.
  auto [date, ageValue, requestTime, responseTime, now, expectedAge] =
      GENERATE(table<std::optional<std::int64_t>, std::int64_t, std::int64_t, std::int64_t, std::int64_t,
                     std::int64_t>({
          {0, 0, 0, 0, 0, 0},        // just fetched from the origin
          {0, 0, 0, 0, 30, 30},      // resident for 30 s
          {0, 0, 0, 2, 2, 2},        // 2 s response delay
          {-50, 0, 0, 0, 10, 60},    // apparent age from an old Date
          {0, 100, 0, 1, 1, 101},    // an upstream tier said Age: 100, plus the delay
          {-50, 20, 0, 0, 0, 50},    // apparent age wins over a smaller corrected age
          {10, 0, 0, 0, 5, 5},       // Date in the future: apparent age 0
          {std::nullopt, 7, 0, 0, 3, 10},  // no Date: apparent age 0
          {0, 0, 0, 10, 5, 10},      // `now` before the response: no negative resident time
  }));
  AgeInputs in{date ? std::optional(testing::cacheClockAt(*date)) : std::nullopt, seconds(ageValue),
               testing::cacheClockAt(requestTime), testing::cacheClockAt(responseTime)};
  CHECK(wholeSeconds(currentAge(in, testing::cacheClockAt(now))) == expectedAge);
  CHECK(currentAge(correctedInitialAge(in), in.responseTime, testing::cacheClockAt(now)) ==
        currentAge(in, testing::cacheClockAt(now)));
}

TEST_CASE("Age header is whole seconds, rounded down (RFC 9111 §5.1)", "[cache][age]") {
  auto [micros, header] = GENERATE(table<std::int64_t, std::int64_t>({
      {0, 0}, {999'999, 0}, {1'000'000, 1}, {61'500'000, 61}, {-5, 0}}));
  CHECK(ageHeaderSeconds(Duration(micros)) == header);
}

TEST_CASE("age inputs come from the parsed Date and Age (RFC 9111 §4.2.3)", "[cache][age]") {
  ResponseFreshnessInput r;
  r.date = testing::cacheClockAt(-10);
  r.age = seconds(3);
  auto in = ageInputsFrom(r, testing::cacheClockAt(0), testing::cacheClockAt(1));
  CHECK(in.dateValue == testing::cacheClockAt(-10));
  CHECK(in.ageValue == seconds(3));
  CHECK(wholeSeconds(correctedInitialAge(in)) == 11);
}

TEST_CASE("freshness state: fresh while age < lifetime, then stale-while-revalidate, then stale "
          "(RFC 9111 §4.2, RFC 5861 §3, CLOUDFRONT.md §1)",
          "[cache][freshness]") {
  // Max TTL 100 s caps the stale-while-revalidate window.
  const TtlSettings settings{seconds(0), seconds(50), seconds(100)};
  auto [cacheControl, ttlS, ageS, expected] =
      GENERATE(table<std::string, std::int64_t, std::int64_t, FreshnessState>({
          {"max-age=60", 60, 59, FreshnessState::Fresh},
          {"max-age=60", 60, 60, FreshnessState::Stale},  // lifetime must exceed age
          {"max-age=0", 0, 0, FreshnessState::Stale},     // TTL 0: revalidate every request
          {"max-age=60, stale-while-revalidate=30", 60, 80, FreshnessState::StaleWhileRevalidate},
          {"max-age=60, stale-while-revalidate=30", 60, 90, FreshnessState::Stale},
          {"max-age=60, stale-while-revalidate=500", 60, 159, FreshnessState::StaleWhileRevalidate},
          {"max-age=60, stale-while-revalidate=500", 60, 160, FreshnessState::Stale},  // min(500, Max 100)
          {"max-age=60, stale-while-revalidate=30, must-revalidate", 60, 61, FreshnessState::Stale},
          {"max-age=60, stale-while-revalidate=30, proxy-revalidate", 60, 61, FreshnessState::Stale},
          {"s-maxage=60, stale-while-revalidate=30", 60, 61, FreshnessState::StaleWhileRevalidate},
      }));
  CAPTURE(cacheControl, ageS);
  const auto cc = http::parseResponseCacheControl(cacheControl);
  const TtlDecision ttl{true, seconds(ttlS), TtlRule::MaxAge, TtlClamp::None};
  CHECK(freshnessState(freshnessWindows(settings, ttl, cc), seconds(ageS)) == expected);
}

TEST_CASE("stale-if-error window is min(value, Max TTL); must-revalidate forbids it "
          "(RFC 5861 §4, RFC 9111 §5.2.2.2, CLOUDFRONT.md §1)",
          "[cache][freshness]") {
  const TtlSettings settings{seconds(0), seconds(50), seconds(100)};
  auto [cacheControl, window] = GENERATE(table<std::string, std::optional<std::int64_t>>({
      {"max-age=60", std::nullopt},
      {"max-age=60, stale-if-error=30", 30},
      {"max-age=60, stale-if-error=3000", 100},
      {"max-age=60, stale-if-error=0", 0},
      {"max-age=60, stale-if-error=30, must-revalidate", 0},
  }));
  CAPTURE(cacheControl);
  const TtlDecision ttl{true, seconds(60), TtlRule::MaxAge, TtlClamp::None};
  auto w = freshnessWindows(settings, ttl, http::parseResponseCacheControl(cacheControl));
  std::optional<std::int64_t> got;
  if (w.staleIfError) got = wholeSeconds(*w.staleIfError);
  CHECK(got == window);
}

TEST_CASE("what a node does with a stored entry (RFC 9111 §4.3.1, CLOUDFRONT.md §1, §3)",
          "[cache][freshness]") {
  auto [state, hasValidator, varyAny, expected] =
      GENERATE(table<FreshnessState, bool, bool, StoredEntryAction>({
          {FreshnessState::Fresh, false, false, StoredEntryAction::ServeHit},
          {FreshnessState::StaleWhileRevalidate, true, false, StoredEntryAction::ServeStaleAndRefresh},
          {FreshnessState::Stale, true, false, StoredEntryAction::Revalidate},
          {FreshnessState::Stale, false, false, StoredEntryAction::Refetch},
          // Vary: * with Min TTL 0: every request to the origin, without validators.
          {FreshnessState::Fresh, true, true, StoredEntryAction::Refetch},
      }));
  CHECK(decideStoredEntryAction(state, hasValidator, varyAny) == expected);
}

}  // namespace cdnsim::core::cache
