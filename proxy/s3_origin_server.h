#pragma once
// An S3-like origin in-process: every GET/HEAD answers 200 with a body of `objectBytes` bytes,
// `Server: AmazonS3`, an ETag and a Last-Modified, no Cache-Control (so the behaviour's Default
// TTL applies, DG/Expiration.html); a matching If-None-Match gets 304 (RFC 9110 §13.1.2).
#include <boost/asio.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "proxy/proxy_types.h"

namespace cdnsim::proxy {

class S3OriginServer : public std::enable_shared_from_this<S3OriginServer> {
 public:
  S3OriginServer(boost::asio::io_context& io, std::string server, std::size_t objectBytes, Clock clock);
  std::uint16_t listen(const boost::asio::ip::tcp::endpoint& endpoint);
  void stop();
  std::uint64_t requests() const { return requests_; }

 private:
  boost::asio::awaitable<void> acceptLoop();
  boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);
  boost::asio::io_context& io_;
  std::string server_;
  std::string body_;
  Clock clock_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  std::uint64_t requests_ = 0;
  bool stopping_ = false;
};

}  // namespace cdnsim::proxy
