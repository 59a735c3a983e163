// CloudFront's TTL rules: one test per row of the expiration table in CLOUDFRONT.md §1
// (DG/Expiration.html), each checking the "Min TTL = 0" and "Min TTL > 0" columns.
#include "core/cache/ttl.h"

#include <catch2/catch.hpp>

#include "core/http/http_date.h"
#include "tests/core/cache/printing.h"

CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::TtlDecision)

namespace cdnsim::core::cache {

namespace {
const TimePoint kTtlNow = fromUnixSeconds(1'800'000'000);

TtlSettings ttl(std::int64_t minS, std::int64_t defaultS, std::int64_t maxS) {
  return TtlSettings{seconds(minS), seconds(defaultS), seconds(maxS)};
}

ResponseFreshnessInput origin(http::Headers headers) { return freshnessInputFrom(headers); }

TtlDecision stored(std::int64_t s, TtlRule rule, TtlClamp clamp = TtlClamp::None) {
  return TtlDecision{true, seconds(s), rule, clamp};
}
}  // namespace

TEST_CASE("CloudFront expiration table row: max-age only (DG/Expiration.html)", "[cache][ttl]") {
  auto [settings, maxAge, expected] = GENERATE(table<TtlSettings, std::string, TtlDecision>({
      // Min TTL = 0: min(max-age, Max)
      {ttl(0, 86400, 31536000), "max-age=600", stored(600, TtlRule::MaxAge)},
      {ttl(0, 86400, 3600), "max-age=7200", stored(3600, TtlRule::MaxAge, TtlClamp::LoweredToMax)},
      {ttl(0, 86400, 3600), "max-age=0", stored(0, TtlRule::MaxAge)},
      // Min TTL > 0: clamp(max-age, Min, Max)
      {ttl(60, 86400, 3600), "max-age=10", stored(60, TtlRule::MaxAge, TtlClamp::RaisedToMin)},
      {ttl(60, 86400, 3600), "max-age=600", stored(600, TtlRule::MaxAge)},
      {ttl(60, 86400, 3600), "max-age=9999", stored(3600, TtlRule::MaxAge, TtlClamp::LoweredToMax)},
  }));
  CAPTURE(maxAge);
  CHECK(computeTtl(settings, origin({{"Cache-Control", maxAge}}), kTtlNow) == expected);
}

TEST_CASE("CloudFront expiration table row: nothing (no max-age, no Expires) (DG/Expiration.html)",
          "[cache][ttl]") {
  auto [settings, expected] = GENERATE(table<TtlSettings, TtlDecision>({
      {ttl(0, 86400, 31536000), stored(86400, TtlRule::Default)},  // Min 0: Default
      {ttl(0, 0, 3600), stored(0, TtlRule::Default)},
      {ttl(120, 300, 3600), stored(300, TtlRule::Default)},        // Min > 0: max(Min, Default)
      {ttl(500, 300, 3600), stored(500, TtlRule::Default)},        // unvalidated Min > Default
  }));
  CHECK(computeTtl(settings, origin({{"Cache-Control", "public"}}), kTtlNow) == expected);
}

TEST_CASE("CloudFront expiration table row: max-age and s-maxage (DG/Expiration.html)",
          "[cache][ttl]") {
  auto [settings, value, expected] = GENERATE(table<TtlSettings, std::string, TtlDecision>({
      // Min TTL = 0: min(s-maxage, Max); max-age is for viewers only
      {ttl(0, 86400, 31536000), "max-age=10, s-maxage=600", stored(600, TtlRule::SMaxAge)},
      {ttl(0, 86400, 300), "s-maxage=600, max-age=10", stored(300, TtlRule::SMaxAge, TtlClamp::LoweredToMax)},
      // Min TTL > 0: clamp(s-maxage, Min, Max)
      {ttl(60, 86400, 31536000), "max-age=6000, s-maxage=5", stored(60, TtlRule::SMaxAge, TtlClamp::RaisedToMin)},
      {ttl(60, 86400, 31536000), "max-age=5, s-maxage=6000", stored(6000, TtlRule::SMaxAge)},
  }));
  CAPTURE(value);
  CHECK(computeTtl(settings, origin({{"Cache-Control", value}}), kTtlNow) == expected);
}

TEST_CASE("CloudFront expiration table row: Expires only (DG/Expiration.html, RFC 9111 §4.2.1)",
          "[cache][ttl]") {
  const std::string nowText = http::formatHttpDate(kTtlNow);
  auto [settings, expiresIn, withDate, expected] =
      GENERATE(table<TtlSettings, std::int64_t, bool, TtlDecision>({
          // Min TTL = 0: until Expires, or Max if sooner
          {ttl(0, 86400, 31536000), 900, true, stored(900, TtlRule::Expires)},
          {ttl(0, 86400, 31536000), 900, false, stored(900, TtlRule::Expires)},  // now stands in for Date
          {ttl(0, 86400, 600), 900, true, stored(600, TtlRule::Expires, TtlClamp::LoweredToMax)},
          {ttl(0, 86400, 600), -900, true, stored(0, TtlRule::Expires)},  // already expired
          // Min TTL > 0: clamp(Expires - now, Min, Max)
          {ttl(1000, 86400, 31536000), 900, true, stored(1000, TtlRule::Expires, TtlClamp::RaisedToMin)},
          {ttl(100, 86400, 600), 900, true, stored(600, TtlRule::Expires, TtlClamp::LoweredToMax)},
      }));
  http::Headers h{{"Expires", http::formatHttpDate(kTtlNow + seconds(expiresIn))}};
  if (withDate) h.add("Date", nowText);
  CHECK(computeTtl(settings, origin(h), kTtlNow) == expected);
}

TEST_CASE("CloudFront expiration table row: no-cache / no-store / private (DG/Expiration.html)",
          "[cache][ttl]") {
  auto [settings, value, expected] = GENERATE(table<TtlSettings, std::string, TtlDecision>({
      // Min TTL = 0: not cached
      {ttl(0, 86400, 31536000), "no-cache", TtlDecision{false, {}, TtlRule::NoCacheDirective, TtlClamp::None}},
      {ttl(0, 86400, 31536000), "no-store, max-age=600", TtlDecision{false, {}, TtlRule::NoCacheDirective, TtlClamp::None}},
      {ttl(0, 86400, 31536000), "private, max-age=600", TtlDecision{false, {}, TtlRule::NoCacheDirective, TtlClamp::None}},
      // Min TTL > 0: cached for the Min TTL
      {ttl(30, 86400, 31536000), "no-cache", stored(30, TtlRule::NoCacheWithMinTtl)},
      {ttl(30, 86400, 31536000), "no-store", stored(30, TtlRule::NoCacheWithMinTtl)},
      {ttl(30, 86400, 31536000), "private, s-maxage=600", stored(30, TtlRule::NoCacheWithMinTtl)},
  }));
  CAPTURE(value);
  CHECK(computeTtl(settings, origin({{"Cache-Control", value}}), kTtlNow) == expected);
}

TEST_CASE("max-age beats Expires; invalid Expires is in the past (RFC 9111 §5.3, DG/Expiration.html)",
          "[cache][ttl]") {
  auto [headers, expected] = GENERATE_COPY(table<http::Headers, TtlDecision>({
      {http::Headers{{"Cache-Control", "max-age=60"}, {"Expires", http::formatHttpDate(kTtlNow + seconds(900))}},
       stored(60, TtlRule::MaxAge)},
      {http::Headers{{"Expires", "0"}}, stored(0, TtlRule::Expires)},
      {http::Headers{{"Expires", "garbage"}, {"Date", http::formatHttpDate(kTtlNow)}}, stored(0, TtlRule::Expires)},
      // Two different Expires lines: considered stale (RFC 9111 §4.2.1).
      {http::Headers{{"Expires", http::formatHttpDate(kTtlNow + seconds(900))},
                     {"Expires", http::formatHttpDate(kTtlNow + seconds(90))}},
       stored(0, TtlRule::Expires)},
      // Invalid max-age: stale, clamped up to Min (RFC 9111 §4.2.1).
      {http::Headers{{"Cache-Control", "max-age=soon"}}, stored(0, TtlRule::MaxAge)},
  }));
  CHECK(computeTtl(ttl(0, 86400, 31536000), origin(headers), kTtlNow) == expected);
}

TEST_CASE("invalid or conflicting max-age reads as 0 and is raised to a Min TTL above zero "
          "(RFC 9111 §4.2.1, DG/Expiration.html)",
          "[cache][ttl]") {
  auto value = GENERATE(as<std::string>{}, "max-age=abc", "max-age=60, max-age=70", "max-age=-1");
  CAPTURE(value);
  CHECK(computeTtl(ttl(30, 86400, 31536000), origin({{"Cache-Control", value}}), kTtlNow) ==
        stored(30, TtlRule::MaxAge, TtlClamp::RaisedToMin));
}

TEST_CASE("an Age from an upper tier does not change the lifetime, only the current age "
          "(RFC 9111 §4.2.1, §4.2.3)",
          "[cache][ttl]") {
  CHECK(computeTtl(ttl(0, 86400, 31536000), origin({{"Cache-Control", "max-age=100"}, {"Age", "40"}}),
                   kTtlNow) == stored(100, TtlRule::MaxAge));
}

TEST_CASE("CachingDisabled (0/0/0) stores nothing; Min = Default = 0 with Max > 0 still honours "
          "max-age (CLOUDFRONT.md §1, §7)",
          "[cache][ttl]") {
  auto [settings, value, expected] = GENERATE(table<TtlSettings, std::string, TtlDecision>({
      {ttl(0, 0, 0), "max-age=600", TtlDecision{false, {}, TtlRule::CachingDisabled, TtlClamp::None}},
      {ttl(0, 0, 0), "", TtlDecision{false, {}, TtlRule::CachingDisabled, TtlClamp::None}},
      {ttl(0, 0, 31536000), "max-age=600", stored(600, TtlRule::MaxAge)},
      {ttl(0, 0, 31536000), "", stored(0, TtlRule::Default)},  // TTL 0: revalidate every request
  }));
  CAPTURE(value);
  CHECK(computeTtl(settings, origin({{"Cache-Control", value}}), kTtlNow) == expected);
}

TEST_CASE("TTL settings defaults and validation (DG/DownloadDistValuesCacheBehavior.html)",
          "[cache][ttl][config]") {
  using S = TtlSettingsSpec;
  auto [spec, expected] = GENERATE(table<TtlSettingsSpec, TtlSettings>({
      {S{}, ttl(0, 86400, 31536000)},
      {S{seconds(100), std::nullopt, std::nullopt}, ttl(100, 86400, 31536000)},
      {S{seconds(90000), std::nullopt, std::nullopt}, ttl(90000, 90000, 31536000)},  // Min > 86400
      {S{seconds(0), seconds(40000000), std::nullopt}, ttl(0, 40000000, 40000000)},
      {S{seconds(1), seconds(2), seconds(3)}, ttl(1, 2, 3)},
  }));
  auto s = resolveTtlSettings(spec);
  CHECK(s == expected);
  CHECK_FALSE(s.validate().has_value());
}

TEST_CASE("TTL settings must satisfy 0 <= Min <= Default <= Max (DG/DownloadDistValuesCacheBehavior.html)",
          "[cache][ttl][config]") {
  auto [bad, message] = GENERATE(table<TtlSettings, std::string>({
      {ttl(-1, 0, 0), "Min TTL must not be negative"},
      {ttl(10, 5, 100), "Default TTL must be at least the Min TTL"},
      {ttl(0, 500, 100), "Max TTL must be at least the Default TTL"},
  }));
  CHECK(bad.validate() == message);
}

TEST_CASE("freshness input: Date, Age, combined Cache-Control lines (RFC 9111 §5.1, RFC 9110 §5.3)",
          "[cache][ttl]") {
  auto in = freshnessInputFrom({{"Cache-Control", "public"},
                                {"Date", http::formatHttpDate(kTtlNow)},
                                {"Age", " 42 "},
                                {"cache-control", "max-age=5"}});
  CHECK(in.cacheControl.isPublic);
  CHECK(in.cacheControl.maxAge == seconds(5));
  CHECK(in.date == kTtlNow);
  CHECK(in.age == seconds(42));
  CHECK_FALSE(in.expires.has_value());
  auto bad = freshnessInputFrom({{"Age", "-3"}, {"Date", "yesterday"}});
  CHECK_FALSE(bad.age.has_value());
  CHECK_FALSE(bad.date.has_value());
}

TEST_CASE("TTL decisions print their rule", "[cache][ttl]") {
  CHECK(fmt::format("{}", stored(60, TtlRule::MaxAge, TtlClamp::RaisedToMin)) ==
        "store ttl=60s rule=max-age clamp=raised to Min TTL");
}

}  // namespace cdnsim::core::cache
