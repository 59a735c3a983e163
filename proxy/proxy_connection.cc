// ProxyNode's viewer side: accepting connections, reading requests (keep-alive, pipelining),
// writing answers with any interim responses first, and the access-log / trace line per exchange.
// What to answer is decided in proxy_node.cc.
#include "proxy/proxy_node.h"

#include <array>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "core/record/access_log.h"
#include "core/record/record_builder.h"
#include "core/record/trace_line.h"
#include "proxy/awaitable_tuple.h"
#include "proxy/response_head.h"

namespace cdnsim::proxy {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using core::emit::DetailedResultType;
namespace {
using ViewerRequest = http::request<http::string_body>;
using ViewerResponse = http::response<http::string_body>;
}  // namespace

core::TimePoint systemNow() {
  return core::TimePoint(std::chrono::duration_cast<core::Duration>(
      std::chrono::system_clock::now().time_since_epoch()));
}

std::uint16_t ProxyNode::listen(const tcp::endpoint& endpoint) {
  acceptor_ = std::make_unique<tcp::acceptor>(io_);
  acceptor_->open(endpoint.protocol());
  acceptor_->set_option(asio::socket_base::reuse_address(true));
  acceptor_->bind(endpoint);
  acceptor_->listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_->local_endpoint().port();
  asio::co_spawn(io_, [self = shared_from_this()] { return self->acceptLoop(); }, asio::detached);
  return port_;
}

void ProxyNode::stop() {
  stopping_ = true;
  pool_.clear();  // idle upstream connections end now, so the next layer's sessions end too
  if (acceptor_) {
    boost::system::error_code ec;
    acceptor_->close(ec);
  }
}

asio::awaitable<void> ProxyNode::acceptLoop() {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_->async_accept(kTuple);
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) break;
      continue;  // EMFILE and the like: try again
    }
    if (openConnections_ >= options_.limits.maxConnections) continue;  // closed at scope end
    ++counters_.connections;
    asio::co_spawn(
        io_, [self = shared_from_this(), s = std::move(socket)]() mutable {
          return self->serveConnection(std::move(s));
        },
        asio::detached);
  }
}

// One viewer connection: read a request (Beast's parser keeps pipelined bytes in `buffer`),
// answer it, repeat while keep-alive.
asio::awaitable<void> ProxyNode::serveConnection(tcp::socket socket) {
  ++openConnections_;
  struct Count {
    std::size_t& n;
    ~Count() { --n; }
  } count{openConnections_};
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  std::string head;  // the response's header section, reused across the connection's exchanges
  const auto& limits = options_.limits;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.maxHeaderBytes + limits.maxUrlBytes + 64));
    parser.body_limit(limits.maxBodyBytes);
    stream.expires_after(buffer.size() > 0 ? limits.requestReadTimeout : limits.idleTimeout);
    // Wait for the first byte with the idle timeout, then the whole header with the read timeout.
    auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, kTuple);
    (void)hn;
    ViewerResponse res;
    bool close = false;
    std::optional<ViewerRequest> request;
    core::TimePoint received{};
    ExchangeNote note;
    std::vector<ProxyBody> interim;
    if (!hec) {
      stream.expires_after(limits.requestReadTimeout);
      auto [bec, bn] = co_await http::async_read(stream, buffer, parser, kTuple);
      (void)bn;
      hec = bec;
    }
    if (hec == http::error::end_of_stream || hec == beast::error::timeout ||
        hec == asio::error::connection_reset || hec == asio::error::eof ||
        hec == asio::error::operation_aborted) {
      break;
    }
    if (hec) {
      // Malformed or too large: CloudFront answers with its own error and closes.
      const int status = hec == http::error::header_limit ? 494
                         : hec == http::error::body_limit ? 413
                                                          : 400;
      res = makeError(status, DetailedResultType::InvalidRequest);
      close = true;
    } else {
      request = parser.release();
      received = options_.clock();
      if (request->target().size() > limits.maxUrlBytes) {
        res = makeError(414, DetailedResultType::InvalidRequest);
      } else {
        res = co_await handleViewer(*request, interim);
      }
      // Taken before the next suspension: a finished child awaitable resumes its caller
      // directly, so no other session has run since handle() set it.
      note = lastNote_;
      close = !request->keep_alive() || stopping_;
    }
    res.keep_alive(!close);
    stream.expires_after(limits.requestReadTimeout);
    // RFC 9110 §15.2: interim responses go on to HTTP/1.1 clients only, before the final one.
    for (const auto& i : interim) {
      if (request->version() < 11) break;
      http::response<http::empty_body> early(static_cast<http::status>(i.status), 11);
      if (i.status == 103) early.reason("Early Hints");  // RFC 8297; Beast knows no phrase for it
      for (const auto& [name, value] : i.fields) early.insert(name, value);
      auto [iec, in] = co_await http::async_write(stream, early, kTuple);
      (void)in;
      if (iec) break;
    }
    head.clear();
    appendResponseHead(res.base(), head);
    const bool withBody =
        responseHasBody(request && request->method() == http::verb::head, res.result_int());
    const std::array<asio::const_buffer, 2> wire{
        asio::buffer(head), withBody ? asio::buffer(res.body()) : asio::const_buffer()};
    auto [wec, wn] = co_await asio::async_write(stream, wire, kTuple);
    (void)wn;
    if ((options_.accessLog || options_.trace) && options_.viewerFacing && request) {
      boost::system::error_code pec;
      const auto peer = stream.socket().remote_endpoint(pec);
      logExchange(*request, res, received, peer, note);
    }
    if (wec || close) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

