// cdnsim serve over real loopback HTTP: a POP in front of the in-process S3 origin, driven by a
// Beast client, with a clock the test advances.
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/config/topology.h"
#include "proxy/proxy_server.h"
#include "tests/proxy/serve_fixture.h"
#include "tests/proxy/test_origin.h"

namespace cdnsim::test {


TEST_CASE("serve: Miss, then Hit with Age growing, then RefreshHit after expiry", "[proxy]") {
  Running r;
  const auto port = r.table.front().port;
  auto first = get(port, "/a.txt");
  CHECK(first[http::field::server] == "AmazonS3");
  CHECK(first["X-Cache"] == "Miss from cloudfront");
  CHECK(first.body().size() == 1024);
  r.nowSeconds += 5;
  auto second = get(port, "/a.txt");
  CHECK(second["X-Cache"] == "Hit from cloudfront");
  CHECK(second[http::field::age] == "5");
  r.nowSeconds += 86400;  // CachingOptimized's Default TTL: now expired, the ETag revalidates it
  auto third = get(port, "/a.txt");
  CHECK(third["X-Cache"] == "RefreshHit from cloudfront");
  CHECK(third.body().size() == 1024);
  // The origin validated it for this request: no Age (RFC 9111 §5.1; core/node/viewer_result.h).
  CHECK(third.find(http::field::age) == third.end());
  // The viewer's own validator matches the stored ETag: 304 from the cache.
  auto conditional = get(port, "/a.txt", "", std::string(first[http::field::etag]));
  CHECK(conditional.result_int() == 304);
  CHECK(conditional["X-Cache"] == "Hit from cloudfront");
  CHECK(conditional.body().empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the line follows the write
  std::lock_guard lock(r.logMutex);
  REQUIRE(r.logLines.size() == 4);
  // core/record's access-log line: x-edge-result-type and the request id of each exchange.
  CHECK(r.logLines[0].find("\tMiss\t") != std::string::npos);
  CHECK(r.logLines[1].find("\tHit\t") != std::string::npos);
  CHECK(r.logLines[2].find("\tRefreshHit\t") != std::string::npos);
  CHECK(r.logLines[0].find(std::string(first["X-Amz-Cf-Id"])) != std::string::npos);
  CHECK(r.logLines[0].find("\t/a.txt\t200\t") != std::string::npos);
  // The JSONL trace line of the same exchanges (core/record/trace_line.h), as run writes it.
  REQUIRE(r.traceLines.size() == 4);
  const auto miss = nlohmann::json::parse(r.traceLines[0]);
  CHECK(miss["result"] == "Miss");
  CHECK(miss["uri"] == "/a.txt");
  CHECK(miss["rid"] == std::string(first["X-Amz-Cf-Id"]));
  const auto hit = nlohmann::json::parse(r.traceLines[1]);
  CHECK(hit["result"] == "Hit");
  CHECK(hit["age"] == 5);
  bool sawXCache = false;
  for (const auto& pair : hit["headers"]) {
    if (pair[0] == "X-Cache") sawXCache = pair[1] == "Hit from cloudfront";
  }
  CHECK(sawXCache);
  CHECK(nlohmann::json::parse(r.traceLines[2])["result"] == "RefreshHit");
}

TEST_CASE("serve: a malformed request gets 400 from CloudFront", "[proxy]") {
  Running r;
  auto res = get(r.table.front().port, "", "GET / HTTP/1.1\r\nBad Header Line\r\n\r\n");
  CHECK(res.result_int() == 400);
  CHECK(res[http::field::server] == "CloudFront");
  CHECK(res["X-Cache"] == "Error from cloudfront");
}


TEST_CASE("serve: concurrent misses for one key collapse into one origin request", "[proxy]") {
  cdnsim::test::TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  std::vector<std::thread> clients;
  std::vector<std::string> bodies(4);
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&, i] { bodies[i] = get(port, "/slow.txt").body(); });
  }
  for (auto& c : clients) c.join();
  CHECK(origin.count("/slow.txt") == 1);
  for (const auto& b : bodies) CHECK(b == "hello /slow.txt");
}

