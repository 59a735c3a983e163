#include "core/routing/path_pattern.h"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>

namespace cdnsim::core::routing {

// DG/DownloadDistValuesCacheBehavior.html, "Path pattern": * is zero or more characters, ? is one.
TEST_CASE("path patterns match as CloudFront documents", "[routing][path_pattern]") {
  auto [pattern, path, expected] = GENERATE(table<std::string, std::string, bool>({
      {"*", "/anything/at/all.jpg", true},
      {"*", "/", true},
      {"images/*.jpg", "/images/cat.jpg", true},
      {"/images/*.jpg", "/images/cat.jpg", true},
      {"images/*.jpg", "/images/cat.png", false},
      {"images/*.jpg", "/images/a/b/c.jpg", true},    // * crosses '/'
      {"*.gif", "/deep/dir/x.gif", true},
      {"a?c", "/abc", true},
      {"a?c", "/ac", false},
      {"Images/*", "/images/x", false},               // case-sensitive
      {"/api/*", "/api/", true},                      // * matches nothing
      {"/api/*", "/ap", false},
      {"/a*b*c", "/aXXbYYc", true},
      {"/a*b*c", "/aXXbYY", false},
  }));
  CAPTURE(pattern, path);
  CHECK(matchesPathPattern(pattern, path) == expected);
}

}  // namespace cdnsim::core::routing
