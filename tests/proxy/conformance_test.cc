// RFC 9111 through `cdnsim serve` in the conformance configuration (topologies/serve-conformance.yaml:
// Min and Default TTL 0, the whole query string in the key), over real loopback HTTP. The origin
// answers with the caching fields each test asks for; the proxy's clock is the test's.
#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/http/http_date.h"
#include "tests/proxy/serve_fixture.h"
#include "tests/proxy/test_origin.h"

namespace cdnsim::test {

namespace {

// A target whose answer carries `fields` ("Cache-Control:max-age=60"), percent-encoded.
std::string withFields(const std::string& path, const std::vector<std::string>& fields) {
  std::string target = path;
  char sep = '?';
  for (const auto& f : fields) {
    target += sep;
    target += "h=";
    for (char c : f) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':' || c == '_') {
        target += c;
      } else {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
        target += hex;
      }
    }
    sep = '&';
  }
  return target;
}

http::response<http::string_body> getWithRange(std::uint16_t port, const std::string& target,
                                               const std::string& range) {
  return get(port, "", "GET " + target + " HTTP/1.1\r\nHost: d111111abcdef8.cloudfront.net\r\nRange: " +
                           range + "\r\n\r\n");
}

struct Conformance {
  TestOrigin origin;
  Running proxy{customTopology(origin.port(), "Zero")};
  std::uint16_t port() const { return proxy.table.front().port; }
  std::string date(std::int64_t offsetSeconds) const {
    return cdnsim::core::http::formatHttpDate(
        cdnsim::core::fromUnixSeconds(proxy.nowSeconds.load() + offsetSeconds));
  }
  // Two requests `gap` seconds apart; how many reached the origin.
  int twice(const std::string& target, std::int64_t gap = 1) {
    get(port(), target);
    proxy.nowSeconds += gap;
    get(port(), target);
    return origin.count(target);
  }
};

}  // namespace

TEST_CASE("conformance: a fresh response is reused, a stale one is not", "[proxy][conformance]") {
  Conformance c;
  CHECK(c.twice(withFields("/fresh", {"Cache-Control:max-age=60"}), 30) == 1);
  CHECK(c.twice(withFields("/expired", {"Cache-Control:max-age=60"}), 61) == 2);
  const auto target = withFields("/age", {"Cache-Control:max-age=600"});
  get(c.port(), target);
  c.proxy.nowSeconds += 7;
  auto hit = get(c.port(), target);
  CHECK(hit["X-Cache"] == "Hit from cloudfront");
  CHECK(hit[http::field::age] == "7");  // RFC 9111 §5.1: the time since it was stored
}

TEST_CASE("conformance: no-store, private and no-cache are not served from cache unvalidated",
          "[proxy][conformance]") {
  Conformance c;
  CHECK(c.twice(withFields("/no-store", {"Cache-Control:no-store"})) == 2);
  CHECK(c.twice(withFields("/private", {"Cache-Control:private, max-age=60"})) == 2);
  CHECK(c.twice(withFields("/no-cache", {"Cache-Control:no-cache", "ETag:\"x\""})) == 2);
  CHECK(c.twice(withFields("/zero", {"Cache-Control:max-age=0"})) == 2);
}

TEST_CASE("conformance: a shared cache uses s-maxage before max-age", "[proxy][conformance]") {
  Conformance c;
  CHECK(c.twice(withFields("/s-maxage", {"Cache-Control:max-age=0, s-maxage=60"}), 30) == 1);
  CHECK(c.twice(withFields("/s-maxage-short", {"Cache-Control:max-age=600, s-maxage=10"}), 30) == 2);
}

TEST_CASE("conformance: Expires against the origin's Date", "[proxy][conformance]") {
  Conformance c;
  CHECK(c.twice(withFields("/expires", {"Date:" + c.date(0), "Expires:" + c.date(60)}), 30) == 1);
  CHECK(c.twice(withFields("/expired", {"Date:" + c.date(0), "Expires:" + c.date(-60)})) == 2);
  // RFC 9111 §5.3: an invalid Expires means already expired.
  CHECK(c.twice(withFields("/bad-expires", {"Expires:0"})) == 2);
  // max-age wins over Expires (§5.3).
  CHECK(c.twice(withFields("/both", {"Cache-Control:max-age=0", "Date:" + c.date(0),
                                     "Expires:" + c.date(600)})) == 2);
}