TEST_CASE("serve: an origin that stalls gives 504, one that resets gives 502", "[proxy]") {
  cdnsim::test::TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  auto stalled = get(port, "/stall");
  CHECK(stalled.result_int() == 504);
  CHECK(stalled["X-Cache"] == "Error from cloudfront");
  CHECK(stalled.body().find("504 ERROR") != std::string::npos);
  auto reset = get(port, "/reset");
  CHECK(reset.result_int() == 502);
  CHECK(reset[http::field::server] == "CloudFront");
}

TEST_CASE("serve: a slowloris client does not block others", "[proxy]") {
  cdnsim::test::TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  asio::io_context io;
  asio::ip::tcp::socket slow(io);
  slow.connect({asio::ip::make_address("127.0.0.1"), port});
  asio::write(slow, asio::buffer(std::string("GET /x HTTP/1.1\r\nHost: a\r\nX-Slow: ")));
  const auto started = std::chrono::steady_clock::now();
  auto res = get(port, "/fast.txt");
  CHECK(res.body() == "hello /fast.txt");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(4));
}

TEST_CASE("serve: a URL over 8,192 bytes gets 414", "[proxy]") {
  Running r;
  auto res = get(r.table.front().port, "/" + std::string(9000, 'a'));
  CHECK(res.result_int() == 414);
}

TEST_CASE("serve: CloudFront's error page for a HEAD request has no body; the next request follows",
          "[proxy]") {
  Running r;
  asio::io_context io;
  beast::tcp_stream stream(io);
  connectLoopback(stream, r.table.front().port);
  const std::string two = "HEAD /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n" +
                          "GET /p1 HTTP/1.1\r\nHost: a\r\n\r\n";
  asio::write(stream.socket(), asio::buffer(two));
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> head;
  head.skip(true);
  const std::size_t headBytes = http::read(stream, buffer, head);
  CHECK(head.get().result_int() == 414);
  // Had the page's bytes followed the header section, they would be parsed as the next response.
  http::response<http::string_body> next;
  http::read(stream, buffer, next);
  CHECK(next.result_int() == 200);
  CHECK(next.body().size() == 1024);
  // The log counts the bytes sent: the header section alone.
  std::lock_guard lock(r.logMutex);
  REQUIRE(r.traceLines.size() == 2);
  CHECK(r.traceLines[0].find("\"scBytes\":" + std::to_string(headBytes) + ",") != std::string::npos);
}

TEST_CASE("serve: with Default TTL 0 a response without freshness is never served from cache",
          "[proxy]") {
  cdnsim::test::TestOrigin origin;
  Running r(customTopology(origin.port(), "Zero"));
  const auto port = r.table.front().port;
  CHECK(get(port, "/nofresh?q=1")["X-Cache"] == "Miss from cloudfront");
  // CloudFront keeps the copy with TTL 0 and checks it with the origin on every request
  // (DG/Expiration.html): the origin is asked again, X-Cache says RefreshHit.
  CHECK(get(port, "/nofresh?q=1")["X-Cache"] == "RefreshHit from cloudfront");
  CHECK(origin.count("/nofresh?q=1") == 2);
  // With max-age the same policy caches.
  get(port, "/fresh?q=1");
  CHECK(get(port, "/fresh?q=1")["X-Cache"] == "Hit from cloudfront");
  CHECK(origin.count("/fresh?q=1") == 1);
}

