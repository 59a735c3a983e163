#include <catch2/catch.hpp>

#include <string>

#include "core/config/did_you_mean.h"

namespace cdnsim::core::config {

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps", "[config][didyoumean]") {
  auto [a, b, expected] = GENERATE(table<std::string, std::string, std::size_t>({
      {"policy", "policy", 0},
      {"polcy", "policy", 1},     // deletion
      {"pollicy", "policy", 1},   // insertion
      {"poliby", "policy", 1},    // substitution
      {"ploicy", "policy", 1},    // swap of neighbours
      {"", "abc", 3},
      {"capacity", "policy", 5},
  }));
  CAPTURE(a, b);
  CHECK(editDistance(a, b) == expected);
  CHECK(editDistance(b, a) == expected);
}

TEST_CASE("the closest candidate is suggested only when it is close", "[config][didyoumean]") {
  const std::vector<std::string_view> keys = {"capacity", "policy"};
  CHECK(closestName("polcy", keys) == std::optional<std::string_view>("policy"));
  CHECK(closestName("capcity", keys) == std::optional<std::string_view>("capacity"));
  CHECK_FALSE(closestName("policy", keys));   // not a typo
  CHECK_FALSE(closestName("colour", keys));   // nothing close
  // Long words allow a quarter of their length: 4 edits in a 20-letter key, 2 in a 9-letter one.
  CHECK(closestName("regional_edge_cashes", {"regional_edge_caches"}) ==
        std::optional<std::string_view>("regional_edge_caches"));
  CHECK(closestName("regonal_edge_cahce_x", {"regional_edge_caches"}) ==
        std::optional<std::string_view>("regional_edge_caches"));
  CHECK_FALSE(closestName("us-west-9", {"us-east-1"}));
  // A two-letter word is two edits from any other: no suggestion.
  CHECK_FALSE(closestName("ab", {"xy"}));
}

}  // namespace cdnsim::core::config
