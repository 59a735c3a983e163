#pragma once
// A running `cdnsim serve` for tests: the proxy on loopback ports with a clock the test advances,
// its access-log and trace lines collected, and a small Beast client.
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/config/topology.h"
#include "proxy/proxy_server.h"

namespace cdnsim::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using cdnsim::core::TimePoint;

inline const char* kTopology = R"(name: t
regional_edge_caches: []
pops:
  - code: IAD89-C1
    location: {lat: 38.9, lon: -77.4}
    cache: {capacity: 1MiB, policy: lru}
origins:
  - name: assets
    type: s3
    domain: assets-bucket.s3.us-east-1.amazonaws.com
    location: {lat: 38.9, lon: -77.4}
behaviors:
  - path_pattern: "*"
    origin: assets
    cache_policy: CachingOptimized
)";

struct Running {
  asio::io_context io;
  std::atomic<std::int64_t> nowSeconds{1'800'000'000};
  std::unique_ptr<cdnsim::proxy::ProxyServer> server;
  std::vector<cdnsim::proxy::ListeningNode> table;
  std::thread thread;
  std::vector<std::string> logLines;  // written by the server thread, read after a response
  std::vector<std::string> traceLines;
  std::mutex logMutex;
  explicit Running(std::string topology = kTopology, cdnsim::proxy::S3ObjectLookup bucket = {}) {
    cdnsim::proxy::ServeOptions options;
    options.s3Objects = std::move(bucket);
    options.limits.upstreamConnectTimeout = std::chrono::milliseconds(500);
    options.limits.upstreamResponseTimeout = std::chrono::milliseconds(500);
    options.accessLog = [this](std::string_view line) {
      std::lock_guard lock(logMutex);
      logLines.emplace_back(line);
    };
    options.trace = [this](std::string_view line) {
      std::lock_guard lock(logMutex);
      traceLines.emplace_back(line);
    };
    options.clock = [this] { return cdnsim::core::fromUnixSeconds(nowSeconds.load()); };
    server = std::make_unique<cdnsim::proxy::ProxyServer>(
        io, cdnsim::core::config::loadTopologyFromString(topology, "t.yaml"), options);
    table = server->start();
    thread = std::thread([this] { io.run_for(std::chrono::seconds(20)); });
  }
  ~Running() {
    asio::post(io, [this] { server->stop(); io.stop(); });
    thread.join();
  }
};

// Connects `stream` to 127.0.0.1:`port`, every operation on it bounded to 5 s.
inline void connectLoopback(beast::tcp_stream& stream, std::uint16_t port) {
  stream.expires_after(std::chrono::seconds(5));
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

inline http::response<http::string_body> get(std::uint16_t port, const std::string& target,
                                      const std::string& raw = "",
                                      const std::string& ifNoneMatch = "") {
  asio::io_context io;
  beast::tcp_stream stream(io);
  connectLoopback(stream, port);
  if (raw.empty()) {
    http::request<http::empty_body> req(http::verb::get, target, 11);
    req.set(http::field::host, "d111111abcdef8.cloudfront.net");
    if (!ifNoneMatch.empty()) req.set(http::field::if_none_match, ifNoneMatch);
    http::write(stream, req);
  } else {
    asio::write(stream.socket(), asio::buffer(raw));
  }
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  return res;
}

// One POP in front of a custom origin on `originPort`; policy "Zero" is Min/Default TTL 0 with the
// whole query string in the key (topologies/serve-conformance.yaml's).
inline std::string customTopology(std::uint16_t originPort, const std::string& policy = "CachingOptimized") {
  return "name: t\nregional_edge_caches: []\npops:\n  - code: IAD89-C1\n"
         "    location: {lat: 38.9, lon: -77.4}\n    cache: {capacity: 1MiB, policy: lru}\n"
         "origins:\n  - name: web\n    type: custom\n    domain: 127.0.0.1:" +
         std::to_string(originPort) +
         "\n    location: {lat: 38.9, lon: -77.4}\nbehaviors:\n  - path_pattern: \"*\"\n"
         "    origin: web\n    cache_policy: " + policy + "\n" +
         (policy == "Zero" ? "cache_policies:\n  - {name: Zero, min_ttl: 0, default_ttl: 0, "
                             "query_strings: {behavior: all}}\n" : "");
}

}  // namespace cdnsim::test
