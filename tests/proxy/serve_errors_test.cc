// `cdnsim serve` takes upstream errors through core/node as the simulator does (error caching,
// stale on error, generated 502/504, custom error responses' TTL), answers viewers' conditionals
// from its cache, and keeps its upstream connections alive. Real loopback HTTP, the test's clock.
#include <catch2/catch.hpp>
#include <string>

#include "core/http/http_date.h"
#include "tests/proxy/serve_fixture.h"
#include "tests/proxy/test_origin.h"

namespace cdnsim::test {

namespace {

http::response<http::string_body> getWith(std::uint16_t port, const std::string& target,
                                          const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string raw = "GET " + target + " HTTP/1.1\r\nHost: d111111abcdef8.cloudfront.net\r\n";
  for (const auto& [n, v] : fields) raw += n + ": " + v + "\r\n";
  return get(port, "", raw + "\r\n");
}

// A POP in front of a REC in front of the custom origin.
std::string tieredTopology(std::uint16_t originPort) {
  return "name: t\nregional_edge_caches:\n"
         "  - {name: us-east-1, location: {lat: 38.9, lon: -77.4}, cache: {capacity: 1MiB, policy: lru}}\n"
         "pops:\n"
         "  - {code: IAD89-C1, location: {lat: 38.9, lon: -77.4}, regional_edge_cache: us-east-1,"
         " cache: {capacity: 1MiB, policy: lru}}\n"
         "origins:\n  - name: web\n    type: custom\n    domain: 127.0.0.1:" +
         std::to_string(originPort) +
         "\n    location: {lat: 38.9, lon: -77.4}\n"
         "behaviors:\n  - {path_pattern: \"*\", origin: web, cache_policy: CachingOptimized}\n";
}

std::uint16_t popPort(const Running& r) {
  for (const auto& row : r.table) {
    if (row.kind == "pop") return row.port;
  }
  return 0;
}

}  // namespace

TEST_CASE("serve: an origin's 4xx/5xx is Error for the viewer and cached for 10 s", "[proxy][errors]") {
  TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  for (const int status : {404, 503}) {
    CAPTURE(status);
    const std::string path = "/err-" + std::to_string(status);
    origin.failWith(status);
    auto first = get(port, path);
    CHECK(first.result_int() == static_cast<unsigned>(status));
    CHECK(first["X-Cache"] == "Error from cloudfront");
    CHECK(first[http::field::server] == "TestOrigin");  // the origin's own answer passes through
    CHECK(first.body() == "failing " + path);
    origin.failWith(0);
    // DG/HTTPStatusCodes.html: cached for the Error Caching Min TTL (10 s), then asked again.
    r.nowSeconds += 9;
    auto cached = get(port, path);
    CHECK(cached.result_int() == static_cast<unsigned>(status));
    CHECK(cached["X-Cache"] == "Error from cloudfront");
    CHECK(origin.count(path) == 1);
    r.nowSeconds += 2;
    auto after = get(port, path);
    CHECK(after.result_int() == 200);
    CHECK(origin.count(path) == 2);
  }
}

TEST_CASE("serve: a 403 without max-age is not cached, a custom error response sets the TTL",
          "[proxy][errors]") {
  TestOrigin origin;
  std::string topology = customTopology(origin.port());
  topology += "custom_error_responses:\n  - {error_code: 404, error_caching_min_ttl: 300s}\n";
  Running r(topology);
  const auto port = r.table.front().port;
  origin.failWith(403);
  get(port, "/forbidden");
  get(port, "/forbidden");
  CHECK(origin.count("/forbidden") == 2);  // DG/HTTPStatusCodes.html: 403 only with max-age
  origin.failWith(404);
  get(port, "/gone");
  r.nowSeconds += 299;
  CHECK(get(port, "/gone")["X-Cache"] == "Error from cloudfront");
  CHECK(origin.count("/gone") == 1);
  r.nowSeconds += 2;
  get(port, "/gone");
  CHECK(origin.count("/gone") == 2);
}

TEST_CASE("serve: the expired copy is served when the origin answers 5xx, resets or times out",
          "[proxy][errors]") {
  TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  REQUIRE(get(port, "/kept.txt").result_int() == 200);  // max-age=60
  for (const int failure : {503, -1, -2}) {
    CAPTURE(failure);
    r.nowSeconds += 61;  // expired (a copy held on error is fresh for 10 s only)
    origin.failWith(failure);
    const int before = origin.count("/kept.txt");
    auto res = get(port, "/kept.txt");
    CHECK(res.result_int() == 200);
    CHECK(res.body() == "hello /kept.txt");
    CHECK(res["X-Cache"] == "Hit from cloudfront");
    CHECK(res[http::field::age] != "");
    CHECK(origin.count("/kept.txt") > before);
    // Held as fresh for the Error Caching Min TTL: the next request stays at the POP.
    const int asked = origin.count("/kept.txt");
    CHECK(get(port, "/kept.txt")["X-Cache"] == "Hit from cloudfront");
    CHECK(origin.count("/kept.txt") == asked);
  }
  origin.failWith(0);
}

TEST_CASE("serve: no expired copy after must-revalidate, nor for a 4xx", "[proxy][errors]") {
  TestOrigin origin;
  Running r(customTopology(origin.port(), "Zero"));
  const auto port = r.table.front().port;
  const std::string strict = "/strict?h=Cache-Control:max-age=60%2C%20must-revalidate";
  REQUIRE(get(port, strict).result_int() == 200);
  REQUIRE(get(port, "/plain?h=Cache-Control:max-age=60").result_int() == 200);
  r.nowSeconds += 61;
  origin.failWith(503);
  auto strictRes = get(port, strict);
  CHECK(strictRes.result_int() == 503);
  CHECK(strictRes["X-Cache"] == "Error from cloudfront");
  origin.failWith(404);
  auto gone = get(port, "/plain?h=Cache-Control:max-age=60");
  CHECK(gone.result_int() == 404);
  CHECK(gone["X-Cache"] == "Error from cloudfront");
  origin.failWith(0);
}

TEST_CASE("serve: a generated 504 is cached too, and crosses a REC as CloudFront's own error",
          "[proxy][errors]") {
  TestOrigin origin;
  Running r(tieredTopology(origin.port()));
  const auto port = popPort(r);
  origin.failWith(-2);  // stalls: the REC's response timeout (500 ms here) gives a 504
  auto res = get(port, "/down.txt");
  CHECK(res.result_int() == 504);
  CHECK(res["X-Cache"] == "Error from cloudfront");
  CHECK(res[http::field::server] == "CloudFront");
  CHECK(res.find("X-Cdnsim-Generated") == res.end());
  // The page names this request's id (the POP renders it), as X-Amz-Cf-Id does.
  CHECK(res.body().find(std::string(res["X-Amz-Cf-Id"])) != std::string::npos);
  origin.failWith(0);
  auto again = get(port, "/down.txt");
  CHECK(again.result_int() == 504);
  CHECK(origin.count("/down.txt") == 1);
  bool logged = false;
  {
    std::lock_guard lock(r.logMutex);
    for (const auto& line : r.logLines) {
      if (line.find("/down.txt") != std::string::npos && line.find("OriginReadError") != std::string::npos) logged = true;
    }
  }
  CHECK(logged);
}

TEST_CASE("serve: viewer conditionals are answered from the cache, never stored as the object",
          "[proxy][conditional]") {
  TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  // A miss with If-None-Match: the proxy fetches the whole object (/revision answers a
  // forwarded If-None-Match "v1" with 304) and answers the condition itself.
  auto miss = getWith(port, "/revision-c.txt", {{"If-None-Match", "\"v1\""}});
  CHECK(miss.result_int() == 304);
  CHECK(miss.body().empty());
  auto full = get(port, "/revision-c.txt");
  CHECK(full.result_int() == 200);
  CHECK(full.body() == "hello /revision-c.txt");
  CHECK(full["X-Cache"] == "Hit from cloudfront");
  CHECK(origin.count("/revision-c.txt") == 1);
  // On a hit, If-None-Match first (RFC 9110 §13.2.2), then If-Modified-Since.
  CHECK(getWith(port, "/revision-c.txt", {{"If-None-Match", "\"v2\", \"v1\""}}).result_int() == 304);
  CHECK(getWith(port, "/revision-c.txt", {{"If-None-Match", "\"v2\""}}).result_int() == 200);
  const std::string later = cdnsim::core::http::formatHttpDate(cdnsim::core::fromUnixSeconds(r.nowSeconds + 60));
  CHECK(getWith(port, "/revision-c.txt", {{"If-None-Match", "\"v2\""}, {"If-Modified-Since", later}})
            .result_int() == 200);
  CHECK(origin.count("/revision-c.txt") == 1);
}

TEST_CASE("serve: If-Modified-Since from a viewer is answered against the stored Last-Modified",
          "[proxy][conditional]") {
  TestOrigin origin;
  Running r(customTopology(origin.port(), "Zero"));
  const auto port = r.table.front().port;
  const auto date = [&r](std::int64_t offset) {
    return cdnsim::core::http::formatHttpDate(cdnsim::core::fromUnixSeconds(r.nowSeconds + offset));
  };
  std::string lastModified = date(-3600);
  for (std::string::size_type at; (at = lastModified.find(' ')) != std::string::npos;) {
    lastModified.replace(at, 1, "%20");
  }
  for (std::string::size_type at; (at = lastModified.find(',')) != std::string::npos;) {
    lastModified.replace(at, 1, "%2C");
  }
  const std::string target = "/lm?h=Cache-Control:max-age=60&h=Last-Modified:" + lastModified;
  auto first = getWith(port, target, {{"If-Modified-Since", date(-60)}});
  CHECK(first.result_int() == 304);  // a miss: fetched whole, answered here
  CHECK(getWith(port, target, {{"If-Modified-Since", date(-7200)}}).result_int() == 200);
  CHECK(getWith(port, target, {{"If-Modified-Since", "not a date"}}).result_int() == 200);
  CHECK(get(port, target).body() == "hello " + target);
  CHECK(origin.count(target) == 1);
}

TEST_CASE("serve: sequential misses through POP and REC reuse kept-alive upstream connections",
          "[proxy][pool]") {
  TestOrigin origin;
  Running r(tieredTopology(origin.port()));
  const auto port = popPort(r);
  constexpr int kRequests = 20;
  for (int i = 0; i < kRequests; ++i) {
    CHECK(get(port, "/pooled-" + std::to_string(i)).result_int() == 200);
  }
  CHECK(origin.accepted() <= 2);
}

TEST_CASE("serve: a kept-alive connection the origin dropped is replaced, the request retried once",
          "[proxy][pool]") {
  TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  origin.closeAfterAnswer(true);  // says keep-alive, then closes
  for (int i = 0; i < 5; ++i) {
    auto res = get(port, "/dropped-" + std::to_string(i));
    CHECK(res.result_int() == 200);
    CHECK(res.body() == "hello /dropped-" + std::to_string(i));
  }
  CHECK(origin.accepted() == 5);
}

TEST_CASE("serve: a custom error response's page replaces the error, fetched and cached at the POP",
          "[proxy][errors]") {
  TestOrigin origin;
  std::string topology = customTopology(origin.port());
  topology += "custom_error_responses:\n"
              "  - {error_code: 404, response_page_path: /errors/404.html, response_code: 200}\n";
  Running r(topology);
  const auto port = r.table.front().port;
  for (const std::string path : {"/missing-1", "/missing-2"}) {
    CAPTURE(path);
    auto res = get(port, path);
    CHECK(res.result_int() == 200);  // ResponseCode
    CHECK(res.body() == "hello /errors/404.html");
    CHECK(res["X-Cache"] == "Error from cloudfront");  // the origin's outcome is kept
    CHECK(origin.count(path) == 1);
  }
  CHECK(origin.count("/errors/404.html") == 1);  // the page is cached under its behaviour's TTLs
  // Within the Error Caching Min TTL the cached 404 gets the page again.
  CHECK(get(port, "/missing-1").body() == "hello /errors/404.html");
  CHECK(origin.count("/missing-1") == 1);
}

TEST_CASE("serve: a POST opens its own upstream connection, GETs reuse kept ones", "[proxy][pool]") {
  TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  REQUIRE(get(port, "/first").result_int() == 200);
  REQUIRE(origin.accepted() == 1);
  for (int i = 0; i < 3; ++i) {
    auto res = get(port, "", "POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
    CHECK(res.result_int() == 200);
  }
  // RFC 9110 §9.2.2: a POST cannot be repeated if a kept connection fails under it.
  CHECK(origin.accepted() == 4);
  CHECK(get(port, "/second").result_int() == 200);
  CHECK(origin.accepted() == 4);
}

}  // namespace cdnsim::test