TEST_CASE("serve: pipelined requests on one keep-alive connection are answered in order",
          "[proxy]") {
  Running r;
  asio::io_context io;
  beast::tcp_stream stream(io);
  connectLoopback(stream, r.table.front().port);
  const std::string two =
      "GET /p1 HTTP/1.1\r\nHost: a\r\n\r\n"
      "HEAD /p1 HTTP/1.1\r\nHost: a\r\n\r\n"
      "PURGE /p2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc";
  asio::write(stream.socket(), asio::buffer(two));
  beast::flat_buffer buffer;
  http::response<http::string_body> first, second;
  http::read(stream, buffer, first);
  CHECK(first.result_int() == 200);
  CHECK(first.body().size() == 1024);
  http::response_parser<http::string_body> head;
  head.skip(true);  // a HEAD answer has no body
  http::read(stream, buffer, head);
  CHECK(head.get()["X-Cache"] == "Hit from cloudfront");
  CHECK(head.get()[http::field::content_length] == "1024");
  // An extension method goes to the origin (the S3-like origin refuses it with 405).
  http::read(stream, buffer, second);
  CHECK(second.result_int() == 405);
  CHECK(second["X-Cache"] == "Error from cloudfront");  // an origin's 4xx (viewer_result.h)
}

// A load test: several keep-alive clients at once, hits and misses mixed. Under the CI's ASan
// build LeakSanitizer then checks, at exit, that the sessions, nodes and bodies leaked nothing.
TEST_CASE("serve: concurrent keep-alive clients all get whole answers, hits after the first miss",
          "[proxy][load]") {
  Running r;
  const auto port = r.table.front().port;
  constexpr int kClients = 4;
  constexpr int kRequestsEach = 300;
  constexpr int kKeys = 40;
  std::atomic<int> ok{0};
  std::atomic<int> hits{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      asio::io_context io;
      beast::tcp_stream stream(io);
      stream.expires_after(std::chrono::seconds(20));
      stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
      beast::flat_buffer buffer;
      for (int i = 0; i < kRequestsEach; ++i) {
        http::request<http::empty_body> req(
            http::verb::get, "/load/" + std::to_string((i * 7 + c) % kKeys) + ".bin", 11);
        req.set(http::field::host, "d111111abcdef8.cloudfront.net");
        http::write(stream, req);
        http::response<http::string_body> res;
        http::read(stream, buffer, res);
        if (res.result_int() == 200 && res.body().size() == 1024) ++ok;
        if (res["X-Cache"] == "Hit from cloudfront") ++hits;
      }
    });
  }
  for (auto& t : clients) t.join();
  CHECK(ok == kClients * kRequestsEach);
  // Each key misses at most once per collapsed fetch; nearly every other request is a hit.
  CHECK(hits >= kClients * kRequestsEach - kClients * kKeys);
}

TEST_CASE("serve: a 304 from the origin updates the stored copy's header fields", "[proxy]") {
  cdnsim::test::TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  auto first = get(port, "/revision.txt");
  CHECK(first["X-Revision"] == "1");
  r.nowSeconds += 61;  // past max-age=60: revalidated with If-None-Match "v1"
  auto refreshed = get(port, "/revision.txt");
  CHECK(refreshed["X-Cache"] == "RefreshHit from cloudfront");
  CHECK(refreshed["X-Revision"] == "2");
  CHECK(refreshed.body() == "hello /revision.txt");
  r.nowSeconds += 1;
  auto hit = get(port, "/revision.txt");
  CHECK(hit["X-Cache"] == "Hit from cloudfront");
  CHECK(hit["X-Revision"] == "2");  // the stored copy took the 304's value (RFC 9111 §4.3.4)
  CHECK(origin.count("/revision.txt") == 2);
}

