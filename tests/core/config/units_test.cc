#include "core/config/units.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace cdnsim::core::config {

TEST_CASE("byte sizes: binary and decimal units, whole bytes only", "[config][units]") {
  auto [text, expected] = GENERATE(table<std::string, std::optional<std::uint64_t>>({
      {"1048576", 1048576},
      {"512B", 512},
      {"64KiB", 65536},
      {"64MiB", 64ULL << 20},
      {"4GiB", 4ULL << 30},
      {"1TiB", 1ULL << 40},
      {"10KB", 10000},
      {"5MB", 5000000},
      {"2GB", 2000000000},
      {"0.5KiB", 512},
      {" 8MiB ", 8ULL << 20},
      {"1.3B", std::nullopt},      // not a whole number of bytes
      {"-1", std::nullopt},
      {"+5", std::nullopt},
      {"12 parsecs", std::nullopt},
      {"MiB", std::nullopt},
      {"", std::nullopt},
      {"1e30", std::nullopt},      // overflows 64 bits
      {"nan", std::nullopt},
  }));
  CAPTURE(text);
  CHECK(parseByteSize(text) == expected);
}

TEST_CASE("durations: a bare number is seconds; units from microseconds to days", "[config][units]") {
  auto [text, expected] = GENERATE(table<std::string, std::optional<Duration>>({
      {"10", Duration(std::chrono::seconds(10))},
      {"10s", Duration(std::chrono::seconds(10))},
      {"250ms", Duration(std::chrono::milliseconds(250))},
      {"1.5s", Duration(std::chrono::milliseconds(1500))},
      {"90us", Duration(std::chrono::microseconds(90))},
      {"2m", Duration(std::chrono::minutes(2))},
      {"1h", Duration(std::chrono::hours(1))},
      {"1d", Duration(std::chrono::hours(24))},
      {"0", Duration(0)},
      {"5 fortnights", std::nullopt},
      {"-3s", std::nullopt},
      {"s", std::nullopt},
      {"1e300", std::nullopt},
  }));
  CAPTURE(text);
  CHECK(parseDuration(text) == expected);
}

}  // namespace cdnsim::core::config
