#include "proxy/upstream_client.h"

#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <optional>

#include "core/http/headers.h"
#include "proxy/awaitable_tuple.h"

namespace cdnsim::proxy {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using core::emit::DetailedResultType;
namespace {

FetchResult failure(int status, DetailedResultType detailed) {
  FetchResult r;
  r.ok = false;
  r.errorStatus = status;
  r.detailed = detailed;
  return r;
}
// Whether the comma-separated list names `name` (RFC 9110 §5.6.1), case-insensitively.
bool listNames(std::string_view list, std::string_view name) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (core::http::equalsIgnoreCase(item, name)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}
}  // namespace

bool isHopByHop(std::string_view name) {
  using core::http::equalsIgnoreCase;
  for (std::string_view h : {"Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer",
                             "Transfer-Encoding", "Upgrade", "Proxy-Authenticate",
                             "Proxy-Authorization", "Content-Length"}) {
    if (equalsIgnoreCase(name, h)) return true;
  }
  return false;
}

UpstreamRequest upstreamRequestFrom(const UpstreamRequest& viewer, const UpstreamTarget& target,
                                    bool forCache) {
  UpstreamRequest up;
  up.version(11);
  if (forCache && viewer.method() == http::verb::head) {
    up.method(http::verb::get);
  } else {
    up.method_string(viewer.method_string());
  }
  up.target(viewer.target());
  // Names listed in Connection are hop-by-hop too (RFC 9110 §7.6.1).
  std::string connectionList;
  if (auto it = viewer.find(http::field::connection); it != viewer.end()) {
    connectionList = std::string(it->value());
  }
  for (const auto& f : viewer) {
    const std::string_view name(f.name_string().data(), f.name_string().size());
    if (isHopByHop(name)) continue;
    if (forCache && (core::http::equalsIgnoreCase(name, "If-None-Match") ||
                     core::http::equalsIgnoreCase(name, "If-Modified-Since") ||
                     core::http::equalsIgnoreCase(name, "Range") ||
                     core::http::equalsIgnoreCase(name, "If-Range"))) {
      continue;
    }
    if (!connectionList.empty() && listNames(connectionList, name)) continue;
    if (core::http::equalsIgnoreCase(name, kRoleField)) continue;  // set below, ours only
    up.insert(f.name_string(), f.value());
  }
  if (target.asShield) up.set(kRoleField, "shield");
  if (!target.hostHeader.empty()) up.set(http::field::host, target.hostHeader);
  up.body() = viewer.body();
  if (!up.body().empty() || viewer.has_content_length()) up.prepare_payload();
  return up;
}

namespace {

// RFC 9110 §9.2.2: a request that may be repeated when the connection fails before the answer.
bool idempotent(http::verb method) {
  switch (method) {
    case http::verb::get: case http::verb::head: case http::verb::options:
    case http::verb::trace: case http::verb::put: case http::verb::delete_:
      return true;
    default:
      return false;
  }
}

// One exchange on `stream`. `retryable` is set when the connection failed before any byte of an
// answer came back (a kept-alive connection the upstream had closed).
asio::awaitable<FetchResult> exchange(beast::tcp_stream& stream, UpstreamRequest& request,
                                      const ProxyLimits& limits, bool& retryable, bool& reusable) {
  retryable = false;
  reusable = false;
  stream.expires_after(limits.upstreamResponseTimeout);
  auto [wec, wn] = co_await http::async_write(stream, request, kTuple);
  (void)wn;
  if (wec == beast::error::timeout) co_return failure(504, DetailedResultType::OriginWriteError);
  if (wec) {
    retryable = true;
    co_return failure(502, DetailedResultType::OriginWriteError);
  }
  beast::flat_buffer buffer;
  std::vector<ProxyBody> interim;
  for (;;) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(limits.maxBodyBytes);
    if (request.method() == http::verb::head) parser.skip(true);
    stream.expires_after(limits.upstreamResponseTimeout);
    auto [rec, rn] = co_await http::async_read(stream, buffer, parser, kTuple);
    (void)rn;
    if (rec == beast::error::timeout) co_return failure(504, DetailedResultType::OriginReadError);
    if (rec) {
      retryable = interim.empty() && !parser.got_some();
      co_return failure(502, DetailedResultType::OriginReadError);
    }
    auto res = parser.release();
    if (res.result_int() >= 100 && res.result_int() < 200) {
      // Interim (RFC 9110 §15.2): the final response follows. 101 cannot be passed on (Upgrade is
      // not forwarded); 100 Continue answered the proxy's own request, not the viewer's.
      if (res.result_int() != 101 && res.result_int() != 100) {
        ProxyBody note;
        note.status = static_cast<int>(res.result_int());
        for (const auto& f : res) {
          const std::string_view name(f.name_string().data(), f.name_string().size());
          if (!isHopByHop(name)) note.fields.emplace_back(std::string(name), std::string(f.value()));
        }
        interim.push_back(std::move(note));
      }
      continue;
    }
    FetchResult out;
    out.interim = std::move(interim);
    out.ok = true;
    out.response.status = static_cast<int>(res.result_int());
    // Names listed in Connection are hop-by-hop too (RFC 9110 §7.6.1): never stored or passed on.
    const auto connection = res.find(http::field::connection);
    const std::string_view listed = connection == res.end()
                                        ? std::string_view()
                                        : std::string_view(connection->value().data(),
                                                           connection->value().size());
    for (const auto& f : res) {
      const std::string_view name(f.name_string().data(), f.name_string().size());
      if (isHopByHop(name) || (!listed.empty() && listNames(listed, name))) continue;
      out.response.fields.emplace_back(std::string(name), std::string(f.value()));
    }
    out.response.body = std::move(res.body());
    // Nothing left over and the upstream keeps the connection: it may carry the next request.
    reusable = res.keep_alive() && !parser.need_eof() && buffer.size() == 0;
    co_return out;
  }
}

}  // namespace