TEST_CASE("serve: stale-while-revalidate serves the stale copy and refreshes it in the background",
          "[proxy]") {
  cdnsim::test::TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto port = r.table.front().port;
  auto first = get(port, "/swr.txt");
  CHECK(first["X-Cache"] == "Miss from cloudfront");
  CHECK(first["X-Revision"] == "1");
  r.nowSeconds += 5;  // past max-age=1, inside stale-while-revalidate=60
  auto stale = get(port, "/swr.txt");
  CHECK(stale["X-Cache"] == "Hit from cloudfront");
  CHECK(stale["X-Revision"] == "1");  // the stale copy, at once
  CHECK(stale[http::field::age] == "5");
  // The refresh goes upstream after the answer, with the stored ETag (a 304 from this origin).
  for (int i = 0; i < 200 && origin.count("/swr.txt") < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(origin.count("/swr.txt") == 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the 304 reaches the node
  auto renewed = get(port, "/swr.txt");
  CHECK(renewed["X-Cache"] == "Hit from cloudfront");
  CHECK(renewed["X-Revision"] == "2");  // the 304's fields, merged into the copy
  CHECK(renewed[http::field::age] == "0");
  CHECK(origin.count("/swr.txt") == 2);
}

TEST_CASE("serve: an origin's 103 Early Hints reaches the viewer before the answer", "[proxy]") {
  cdnsim::test::TestOrigin origin;
  Running r(customTopology(origin.port()));
  const auto raw = [&](const std::string& version) {
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), r.table.front().port});
    const std::string request = "GET /early-" + version + " " + version +
                                "\r\nHost: d111111abcdef8.cloudfront.net\r\nConnection: close\r\n\r\n";
    asio::write(socket, asio::buffer(request));
    std::string text;
    boost::system::error_code ec;
    asio::read(socket, asio::dynamic_buffer(text), ec);  // until the proxy closes
    return text;
  };
  const std::string answer = raw("HTTP/1.1");
  INFO(answer);
  const auto hints = answer.find("HTTP/1.1 103 Early Hints\r\n");
  const auto final = answer.find("HTTP/1.1 200 OK\r\n");
  REQUIRE(hints != std::string::npos);
  REQUIRE(final != std::string::npos);
  CHECK(hints < final);
  CHECK(answer.substr(hints, final - hints).find("Link: </style.css>; rel=preload") != std::string::npos);
  // RFC 9110 §15.2: never to an HTTP/1.0 client.
  const std::string old = raw("HTTP/1.0");
  CHECK(old.find(" 103 ") == std::string::npos);
  CHECK(old.find(" 200 OK\r\n") != std::string::npos);
}

