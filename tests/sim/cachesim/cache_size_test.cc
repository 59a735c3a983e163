#include "sim/cachesim/cache_size.h"

#include <catch2/catch.hpp>

// Units as documented in cache_size.h: binary KiB..TiB, decimal KB..TB, bare numbers are units.
TEST_CASE("Cache sizes with units resolve to whole units", "[sim][cachesim]") {
  using cdnsim::sim::cachesim::CacheSize;
  using cdnsim::sim::cachesim::parseCacheSize;
  auto [text, units, byteUnit] = GENERATE(table<std::string, std::uint64_t, bool>({
      {"1000000", 1000000, false},
      {"64MiB", 64ULL << 20, true},
      {"4GiB", 4ULL << 30, true},
      {"4gib", 4ULL << 30, true},
      {"1KiB", 1024, true},
      {"2TiB", 2ULL << 40, true},
      {"10KB", 10000, true},
      {"1MB", 1000000, true},
      {"3GB", 3000000000ULL, true},
      {"1TB", 1000000000000ULL, true},
      {"512B", 512, true},
      {"1.5GiB", 3ULL << 29, true},
      {"0.5KB", 500, true},
      {"1.0001KiB", 1024, true},  // floored
  }));
  CAPTURE(text);
  auto parsed = parseCacheSize(text);
  REQUIRE(parsed.size);
  CHECK(parsed.size->kind == CacheSize::Kind::Absolute);
  CHECK(parsed.size->units == units);
  CHECK(parsed.size->hasByteUnit == byteUnit);
  CHECK(parsed.size->resolve(12345) == units);
  CHECK(parsed.size->text == text);
}

// Issue item 5: a fraction means floor(working set × fraction), exactly.
TEST_CASE("Cache sizes as a fraction of the working set are floored exactly", "[sim][cachesim]") {
  using cdnsim::sim::cachesim::CacheSize;
  using cdnsim::sim::cachesim::parseCacheSize;
  auto [text, workingSet, units] = GENERATE(table<std::string, std::uint64_t, std::uint64_t>({
      {"1%", 1000000, 10000},
      {"10%", 1000000, 100000},
      {"10%", 19, 1},
      {"1%", 199, 1},
      {"0.1%", 1000, 1},  // 0.1 is not exact in binary; the decimal fraction is
      {"0.3%", 1000, 3},
      {"33.3%", 1000, 333},
      {"100%", 987654321, 987654321},
      {"50%", 3, 1},
      {"1%", 50, 0},
      {"0.001%", 18446744073709551615ULL, 184467440737095ULL},
  }));
  CAPTURE(text, workingSet);
  auto parsed = parseCacheSize(text);
  REQUIRE(parsed.size);
  CHECK(parsed.size->kind == CacheSize::Kind::Fraction);
  CHECK(parsed.size->resolve(workingSet) == units);
}

TEST_CASE("Malformed cache sizes are refused with a reason", "[sim][cachesim]") {
  using cdnsim::sim::cachesim::parseCacheSize;
  auto [text, reason] = GENERATE(table<std::string, std::string>({
      {"", "expected a number"},
      {"MiB", "expected a number"},
      {"-1", "expected a number"},
      {"10XB", "unknown unit"},
      {"10 MiB", "unknown unit"},
      {"10M", "unknown unit"},
      {"1.", "no digit after the decimal point"},
      {"0", "at least one unit"},
      {"0.1B", "at least one unit"},
      {"0%", "more than 0%"},
      {"101%", "more than 100%"},
      {"16777216TiB", "too large"},
      {"99999999999999999999999999999", "too large"},
      {"1.1234567890123456%", "more than 15 decimals"},
      {"5%%", "unknown unit"},
  }));
  CAPTURE(text);
  auto parsed = parseCacheSize(text);
  CHECK_FALSE(parsed.size);
  CHECK_THAT(parsed.error, Catch::Matchers::Contains(reason));
  CHECK_THAT(parsed.error, Catch::Matchers::StartsWith("bad cache size '" + text + "'"));
}
