#pragma once
// The headers CloudFront adds to (or imposes on) a viewer response, in CloudFront's order,
// built from one description of what happened. The simulator's trace and the live proxy both
// call emitResponseHeaders(), so they emit the same bytes (CLOUDFRONT.md §4).
//
// Order: for a response CloudFront made itself, `Server: CloudFront` first, then the generated
// fields; otherwise the origin's fields as received (its Server included). Then
// X-Cache, Via, X-Amz-Cf-Pop, X-Amz-Cf-Id, Age, and Server-Timing when enabled. This is the
// order seen in captured CloudFront responses; the place of Server-Timing is unverified.
//
// From the origin's fields we drop what CloudFront does not pass to viewers: Trailer and
// Upgrade, Set-Cookie unless the behaviour forwards cookies, and any X-Cache / X-Amz-Cf-* an
// upstream CloudFront set (ours replace them). An upstream Via is kept and ours appended to it
// (RFC 9110 §7.6.3; chained distributions show two entries). The origin's Age passes through
// unless we state an age. Vary keeps only Accept-Encoding, Cookie and the header names the
// behaviour forwards (CLOUDFRONT.md §4); a Vary left empty is dropped. The Date field is left to
// the caller (it needs the clock).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/emit/pop_code.h"
#include "core/emit/result_type.h"
#include "core/http/headers.h"
#include "core/time.h"

namespace cdnsim::core::emit {

// Who produced the response body and status.
enum class GeneratedBy : std::uint8_t {
  Origin,      // the origin (or a cache holding its response): its Server passes through
  CloudFront,  // CloudFront itself (errors, redirects): `Server: CloudFront`
  Function,    // a CloudFront Function: X-Cache FunctionGeneratedResponse
  Lambda,      // Lambda@Edge: X-Cache LambdaGeneratedResponse
};

// Server-Timing (DG/understanding-server-timing-header.html): sent only when the response
// headers policy enables it. Durations are written in whole milliseconds.
struct ServerTiming {
  std::optional<HitLayer> upstreamLayer{};      // cdn-upstream-layer: the layer that went upstream
  std::optional<Duration> upstreamDns{};        // cdn-upstream-dns
  std::optional<Duration> upstreamConnect{};    // cdn-upstream-connect
  std::optional<Duration> upstreamFirstByte{};  // cdn-upstream-fbl
  std::optional<HitLayer> hitLayer{};           // cdn-hit-layer, on hits
  std::optional<Duration> downstreamFirstByte{};  // cdn-downstream-fbl
};

struct EmitInput {
  Outcome outcome{};                                // the decision the access log also records
  GeneratedBy generatedBy{GeneratedBy::Origin};     // who made the response
  PopCode pop{};                                    // X-Amz-Cf-Pop
  std::string_view requestId{};                     // X-Amz-Cf-Id, 56 characters
  std::string_view viaId{};                         // 32 hex characters for Via
  std::optional<Duration> age{};                    // Age on hits; nullopt: none of ours
  const http::Headers* upstreamHeaders{nullptr};    // origin's (or generated) fields; may be null
  // The same fields as a reusable list (allocation-free callers); used instead when set.
  const http::HeaderFieldList* upstreamFields{nullptr};
  bool forwardCookies{false};                       // whether Set-Cookie reaches the viewer
  std::span<const std::string> forwardedHeaders{};  // header names sent to the origin (for Vary)
  std::optional<ServerTiming> serverTiming{};       // nullopt: Server-Timing disabled
};

// The complete emitted header list, in order.
http::Headers emitResponseHeaders(const EmitInput& in);
// The same list into `out` (cleared first): once `out` has grown, no allocation. For hot paths
// (a trace line per simulated request); the rules are the same code.
void emitResponseHeaders(const EmitInput& in, http::HeaderFieldList& out);
// The same over upstream fields the caller wrote into `fields` itself (in.upstreamHeaders and
// in.upstreamFields are not read): on return `fields` holds the emitted list. When every upstream
// field passes as it is (an origin's answer without Via, Vary, Set-Cookie, ...), ours are appended
// in place and nothing is copied; otherwise the upstream fields move to `spare` and the list is
// built from them. Reuse both lists: no allocation once they have grown.
void emitResponseHeadersInPlace(const EmitInput& in, http::HeaderFieldList& fields,
                                http::HeaderFieldList& spare);

// The viewer's Vary value: the listed names CloudFront keeps, in order, joined by ", "; empty
// when none is kept. Names compare case-insensitively (RFC 9110 §12.5.5).
std::string filterVary(std::string_view vary, std::span<const std::string> forwardedHeaders);
void appendFilteredVary(std::string_view vary, std::span<const std::string> forwardedHeaders,
                        std::string& out);

// Age's value: whole seconds, rounded down, never negative (RFC 9111 §5.1).
std::string ageValue(Duration age);
void appendAgeValue(Duration age, std::string& out);

// Server-Timing's value, e.g. `cdn-cache-hit,cdn-pop;desc="IAD89-C1",cdn-rid;desc="...",
// cdn-hit-layer;desc="EDGE",cdn-downstream-fbl;dur=3`. Cache metric: cdn-cache-hit for Hit,
// cdn-cache-refresh for RefreshHit, cdn-cache-miss for Miss; none for other results.
void appendServerTimingValue(const ServerTiming& st, EdgeResultType result, const PopCode& pop,
                             std::string_view requestId, std::string& out);

}  // namespace cdnsim::core::emit