void ProxyNode::logExchange(const ViewerRequest& req, const ViewerResponse& res,
                            core::TimePoint received, const tcp::endpoint& client,
                            const ExchangeNote& note) {
  const std::string_view target(req.target().data(), req.target().size());
  const auto q = target.find('?');
  std::uint64_t headerBytes = 0;
  std::string host;
  for (const auto& f : req) {
    if (f.name() == http::field::host) {
      host = std::string(f.value());
      continue;
    }
    headerBytes += f.name_string().size() + 2 + f.value().size() + 2;
  }
  core::http::HeaderFieldList emitted;
  for (const auto& f : res) {
    emitted.add(std::string_view(f.name_string().data(), f.name_string().size()),
                std::string_view(f.value().data(), f.value().size()));
  }
  const std::string ip = client.address().to_string();
  const auto ct = res.find(http::field::content_type);
  core::record::ViewerExchangeFacts facts;
  facts.received = received;
  facts.firstByte = options_.clock();
  facts.lastByte = facts.firstByte;
  facts.pop = options_.pop.value_or(core::emit::PopCode{"SFO", 1, '\0', 0});
  facts.clientIp = ip;
  facts.clientPort = client.port();
  facts.method = std::string_view(req.method_string().data(), req.method_string().size());
  facts.host = host;
  facts.uriStem = target.substr(0, q);
  facts.query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  facts.requestHeaderBytes = headerBytes;
  facts.status = static_cast<int>(res.result_int());
  facts.bodyBytes =
      responseHasBody(req.method() == http::verb::head, res.result_int()) ? res.body().size() : 0;
  facts.emitted = &emitted;
  facts.outcome = note.outcome;
  facts.requestId = note.requestId;
  if (ct != res.end()) facts.contentType = std::string_view(ct->value().data(), ct->value().size());
  facts.age = note.age;
  const auto record = core::record::buildRequestRecord(facts);
  std::string line;
  if (options_.accessLog) {
    core::record::appendAccessLogLine(record, line);
    options_.accessLog(line);
  }
  if (options_.trace) {
    line.clear();
    core::record::appendTraceJsonLine(record, emitted, line);
    options_.trace(line);
  }
}

}  // namespace cdnsim::proxy
