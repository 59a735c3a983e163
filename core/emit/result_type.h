#pragma once
// How CloudFront classifies a response: the access log's x-edge-result-type,
// x-edge-response-result-type and x-edge-detailed-result-type (DG/standard-logs-reference.html,
// CLOUDFRONT.md §8), the X-Cache header's type (CLOUDFRONT.md §4), and the cache layer that
// served a hit (Server-Timing cdn-hit-layer, DG/understanding-server-timing-header.html).
// One decision (an Outcome) feeds the log fields and the headers, so they cannot disagree.

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace cdnsim::core::emit {

// x-edge-result-type / x-edge-response-result-type.
enum class EdgeResultType : std::uint8_t {
  Hit,               // served from the cache
  RefreshHit,        // cached but expired; the origin confirmed it (304) or sent a new copy
  Miss,              // not in the cache; fetched from the next layer or the origin
  LimitExceeded,     // a CloudFront quota refused the request (503)
  CapacityExceeded,  // the edge lacked capacity (503)
  Error,             // the request failed: origin error, client error or a generated error
  Redirect,          // CloudFront redirected HTTP to HTTPS itself
};

// x-edge-detailed-result-type: the result type, or a finer reason.
enum class DetailedResultType : std::uint8_t {
  Hit,
  RefreshHit,
  Miss,
  LimitExceeded,
  CapacityExceeded,
  Error,
  Redirect,
  OriginShieldHit,        // a hit in the origin shield cache (result type Hit)
  MissGeneratedResponse,  // a Function/Lambda@Edge made the response (result type Miss)
  // Errors (result type Error):
  AbortedOrigin,
  ClientCommError,
  ClientGeoBlocked,
  ClientHungUpRequest,
  InvalidRequest,
  InvalidRequestBlocked,
  InvalidRequestCertificate,
  InvalidRequestHeader,
  InvalidRequestMethod,
  OriginCommError,
  OriginConnectError,
  OriginContentRangeLengthError,
  OriginDnsError,
  OriginError,
  OriginHeaderTooBigError,
  OriginInvalidResponseError,
  OriginReadError,
  OriginWriteError,
  OriginZeroSizeObjectError,
  SlowReaderOriginError,
};
inline constexpr int kDetailedResultTypeCount = 29;

// The X-Cache header's type: "<Type> from cloudfront".
enum class XCacheType : std::uint8_t {
  Hit,
  RefreshHit,
  Miss,
  Error,
  Redirect,
  FunctionGeneratedResponse,  // a CloudFront Function answered the viewer request
  LambdaGeneratedResponse,    // a Lambda@Edge function answered
};

// Where a hit was served from (Server-Timing cdn-hit-layer) and, for records, which layer
// answered at all (Origin when no cache had it).
enum class HitLayer : std::uint8_t { Edge, RegionalEdgeCache, OriginShield, Origin };

// Exact spellings as CloudFront writes them.
std::string_view toString(EdgeResultType t);
std::string_view toString(DetailedResultType t);
std::string_view toString(XCacheType t);
// Server-Timing spelling: "EDGE", "REC", "Origin Shield", and "Origin" for our own Origin.
std::string_view toString(HitLayer l);

// Exact, case-sensitive parsing of the log spellings (for replaying access logs).
std::optional<EdgeResultType> parseEdgeResultType(std::string_view text);
std::optional<DetailedResultType> parseDetailedResultType(std::string_view text);

// The x-edge-result-type a detailed type belongs to: OriginShieldHit -> Hit,
// MissGeneratedResponse -> Miss, the error kinds -> Error, the rest to themselves.
EdgeResultType edgeResultOf(DetailedResultType d);

// "Hit from cloudfront" etc. (lower-case "cloudfront", CLOUDFRONT.md §4). Static storage.
std::string_view xCacheValue(XCacheType t);
// X-Cache for a result type: LimitExceeded and CapacityExceeded are errors to the viewer.
XCacheType xCacheTypeFor(EdgeResultType t);

// One decision about a viewer response, as the log records it.
struct Outcome {
  EdgeResultType result{EdgeResultType::Miss};            // x-edge-result-type
  EdgeResultType responseResult{EdgeResultType::Miss};    // x-edge-response-result-type
  DetailedResultType detailed{DetailedResultType::Miss};  // x-edge-detailed-result-type
  bool operator==(const Outcome&) const = default;
};

// The usual outcome for a detailed type: result = response result = edgeResultOf(d).
// (They differ when, say, a hit could not be delivered because the viewer hung up: result Hit,
// response result Error, detailed ClientHungUpRequest; build that one by hand.)
Outcome outcomeOf(DetailedResultType d);

}  // namespace cdnsim::core::emit

#define CDNSIM_EMIT_ENUM_FORMATTER(Type)                                                     \
  template <>                                                                                \
  struct fmt::formatter<cdnsim::core::emit::Type> : fmt::formatter<std::string_view> {       \
    template <typename FormatContext>                                                        \
    auto format(cdnsim::core::emit::Type v, FormatContext& ctx) const {                      \
      return fmt::formatter<std::string_view>::format(cdnsim::core::emit::toString(v), ctx); \
    }                                                                                        \
  };
CDNSIM_EMIT_ENUM_FORMATTER(EdgeResultType)
CDNSIM_EMIT_ENUM_FORMATTER(DetailedResultType)
CDNSIM_EMIT_ENUM_FORMATTER(XCacheType)
CDNSIM_EMIT_ENUM_FORMATTER(HitLayer)
#undef CDNSIM_EMIT_ENUM_FORMATTER

template <>
struct fmt::formatter<cdnsim::core::emit::Outcome> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const cdnsim::core::emit::Outcome& o, FormatContext& ctx) const {
    return fmt::format_to(ctx.out(), "{}/{}/{}", o.result, o.responseResult, o.detailed);
  }
};
