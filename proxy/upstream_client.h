#pragma once
// One request to the next layer or an origin over a kept-alive connection from the node's pool
// (upstream_pool.h) or a new one, with
// CloudFront's origin timeouts (DG/DownloadDistValuesOrigin.html: connection timeout, response
// timeout): a timeout is a 504, a refused or reset connection a 502.
#include <boost/asio.hpp>
#include <boost/beast/http.hpp>

#include "core/emit/result_type.h"
#include "proxy/proxy_types.h"
#include "proxy/upstream_pool.h"

namespace cdnsim::proxy {

using UpstreamRequest = boost::beast::http::request<boost::beast::http::string_body>;

struct FetchResult {
  bool ok = false;
  int errorStatus = 502;
  core::emit::DetailedResultType detailed = core::emit::DetailedResultType::OriginConnectError;
  ProxyBody response;  // status, end-to-end fields, body (when ok)
  // Interim responses that came before it (1xx but 101: status and fields), to pass on.
  std::vector<ProxyBody> interim;
};

// The request sent upstream: method, target and body unchanged; hop-by-hop fields removed
// (RFC 9110 §7.6.1). `forCache`: a lookup that may store the answer asks for the full
// representation (GET for HEAD, the viewer's own conditionals and Range dropped: the cache answers
// them from the whole object it stores).
UpstreamRequest upstreamRequestFrom(const UpstreamRequest& viewer, const UpstreamTarget& target,
                                    bool forCache);

// Whether a field is hop-by-hop (RFC 9110 §7.6.1) or framing the proxy sets itself.
bool isHopByHop(std::string_view name);

// A connection the upstream closed while idle in the pool is replaced by a new one once, for
// idempotent methods and only when no byte of an answer came back.
boost::asio::awaitable<FetchResult> fetchUpstream(boost::asio::io_context& io, UpstreamPool& pool,
                                                  const UpstreamTarget& target,
                                                  UpstreamRequest request, const ProxyLimits& limits);

}  // namespace cdnsim::proxy
