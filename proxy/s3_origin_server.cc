#include "proxy/s3_origin_server.h"

#include <fmt/format.h>

#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "core/http/http_date.h"
#include "core/http/headers.h"
#include "core/http/validators.h"
#include "core/origin/conditional.h"
#include "core/origin/s3_origin.h"
#include "proxy/awaitable_tuple.h"

namespace cdnsim::proxy {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
namespace {
// The default bucket: every path a 1 KiB object, written 2026-12-01, its id a hash of the path.
std::optional<core::origin::OriginObject> anyPathIsAnObject(std::string_view path) {
  core::origin::OriginObject object;
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a
  for (const char c : path) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  object.id = hash;
  object.bodyBytes = 1024;
  object.lastModified = core::fromUnixSeconds(1796083200);  // 2026-12-01T00:00:00Z
  return object;
}

std::optional<std::string_view> fieldOf(const http::request<http::string_body>& req, http::field f) {
  const auto it = req.find(f);
  if (it == req.end()) return std::nullopt;
  return std::string_view(it->value().data(), it->value().size());
}

// S3's error document for a key it will not reveal (no s3:ListBucket permission).
std::string accessDeniedBody(std::string_view requestId) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
         "<Message>Access Denied</Message><RequestId>" +
         std::string(requestId) + "</RequestId></Error>";
}
}  // namespace

S3OriginServer::S3OriginServer(asio::io_context& io, std::string server, S3ObjectLookup objects,
                               Clock clock)
    : io_(io), server_(std::move(server)), objects_(std::move(objects)), clock_(std::move(clock)) {
  if (!clock_) clock_ = systemNow;
  if (!objects_) objects_ = anyPathIsAnObject;
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
    const std::string_view target(req.target().data(), req.target().size());
    const auto object = objects_(target.substr(0, target.find('?')));
    const bool readsObject = req.method() == http::verb::get || req.method() == http::verb::head;
    if (!readsObject) {
      res.result(http::status::method_not_allowed);
      res.set(http::field::server, server_);
      res.prepare_payload();
    } else if (!object) {
      const std::string requestId = fmt::format("{:016X}", requests_);
      res.result(http::status::forbidden);
      res.set(http::field::date, core::http::formatHttpDate(clock_()));
      res.set(http::field::server, server_);
      res.set("x-amz-request-id", requestId);
      res.set(http::field::content_type, "application/xml");
      res.body() = accessDeniedBody(requestId);
      res.prepare_payload();
    } else {
      char etag[core::origin::kEntityTagLength];
      core::origin::writeEntityTag(object->id, object->version, etag);
      core::origin::ConditionalRequest conditions;
      conditions.ifNoneMatch = fieldOf(req, http::field::if_none_match);
      conditions.ifModifiedSince = fieldOf(req, http::field::if_modified_since);
      core::origin::RepresentationValidators current;
      current.etag = std::string_view(etag, sizeof etag);
      current.lastModified = object->lastModified;
      const bool notModified = core::origin::answersNotModified(conditions, current);
      core::http::HeaderFieldList fields;
      core::origin::appendS3GetHeaders(*object, clock_(), server_, notModified, fields);
      for (const auto field : fields) {
        // Beast frames the body itself (prepare_payload / content_length below).
        if (field.name != "Content-Length") res.set(field.name, field.value);
      }
      if (notModified) {
        res.result(http::status::not_modified);
      } else {
        res.result(http::status::ok);
        if (req.method() == http::verb::get) {
          res.body().assign(object->bodyBytes, 'x');
          res.prepare_payload();
        } else {
          res.content_length(object->bodyBytes);
        }
      }
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
