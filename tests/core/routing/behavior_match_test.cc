#include "core/routing/behavior_match.h"

#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

using cdnsim::core::config::BehaviorConfig;
using cdnsim::core::routing::matchBehavior;

namespace {

// A distribution's behaviours as CloudFront lists them: specific patterns first, default last.
constexpr std::array<std::string_view, 4> kPatterns{"/api/*", "*.jpg", "/images/*", "*"};

}  // namespace

// DG/DownloadDistValuesCacheBehavior.html: behaviours are evaluated in order; the first match wins;
// the default behaviour ("*", last) takes the rest.
TEST_CASE("the first matching behaviour wins, the default takes the rest", "[routing][behavior_match]") {
  auto [path, expected] = GENERATE(table<std::string, std::size_t>({
      {"/api/users", 0},
      {"/api/photo.jpg", 0},     // matches 0 and 1: order decides
      {"/images/cat.jpg", 1},    // matches 1 and 2: order decides
      {"/images/cat.png", 2},
      {"/index.html", 3},        // only the default
      {"/", 3},
  }));
  CAPTURE(path);
  CHECK(matchBehavior(kPatterns, path) == expected);

  std::vector<BehaviorConfig> behaviors;
  for (auto p : kPatterns) behaviors.push_back(BehaviorConfig{std::string(p), "origin", "CachingOptimized"});
  CHECK(matchBehavior(behaviors, path) == expected);
}

TEST_CASE("the last behaviour is chosen even when its pattern does not match", "[routing][behavior_match]") {
  // A malformed list (no "*" last) still resolves to its last entry, as the default.
  constexpr std::array<std::string_view, 2> patterns{"/a/*", "/b/*"};
  CHECK(matchBehavior(patterns, "/a/x") == 0);
  CHECK(matchBehavior(patterns, "/b/x") == 1);
  CHECK(matchBehavior(patterns, "/c/x") == 1);

  constexpr std::array<std::string_view, 1> onlyDefault{"*"};
  CHECK(matchBehavior(onlyDefault, "/anything") == 0);

  std::vector<BehaviorConfig> one{BehaviorConfig{}};  // default pattern "*"
  CHECK(matchBehavior(one, "/x") == 0);
}
