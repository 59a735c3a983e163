// POP codes in X-Amz-Cf-Pop and x-edge-location (CLOUDFRONT.md §4: "PHX50-C2", "TXL50-P4",
// access logs "SEA19-C1", "LAX1").

#include "core/emit/pop_code.h"

#include <catch2/catch.hpp>

namespace cdnsim::core::emit {

TEST_CASE("POP codes parse and print back unchanged (CLOUDFRONT.md §4 examples)", "[emit][pop]") {
  auto [text, iata, number, kind, suffix] =
      GENERATE(table<std::string, std::string, int, char, int>({
          {"PHX50-C2", "PHX", 50, 'C', 2},
          {"TXL50-P4", "TXL", 50, 'P', 4},
          {"BOM50-C1", "BOM", 50, 'C', 1},
          {"SEA19-C1", "SEA", 19, 'C', 1},
          {"IAD89-C1", "IAD", 89, 'C', 1},
          {"LAX1", "LAX", 1, '\0', 0},
          {"FRA99999-P99999", "FRA", 99999, 'P', 99999},
      }));
  auto p = parsePopCode(text);
  REQUIRE(p.has_value());
  CHECK(*p == PopCode{iata, number, kind, suffix});
  CHECK(p->valid());
  CHECK(p->toString() == text);
  CHECK(fmt::format("{}", *p) == text);
}

TEST_CASE("malformed POP codes are rejected without throwing", "[emit][pop]") {
  auto text = GENERATE(as<std::string>{}, "", "LAX", "lax1", "LA1", "LAX0", "LAX01", "LAX1-",
                       "LAX1-C", "LAX1-X1", "LAX1-C0", "LAX1-C1x", "LAX123456", "LAX1 C1", "1AX1",
                       "LAX1-c1", "LAX-C1");
  CAPTURE(text);
  CHECK_FALSE(parsePopCode(text).has_value());
}

TEST_CASE("invalid PopCode values are not valid() and print empty", "[emit][pop]") {
  auto p =
      GENERATE(PopCode{"LA", 1, '\0', 0}, PopCode{"LAX", 0, '\0', 0}, PopCode{"LAX", 1, 'C', 0},
               PopCode{"LAX", 1, '\0', 3}, PopCode{"LAX", 1, 'Z', 1}, PopCode{"lax", 1, '\0', 0});
  CHECK_FALSE(p.valid());
  CHECK(p.toString().empty());
}

}  // namespace cdnsim::core::emit