TEST_CASE("conformance: the Age an upstream states counts against freshness", "[proxy][conformance]") {
  Conformance c;
  // RFC 9111 §4.2.3: already 100 s old, fresh for 60: stale on arrival.
  CHECK(c.twice(withFields("/old", {"Cache-Control:max-age=60", "Age:100"})) == 2);
  const auto target = withFields("/aged", {"Cache-Control:max-age=600", "Age:100"});
  get(c.port(), target);
  c.proxy.nowSeconds += 5;
  auto hit = get(c.port(), target);
  CHECK(hit["X-Cache"] == "Hit from cloudfront");
  CHECK(hit[http::field::age] == "105");
}

TEST_CASE("conformance: without freshness information nothing is reused, Last-Modified or not",
          "[proxy][conformance]") {
  Conformance c;
  // No heuristic freshness (RFC 9111 §4.2.2 allows it; CloudFront uses the Default TTL, here 0).
  CHECK(c.twice(withFields("/heuristic", {"Last-Modified:" + c.date(-86400)})) == 2);
}

TEST_CASE("conformance: the query string is part of the cache key", "[proxy][conformance]") {
  Conformance c;
  const auto a = withFields("/q", {"Cache-Control:max-age=60"}) + "&v=1";
  const auto b = withFields("/q", {"Cache-Control:max-age=60"}) + "&v=2";
  get(c.port(), a);
  get(c.port(), b);
  get(c.port(), a);
  CHECK(c.origin.count(a) == 1);
  CHECK(c.origin.count(b) == 1);
}

TEST_CASE("conformance: fields named by Connection are neither stored nor passed on",
          "[proxy][conformance]") {
  Conformance c;
  // RFC 9110 §7.6.1.
  const auto target =
      withFields("/connection", {"Cache-Control:max-age=60", "Connection:a, b", "a:1", "b:2", "c:3"});
  auto miss = get(c.port(), target);
  CHECK(miss.find("a") == miss.end());
  CHECK(miss["c"] == "3");
  auto hit = get(c.port(), target);
  CHECK(hit["X-Cache"] == "Hit from cloudfront");
  CHECK(hit["c"] == "3");
  CHECK(hit.find("a") == hit.end());
  CHECK(hit.find("b") == hit.end());
  CHECK(c.origin.count(target) == 1);
}

TEST_CASE("conformance: a stale copy is served on error unless must-revalidate, proxy-revalidate "
          "or s-maxage forbids it",
          "[proxy][conformance]") {
  Conformance c;
  // RFC 9111 §4.2.4: no stale response when a directive forbids it; §5.2.2.10: s-maxage implies
  // proxy-revalidate in a shared cache. Without them CloudFront serves the expired copy on a 5xx
  // or no answer (DG/HTTPStatusCodes.html), which RFC 9111 §4.2.4 allows.
  const std::string kept = withFields("/kept", {"Cache-Control:max-age=2"});
  const std::vector<std::string> forbidden = {
      withFields("/mr", {"Cache-Control:max-age=2, must-revalidate"}),
      withFields("/pr", {"Cache-Control:max-age=2, proxy-revalidate"}),
      withFields("/sm", {"Cache-Control:s-maxage=2"}),
  };
  REQUIRE(get(c.port(), kept).result_int() == 200);
  for (const auto& t : forbidden) REQUIRE(get(c.port(), t).result_int() == 200);
  c.proxy.nowSeconds += 3;
  c.origin.failWith(-1);  // the connection is reset: no answer
  CHECK(get(c.port(), kept).result_int() == 200);
  for (const auto& t : forbidden) {
    CAPTURE(t);
    CHECK(get(c.port(), t).result_int() == 502);
  }
  c.origin.failWith(0);
}

TEST_CASE("conformance: a viewer's Range is served from the whole stored object, never stored as it",
          "[proxy][conformance]") {
  Conformance c;
  const auto target = withFields("/range", {"Cache-Control:max-age=60"});
  const std::string body = "hello " + target;
  auto ranged = getWithRange(c.port(), target, "bytes=0-4");
  CHECK(ranged.result_int() == 206);
  CHECK(ranged.body() == "hello");
  CHECK(ranged[http::field::content_range] == "bytes 0-4/" + std::to_string(body.size()));
  CHECK(getWithRange(c.port(), target, "bytes=-3").body() == body.substr(body.size() - 3));
  auto whole = get(c.port(), target);
  CHECK(whole.result_int() == 200);
  CHECK(whole.body() == body);
  CHECK(getWithRange(c.port(), target, "bytes=0-1,4-5").result_int() == 200);  // one range only
  CHECK(c.origin.count(target) == 1);
}

}  // namespace cdnsim::test