asio::awaitable<FetchResult> fetchUpstream(asio::io_context& io, UpstreamPool& pool,
                                           const UpstreamTarget& target, UpstreamRequest request,
                                           const ProxyLimits& limits) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(target.host == "localhost" ? "127.0.0.1" : target.host, ec);
  if (ec) co_return failure(502, DetailedResultType::OriginDnsError);
  const tcp::endpoint endpoint(address, target.port);
  request.keep_alive(true);
  for (bool retried = false;; retried = true) {
    // A request that may not be repeated goes on a new connection: a kept one may have been
    // closed by the upstream just as it is sent, with no safe way to try again.
    std::optional<beast::tcp_stream> pooled =
        retried || !idempotent(request.method()) ? std::nullopt : pool.take(endpoint);
    const bool reused = pooled.has_value();
    beast::tcp_stream stream = reused ? std::move(*pooled) : beast::tcp_stream(io);
    if (!reused) {
      stream.expires_after(limits.upstreamConnectTimeout);
      auto [cec] = co_await stream.async_connect(endpoint, kTuple);
      if (cec == beast::error::timeout) co_return failure(504, DetailedResultType::OriginConnectError);
      if (cec) co_return failure(502, DetailedResultType::OriginConnectError);
    }
    bool retryable = false;
    bool reusable = false;
    FetchResult out = co_await exchange(stream, request, limits, retryable, reusable);
    // A kept-alive connection the upstream closed before answering: once more on a new one, when
    // the method may be repeated (RFC 9110 §9.2.2, RFC 9112 §9.3.1).
    if (!out.ok && retryable && reused && idempotent(request.method())) continue;
    if (out.ok && reusable) {
      stream.expires_never();
      pool.give(endpoint, std::move(stream));
    } else {
      boost::system::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }
    co_return out;
  }
}

}  // namespace cdnsim::proxy
