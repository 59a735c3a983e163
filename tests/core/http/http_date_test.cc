// HTTP dates (RFC 9110 §5.6.7) and Expires (RFC 9111 §5.3).
#include "core/http/http_date.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace cdnsim::core::http {

namespace {
std::optional<std::int64_t> parsedSeconds(const std::string& v) {
  auto t = parseHttpDate(v);
  if (!t) return std::nullopt;
  return unixSeconds(*t);
}
}  // namespace

TEST_CASE("the three date formats a recipient must accept (RFC 9110 §5.6.7)", "[http][date]") {
  auto [value, expected] = GENERATE(table<std::string, std::optional<std::int64_t>>({
      {"Sun, 06 Nov 1994 08:49:37 GMT", 784111777},   // IMF-fixdate
      {"Sunday, 06-Nov-94 08:49:37 GMT", 784111777},  // obsolete RFC 850
      {"Sun Nov  6 08:49:37 1994", 784111777},        // ANSI C asctime
      {"Sun Nov 16 08:49:37 1994", 784975777},
      {"  Sun, 06 Nov 1994 08:49:37 GMT\t", 784111777},  // surrounding OWS
      {"sun, 06 nov 1994 08:49:37 gmt", 784111777},       // names in any case
      {"Thu, 01 Jan 1970 00:00:00 GMT", 0},
      {"Wed, 31 Dec 1969 23:59:59 GMT", -1},
      {"Tue, 29 Feb 2028 12:00:00 GMT", 1835438400},  // leap day
      {"Sat, 31 Dec 2016 23:59:60 GMT", 1483228800},  // leap second counts into the next minute
      {"Friday, 01-Jan-38 00:00:00 GMT", 2145916800},  // two-digit year 38 -> 2038 (pivot 1970)
      {"Thursday, 01-Jan-70 00:00:00 GMT", 0},
  }));
  CAPTURE(value);
  CHECK(parsedSeconds(value) == expected);
}

TEST_CASE("malformed dates are rejected, never thrown (RFC 9110 §5.6.7)", "[http][date]") {
  auto value = GENERATE(as<std::string>{}, "", "0", "-1", "Sun", "Sun, 06 Nov 1994 08:49:37",
                        "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT",
                        "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                        "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
                        "Sun, 06 Nov 94 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
                        "Sun, 06 Nov 1994 08:49:37 GMTx", "Sunday, 06-Nov-1994 08:49:37 GMT",
                        "Sun Nov 6 08:49:37 1994", "Sun Nov  6 08:49:37 94", "2024-01-01T00:00:00Z",
                        std::string("Sun, 06 Nov 1994 08:49:37 G\0T", 29));
  CAPTURE(value);
  CHECK_FALSE(parseHttpDate(value).has_value());
}

TEST_CASE("RFC 850 years more than 50 years ahead are in the past century (RFC 9110 §5.6.7)",
          "[http][date]") {
  auto [value, nowYearStart, expectedYearStart] = GENERATE(table<std::string, std::int64_t, std::int64_t>({
      // now = 2026-01-01: "76" would be 2076, exactly 50 years ahead: kept.
      {"Friday, 01-Jan-76 00:00:00 GMT", 1767225600, 3345062400},
      // "77" -> 2077 is more than 50 years ahead: 1977.
      {"Saturday, 01-Jan-77 00:00:00 GMT", 1767225600, 220924800},
      {"Sunday, 01-Jan-90 00:00:00 GMT", 1767225600, 631152000},
      // now = 1994-11-06: "10" is 2010 (16 years ahead), not 1910.
      {"Friday, 01-Jan-10 00:00:00 GMT", 784111777, 1262304000},
  }));
  CAPTURE(value);
  auto t = parseHttpDate(value, fromUnixSeconds(nowYearStart));
  REQUIRE(t.has_value());
  CHECK(unixSeconds(*t) == expectedYearStart);
}

TEST_CASE("invalid Expires means already expired (RFC 9111 §5.3)", "[http][date][expires]") {
  auto [value, expected] = GENERATE(table<std::string, std::int64_t>({
      {"0", 0},
      {"-1", 0},
      {"never", 0},
      {"", 0},
      {"Sun, 06 Nov 1994 08:49:37 GMT", 784111777},
  }));
  CAPTURE(value);
  auto t = parseExpires(std::string_view(value));
  REQUIRE(t.has_value());
  CHECK(unixSeconds(*t) == expected);
  CHECK_FALSE(parseExpires(std::nullopt).has_value());
}

TEST_CASE("formatHttpDate writes IMF-fixdate and round-trips (RFC 9110 §5.6.7)", "[http][date]") {
  auto [unix, text] = GENERATE(table<std::int64_t, std::string>({
      {784111777, "Sun, 06 Nov 1994 08:49:37 GMT"},
      {0, "Thu, 01 Jan 1970 00:00:00 GMT"},
      {-1, "Wed, 31 Dec 1969 23:59:59 GMT"},
      {1835438400, "Tue, 29 Feb 2028 12:00:00 GMT"},
      {253402300799, "Fri, 31 Dec 9999 23:59:59 GMT"},
      {999999999999, "Fri, 31 Dec 9999 23:59:59 GMT"},  // clamped to four-digit years
  }));
  const auto t = fromUnixSeconds(unix);
  CHECK(formatHttpDate(t) == text);
  char buf[kHttpDateLength];
  formatHttpDate(t + millis(999), buf);  // sub-second parts are dropped
  CHECK(std::string(buf, kHttpDateLength) == text);
  if (unix <= 253402300799) CHECK(parseHttpDate(text) == t);
}

TEST_CASE("`now` only matters for RFC 850's two-digit years (RFC 9110 §5.6.7)", "[http][date]") {
  auto value = GENERATE(as<std::string>{}, "Sun, 06 Nov 1994 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
                        "garbage");
  CAPTURE(value);
  CHECK(parseHttpDate(value, fromUnixSeconds(4'000'000'000)) == parseHttpDate(value));
}

}  // namespace cdnsim::core::http
