#include "core/routing/behavior_match.h"

#include <catch2/catch.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace cdnsim::core {

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
  CHECK(routing::matchBehavior(kPatterns, path) == expected);

  std::vector<config::BehaviorConfig> behaviors;
  for (auto p : kPatterns) behaviors.push_back(config::BehaviorConfig{std::string(p), "origin", "CachingOptimized"});
  CHECK(routing::matchBehavior(behaviors, path) == expected);
}

TEST_CASE("the last behaviour is chosen even when its pattern does not match", "[routing][behavior_match]") {
  // A malformed list (no "*" last) still resolves to its last entry, as the default.
  constexpr std::array<std::string_view, 2> patterns{"/a/*", "/b/*"};
  CHECK(routing::matchBehavior(patterns, "/a/x") == 0);
  CHECK(routing::matchBehavior(patterns, "/b/x") == 1);
  CHECK(routing::matchBehavior(patterns, "/c/x") == 1);

  constexpr std::array<std::string_view, 1> onlyDefault{"*"};
  CHECK(routing::matchBehavior(onlyDefault, "/anything") == 0);

  std::vector<config::BehaviorConfig> one{config::BehaviorConfig{}};  // default pattern "*"
  CHECK(routing::matchBehavior(one, "/x") == 0);
}

}  // namespace cdnsim::core
