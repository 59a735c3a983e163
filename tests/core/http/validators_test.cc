// Entity tags (RFC 9110 §8.8.3), If-None-Match (RFC 9110 §13.1.2), Vary (RFC 9110 §12.5.5,
// RFC 9111 §4.1).
#include "core/http/validators.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace cdnsim::core::http {

TEST_CASE("entity tag syntax (RFC 9110 §8.8.3)", "[http][validators]") {
  auto [value, ok, opaque, weak] = GENERATE(table<std::string, bool, std::string, bool>({
      {"\"xyzzy\"", true, "xyzzy", false},
      {"W/\"xyzzy\"", true, "xyzzy", true},
      {"  \"v1\"  ", true, "v1", false},
      {"\"\"", true, "", false},
      {"xyzzy", false, "", false},        // unquoted
      {"w/\"xyzzy\"", false, "", false},  // W/ is case-sensitive
      {"\"a\"b\"", false, "", false},     // DQUOTE inside
      {"\"unterminated", false, "", false},
      {"W/", false, "", false},
      {"", false, "", false},
  }));
  CAPTURE(value);
  auto tag = parseEntityTag(value);
  REQUIRE(tag.has_value() == ok);
  if (ok) {
    CHECK(tag->opaque == opaque);
    CHECK(tag->weak == weak);
  }
}

TEST_CASE("strong and weak comparison (RFC 9110 §8.8.3.2 table)", "[http][validators]") {
  auto [a, b, strong, weak] = GENERATE(table<std::string, std::string, bool, bool>({
      {"W/\"1\"", "W/\"1\"", false, true},
      {"W/\"1\"", "W/\"2\"", false, false},
      {"W/\"1\"", "\"1\"", false, true},
      {"\"1\"", "\"1\"", true, true},
  }));
  auto ta = parseEntityTag(a);
  auto tb = parseEntityTag(b);
  REQUIRE(ta);
  REQUIRE(tb);
  CHECK(strongMatch(*ta, *tb) == strong);
  CHECK(weakMatch(*ta, *tb) == weak);
}

TEST_CASE("If-None-Match uses weak comparison over a list (RFC 9110 §13.1.2)", "[http][validators]") {
  auto [header, current, matches] = GENERATE(table<std::string, std::string, bool>({
      {"*", "\"v1\"", true},
      {"\"v1\"", "\"v1\"", true},
      {"W/\"v1\"", "\"v1\"", true},
      {"\"v0\", \"v1\"", "W/\"v1\"", true},
      {"\"v0\", junk, \"v2\"", "\"v1\"", false},
      {"", "\"v1\"", false},
  }));
  CAPTURE(header, current);
  auto tag = parseEntityTag(current);
  REQUIRE(tag);
  CHECK(ifNoneMatchMatches(header, *tag) == matches);
}

TEST_CASE("Vary parsing: field names lower-cased and deduplicated, '*' (RFC 9110 §12.5.5)",
          "[http][validators][vary]") {
  auto [value, any, fields] = GENERATE(table<std::string, bool, std::vector<std::string>>({
      {"Accept-Encoding", false, {"accept-encoding"}},
      {"Accept-Encoding, Origin, accept-encoding", false, {"accept-encoding", "origin"}},
      {"*", true, {}},
      {"Origin, *", true, {"origin"}},
      {"", false, {}},
      {"bad name, Cookie, ,", false, {"cookie"}},
  }));
  CAPTURE(value);
  auto vary = parseVary(value);
  CHECK(vary.any == any);
  CHECK(vary.fields == fields);
}

TEST_CASE("Vary selects a stored response only when the named fields match (RFC 9111 §4.1)",
          "[http][validators][vary]") {
  const Headers stored{{"Accept-Encoding", "gzip"}, {"Origin", "a"}};
  auto [vary, request, matches] = GENERATE_COPY(table<std::string, Headers, bool>({
      {"", Headers{}, true},
      {"Accept-Encoding", Headers{{"accept-encoding", "gzip"}}, true},
      {"Accept-Encoding", Headers{{"accept-encoding", "br"}}, false},
      {"Accept-Encoding", Headers{}, false},        // present in one, absent in the other
      {"X-Absent", Headers{}, true},                // absent in both
      {"Accept-Encoding, Origin", Headers{{"Accept-Encoding", "gzip"}, {"Origin", "b"}}, false},
      {"*", Headers{{"Accept-Encoding", "gzip"}, {"Origin", "a"}}, false},  // '*' never matches
  }));
  CAPTURE(vary);
  CHECK(varyMatches(parseVary(vary), stored, request) == matches);
}

TEST_CASE("Vary values compare after joining repeated lines (RFC 9110 §5.3, RFC 9111 §4.1)",
          "[http][validators][vary]") {
  const Headers stored{{"Accept-Language", "en"}, {"accept-language", "fr"}};
  const Headers sameJoined{{"Accept-Language", "en, fr"}};
  const Headers reordered{{"Accept-Language", "fr, en"}};
  const auto vary = parseVary("Accept-Language");
  CHECK(varyMatches(vary, stored, sameJoined));
  CHECK_FALSE(varyMatches(vary, stored, reordered));  // no normalisation beyond joining
}

}  // namespace cdnsim::core::http