TEST_CASE("serve: with an Origin Shield, a second REC's miss is answered by the shield", "[proxy]") {
  cdnsim::test::TestOrigin origin;
  const std::string topology =
      "name: t\nregional_edge_caches:\n"
      "  - {name: us-east-1, location: {lat: 38.9, lon: -77.4}, cache: {capacity: 1MiB, policy: lru}}\n"
      "  - {name: eu-central-1, location: {lat: 50.0, lon: 8.6}, cache: {capacity: 1MiB, policy: lru}}\n"
      "pops:\n"
      "  - {code: FRA56-P2, location: {lat: 50.0, lon: 8.6}, regional_edge_cache: eu-central-1,"
      " cache: {capacity: 1MiB, policy: lru}}\n"
      "  - {code: FRA60-C1, location: {lat: 50.1, lon: 8.7}, regional_edge_cache: eu-central-1,"
      " cache: {capacity: 1MiB, policy: lru}}\n"
      "  - {code: IAD89-C1, location: {lat: 38.9, lon: -77.4}, cache: {capacity: 1MiB, policy: lru}}\n"
      "origins:\n  - name: web\n    type: custom\n    domain: 127.0.0.1:" +
      std::to_string(origin.port()) +
      "\n    location: {lat: 38.9, lon: -77.4}\n    origin_shield: {region: us-east-1}\n"
      "behaviors:\n  - {path_pattern: \"*\", origin: web, cache_policy: CachingOptimized}\n";
  Running r(topology);
  std::map<std::string, std::uint16_t> ports;
  std::string shieldKind;
  for (const auto& row : r.table) {
    ports[row.name] = row.port;
    if (row.name == "us-east-1") shieldKind = row.kind;
  }
  CHECK(shieldKind == "rec (origin shield)");
  // FRA56-P2 -> eu-central-1 -> shield (us-east-1) -> origin: the shield keeps a copy.
  CHECK(get(ports["FRA56-P2"], "/shared.txt").body() == "hello /shared.txt");
  CHECK(origin.count("/shared.txt") == 1);
  // IAD89-C1 has no REC: it goes to the shield (DG/origin-shield.html), which has the object.
  auto second = get(ports["IAD89-C1"], "/shared.txt");
  CHECK(second.body() == "hello /shared.txt");
  CHECK(origin.count("/shared.txt") == 1);
  // A miss at the POP answered from the shield's cache is a hit for the viewer, logged as
  // OriginShieldHit (DG/standard-logs-reference.html), with the Age the shield stated.
  CHECK(second["X-Cache"] == "Hit from cloudfront");
  CHECK(second[http::field::age] == "0");
  r.nowSeconds += 3;
  // FRA60-C1 shares eu-central-1 with FRA56-P2: a REC hit, also Hit for the viewer.
  auto third = get(ports["FRA60-C1"], "/shared.txt");
  CHECK(third["X-Cache"] == "Hit from cloudfront");
  CHECK(third[http::field::age] == "3");
  CHECK(origin.count("/shared.txt") == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the lines follow the writes
  std::lock_guard lock(r.logMutex);
  REQUIRE(r.logLines.size() == 3);
  CHECK(r.logLines[0].find("\tMiss\t") != std::string::npos);
  CHECK(r.logLines[1].find("\tOriginShieldHit\t") != std::string::npos);
  CHECK(r.logLines[2].find("\tHit\t") != std::string::npos);
  // The layers' own fields never reach a viewer.
  for (const auto& res : {second, third}) {
    CHECK(res.find("X-Cdnsim-Layer") == res.end());
  }
}

TEST_CASE("serve: the in-process S3 origin answers with core/origin's model from its bucket",
          "[proxy][origin]") {
  // A bucket of one object with Cache-Control; every other key is absent.
  cdnsim::proxy::S3ObjectLookup bucket =
      [](std::string_view path) -> std::optional<cdnsim::core::origin::OriginObject> {
    if (path != "/img/logo.png") return std::nullopt;
    cdnsim::core::origin::OriginObject object;
    object.id = 7;
    object.version = 2;
    object.bodyBytes = 3000;
    object.contentType = "image/png";
    object.cacheControl = "max-age=60";
    object.lastModified = cdnsim::core::fromUnixSeconds(1'700'000'000);
    return object;
  };
  Running r(kTopology, bucket);
  const auto port = r.table.front().port;
  auto first = get(port, "/img/logo.png");
  CHECK(first.result_int() == 200);
  CHECK(first.body().size() == 3000);
  CHECK(first[http::field::cache_control] == "max-age=60");
  CHECK(first[http::field::content_type] == "image/png");
  CHECK(first[http::field::etag] == cdnsim::core::origin::entityTagFor(7, 2));
  CHECK(first[http::field::last_modified] == "Tue, 14 Nov 2023 22:13:20 GMT");
  r.nowSeconds += 61;  // expired: the POP revalidates with the stored ETag, S3 says 304
  auto refreshed = get(port, "/img/logo.png");
  CHECK(refreshed["X-Cache"] == "RefreshHit from cloudfront");
  CHECK(refreshed.body().size() == 3000);
  auto missing = get(port, "/img/nope.png");
  CHECK(missing.result_int() == 403);
  CHECK(missing[http::field::server] == "AmazonS3");
  CHECK(missing.body().find("<Code>AccessDenied</Code>") != std::string::npos);
  CHECK(!missing["x-amz-request-id"].empty());
}

}  // namespace cdnsim::test
