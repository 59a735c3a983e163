// RFC 9110 §14.1.2 byte ranges as a cache serves them from a stored representation.
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "core/http/byte_range.h"

namespace cdnsim::core::http {

TEST_CASE("one satisfiable byte range is served; anything else gets the whole representation",
          "[http][range]") {
  auto [value, size, expected] = GENERATE(table<std::string, std::uint64_t, std::optional<ByteRange>>({
      {"bytes=0-1", 11, ByteRange{0, 1}},
      {"bytes=1-", 11, ByteRange{1, 10}},
      {"bytes=-1", 11, ByteRange{10, 10}},
      {"bytes=-50", 11, ByteRange{0, 10}},      // a suffix longer than the body: all of it
      {"bytes=5-100", 11, ByteRange{5, 10}},    // last-pos past the end is clamped
      {"Bytes = 2-3", 11, ByteRange{2, 3}},     // unit case-insensitive, spaces tolerated
      // ignored: several ranges, other units, malformed, unsatisfiable
      {"bytes=0-1,3-4", 11, std::nullopt},
      {"items=0-1", 11, std::nullopt},
      {"bytes=3-2", 11, std::nullopt},
      {"bytes=a-b", 11, std::nullopt},
      {"bytes=-0", 11, std::nullopt},
      {"bytes=11-", 11, std::nullopt},
      {"bytes=0-", 0, std::nullopt},
  }));
  CAPTURE(value, size);
  CHECK(singleByteRange(value, size) == expected);
}

}  // namespace cdnsim::core::http
