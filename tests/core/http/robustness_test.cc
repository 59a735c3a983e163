// Malformed input never crashes or throws out of a parser (house rule; RFC 9111 §4.2.1, §5.3).
// A deterministic sweep of random byte strings, plus mutations of valid values; the libFuzzer
// target (tools/fuzz) explores much further, this keeps a cheap guard in the unit tests.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "core/cache/ttl.h"
#include "core/http/cache_control.h"
#include "core/http/http_date.h"
#include "core/http/validators.h"

namespace cdnsim::core {

namespace {
// SplitMix64 step: a fixed, self-contained sequence (no std distributions, no clock).
std::uint64_t nextRandom(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string mutate(std::string s, std::uint64_t& state) {
  const int edits = 1 + static_cast<int>(nextRandom(state) % 4);
  for (int i = 0; i < edits; ++i) {
    const auto r = nextRandom(state);
    const char byte = static_cast<char>(r >> 8);
    const std::size_t pos = s.empty() ? 0 : (r >> 16) % s.size();
    switch (r % 3) {
      case 0: if (!s.empty()) s[pos] = byte; break;
      case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(pos), byte); break;
      default: if (!s.empty()) s.erase(pos, 1); break;
    }
  }
  return s;
}
}  // namespace

TEST_CASE("parsers accept any bytes without throwing (house rule: malformed input never crashes)",
          "[http][robustness]") {
  const std::string seeds[] = {
      "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
      "max-age=60, s-maxage=\"120\", no-cache=\"a, b\", stale-if-error=5", "W/\"etag\"",
      "Accept-Encoding, *", ""};
  std::uint64_t state = 20261122;
  int parsedDates = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string input = mutate(seeds[i % std::size(seeds)], state);
    CAPTURE(input);
    REQUIRE_NOTHROW(http::parseResponseCacheControl(input));
    REQUIRE_NOTHROW(http::parseRequestCacheControl(input));
    REQUIRE_NOTHROW(http::parseEntityTag(input));
    REQUIRE_NOTHROW(http::parseVary(input));
    std::optional<TimePoint> date;
    REQUIRE_NOTHROW(date = http::parseHttpDate(input));
    if (date) {
      ++parsedDates;
      REQUIRE(http::parseHttpDate(http::formatHttpDate(*date)) == date);
    }
    const auto cc = http::parseResponseCacheControl(input);
    if (cc.maxAge) REQUIRE(*cc.maxAge >= Duration::zero());
    const http::Headers h{{"Cache-Control", input}, {"Expires", input}, {"Date", input}, {"Age", input}};
    const auto ttl = cache::computeTtl(cache::TtlSettings{}, cache::freshnessInputFrom(h), fromUnixSeconds(0));
    REQUIRE(ttl.ttl >= Duration::zero());
  }
  // Some mutations keep a date valid (e.g. a changed digit): the round trip above ran.
  CHECK(parsedDates > 0);
}

}  // namespace cdnsim::core
