#include "core/http/headers.h"

#include <catch2/catch.hpp>

namespace cdnsim::core::http {

TEST_CASE("header names compare case-insensitively (RFC 9110 §5.1)", "[http][headers]") {
  Headers h{{"Cache-Control", "max-age=60"}, {"ETag", "\"v1\""}};
  CHECK(h.get("cache-control") == "max-age=60");
  CHECK(h.get("ETAG") == "\"v1\"");
  CHECK_FALSE(h.get("Age").has_value());
}

TEST_CASE("repeated fields combine into one list value (RFC 9110 §5.3)", "[http][headers]") {
  Headers h{{"Cache-Control", "public"}, {"X", "1"}, {"cache-control", "max-age=5"}};
  CHECK(h.getCombined("Cache-Control") == "public, max-age=5");
  CHECK(h.get("Cache-Control") == "public");
}

TEST_CASE("set replaces every field of a name, remove drops them all", "[http][headers]") {
  Headers h{{"Age", "1"}, {"Via", "a"}, {"age", "2"}};
  h.set("AGE", "7");
  REQUIRE(h.size() == 2);
  CHECK(h.fields()[0].name == "Age");
  CHECK(h.get("age") == "7");
  CHECK(h.remove("via") == 1);
  CHECK(h.size() == 1);
  h.set("Server", "CloudFront");
  CHECK(h.fields().back().value == "CloudFront");
}

}  // namespace cdnsim::core::http
