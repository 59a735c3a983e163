#include "proxy/s3_origin_server.h"

#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "core/http/http_date.h"
#include "core/http/validators.h"

namespace cdnsim::proxy {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
namespace {
constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);
constexpr std::string_view kEtag = "\"5d41402abc4b2a76b9719d911017c592\"";
}  // namespace

S3OriginServer::S3OriginServer(asio::io_context& io, std::string server, std::size_t objectBytes,
                               Clock clock)
    : io_(io), server_(std::move(server)), body_(objectBytes, 'x'), clock_(std::move(clock)) {
  if (!clock_) clock_ = systemNow;
}

std::uint16_t S3OriginServer::listen(const tcp::endpoint& endpoint) {
  acceptor_ = std::make_unique<tcp::acceptor>(io_, endpoint);
  asio::co_spawn(io_, [self = shared_from_this()] { return self->acceptLoop(); }, asio::detached);
  return acceptor_->local_endpoint().port();
}

void S3OriginServer::stop() {
  stopping_ = true;
  boost::system::error_code ec;
  if (acceptor_) acceptor_->close(ec);
}

asio::awaitable<void> S3OriginServer::acceptLoop() {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_->async_accept(kTuple);
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) break;
      continue;
    }
    asio::co_spawn(io_, [self = shared_from_this(), s = std::move(socket)]() mutable {
      return self->serve(std::move(s));
    }, asio::detached);
  }
}

asio::awaitable<void> S3OriginServer::serve(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    stream.expires_after(std::chrono::seconds(30));
    auto [ec, n] = co_await http::async_read(stream, buffer, req, kTuple);
    (void)n;
    if (ec) break;
    ++requests_;
    http::response<http::string_body> res;
    res.version(11);
    res.set(http::field::date, core::http::formatHttpDate(clock_()));
    res.set(http::field::server, server_);
    res.set(http::field::etag, kEtag);
    res.set(http::field::last_modified, "Tue, 01 Dec 2026 00:00:00 GMT");
    auto inm = req.find(http::field::if_none_match);
    const auto etag = core::http::parseEntityTag(kEtag);
    if (inm != req.end() && etag &&
        core::http::ifNoneMatchMatches(std::string_view(inm->value().data(), inm->value().size()), *etag)) {
      res.result(http::status::not_modified);
    } else if (req.method() == http::verb::get || req.method() == http::verb::head) {
      res.result(http::status::ok);
      res.set(http::field::content_type, "application/octet-stream");
      if (req.method() == http::verb::get) {
        res.body() = body_;
        res.prepare_payload();
      } else {
        res.content_length(body_.size());
      }
    } else {
      res.result(http::status::method_not_allowed);
      res.prepare_payload();
    }
    res.keep_alive(req.keep_alive());
    auto [wec, wn] = co_await http::async_write(stream, res, kTuple);
    (void)wn;
    if (wec || !req.keep_alive()) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace cdnsim::proxy
