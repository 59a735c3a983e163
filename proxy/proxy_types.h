#pragma once
// What the proxy stores per cached object, where it sends misses, and its limits.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "core/origin/s3_origin.h"
#include "core/time.h"

namespace cdnsim::proxy {

// A cached response as the proxy replays it: status line, the origin's fields (hop-by-hop and
// framing fields removed), and the body.
struct ProxyBody {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> fields;
  std::string body;
};

// Where a node sends what it cannot answer: the next caching layer or an origin.
struct UpstreamTarget {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string hostHeader;  // Host sent upstream ("" keeps the viewer's)
  bool asShield = false;   // the next layer acts as Origin Shield for these requests
};

// Between the proxy's own layers only (removed before an origin or a viewer sees them):
// - kRoleField on a request: "shield" when the receiving REC acts as Origin Shield for it;
// - kLayerField on a response: the caching layer that produced the body from its cache ("rec",
//   "shield"), followed by " refreshed" when it revalidated its copy first. The POP turns it into
//   the viewer's result (core/node/viewer_result.h), as the simulator does.
inline constexpr std::string_view kRoleField = "X-Cdnsim-Role";
inline constexpr std::string_view kLayerField = "X-Cdnsim-Layer";

// What an in-process S3 origin holds: the object at a path (without the query), or nullopt when
// the bucket has no such key. The object's string views must outlive the server.
using S3ObjectLookup = std::function<std::optional<core::origin::OriginObject>(std::string_view path)>;

// The wall clock by default; tests pass a clock they can advance.
using Clock = std::function<core::TimePoint()>;
core::TimePoint systemNow();

struct ProxyLimits {
  std::size_t maxUrlBytes = 8192;       // DG/cloudfront-limits.html: URL length
  std::size_t maxHeaderBytes = 20480;   // DG/cloudfront-limits.html: total request headers
  std::uint64_t maxBodyBytes = 64ULL << 20;
  std::chrono::milliseconds idleTimeout{60000};       // a viewer connection with no request
  std::chrono::milliseconds requestReadTimeout{10000};  // one request's bytes (slowloris)
  std::chrono::milliseconds upstreamConnectTimeout{10000};  // DG: connection timeout 10 s
  std::chrono::milliseconds upstreamResponseTimeout{30000}; // DG: response timeout 30 s
  std::size_t maxConnections = 10000;   // per node; further connections are closed at accept
};

}  // namespace cdnsim::proxy
