#pragma once
// Keep-alive connections to the next layer or an origin, reused across requests: idle connections
// are kept per upstream (address and port), at most `maxIdlePerUpstream` of them, each for at most
// `idleTimeout` (4 s, see Config). A connection the upstream closed meanwhile is found out when
// it is used; fetchUpstream then retries once on a fresh connection (upstream_client.h).
//
// Not thread-safe: a pool belongs to one node and its event loop.
#include <boost/asio.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>

namespace cdnsim::proxy {

class UpstreamPool {
 public:
  struct Config {
    std::size_t maxIdlePerUpstream = 32;         // idle connections kept per upstream
    // Under CloudFront's 5 s (DG/DownloadDistValuesOrigin.html) so that a server closing idle
    // connections after 5 s (Node.js, Apache) does not close one just as it is reused.
    std::chrono::milliseconds idleTimeout{4000};
  };
  UpstreamPool() = default;
  explicit UpstreamPool(Config config) : config_(config) {}

  // An idle connection to `to`, most recently used first, or nullopt (too old ones are closed).
  std::optional<boost::beast::tcp_stream> take(const boost::asio::ip::tcp::endpoint& to);
  // A connection whose last exchange ended cleanly and may carry another request.
  void give(const boost::asio::ip::tcp::endpoint& to, boost::beast::tcp_stream stream);
  // Closes every idle connection (at shutdown).
  void clear() { idle_.clear(); }
  std::size_t idle() const;

 private:
  struct Idle {
    boost::beast::tcp_stream stream;
    std::chrono::steady_clock::time_point since;
  };
  Config config_;
  std::map<boost::asio::ip::tcp::endpoint, std::deque<Idle>> idle_;
};

}  // namespace cdnsim::proxy
