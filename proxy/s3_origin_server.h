#pragma once
// An S3-like origin in-process. Its answers are core/origin's S3 model, as in the simulator:
// 200 with S3's headers (core/origin/s3_origin.h: ETag of the object's version, Last-Modified,
// Cache-Control when the object has one, Server: AmazonS3), 304 when a conditional GET's
// validators match (core/origin/conditional.h, RFC 9110 §13.2.2). Which objects exist comes from
// an S3ObjectLookup: by default every path is a 1 KiB object without Cache-Control (so the
// behaviour's Default TTL applies, DG/Expiration.html); `cdnsim serve SCENARIO.yaml` fills it
// from the scenario's catalogue. A key the bucket lacks gets 403 AccessDenied, S3's answer when
// the requester may not list the bucket (the usual CloudFront set-up with origin access control).
#include <boost/asio.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "proxy/proxy_types.h"

namespace cdnsim::proxy {

class S3OriginServer : public std::enable_shared_from_this<S3OriginServer> {
 public:
  S3OriginServer(boost::asio::io_context& io, std::string server, S3ObjectLookup objects, Clock clock);
  std::uint16_t listen(const boost::asio::ip::tcp::endpoint& endpoint);
  void stop();
  std::uint64_t requests() const { return requests_; }

 private:
  boost::asio::awaitable<void> acceptLoop();
  boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);
  boost::asio::io_context& io_;
  std::string server_;
  S3ObjectLookup objects_;
  Clock clock_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  std::uint64_t requests_ = 0;
  bool stopping_ = false;
};

}  // namespace cdnsim::proxy
