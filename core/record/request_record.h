#pragma once
// Everything one completed viewer request produced, as plain data for the formatters (access
// log line, JSONL trace line, real-time log record). Strings are views into storage the
// caller owns for the duration of the formatting call (the request, the response, a per-worker
// arena): building a record allocates nothing. Field comments name the access-log field they
// feed (DG/standard-logs-reference.html).

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/emit/pop_code.h"
#include "core/emit/result_type.h"
#include "core/http/headers.h"
#include "core/time.h"

namespace cdnsim::core::record {

// cs-protocol.
enum class ViewerProtocol : std::uint8_t { Http, Https, Ws, Wss };
std::string_view toString(ViewerProtocol p);  // "http", "https", "ws", "wss"
std::optional<ViewerProtocol> parseViewerProtocol(std::string_view text);

struct RequestRecord {
  TimePoint timestamp{};                // date + time: when the edge finished responding (UTC)
  emit::PopCode pop{};                  // x-edge-location
  std::uint64_t bytesSent{0};           // sc-bytes: all bytes to the viewer, headers included
  std::string_view clientIp{};          // c-ip
  std::string_view method{};            // cs-method
  std::string_view distributionHost{};  // cs(Host): the distribution's own domain
  std::string_view uriStem{};           // cs-uri-stem: the path, no query
  int status{0};                        // sc-status; 0 = the viewer hung up first ("000")
  std::string_view referer{};           // cs(Referer)
  std::string_view userAgent{};         // cs(User-Agent)
  std::string_view query{};             // cs-uri-query, without '?'
  std::string_view cookie{};            // cs(Cookie), only when cookie logging is on
  emit::Outcome outcome{};              // x-edge-result-type, -response-, -detailed-
  std::string_view requestId{};         // x-edge-request-id (= X-Amz-Cf-Id)
  std::string_view hostHeader{};        // x-host-header: the Host the viewer sent
  ViewerProtocol protocol{ViewerProtocol::Https};  // cs-protocol
  std::uint64_t bytesReceived{0};                  // cs-bytes: request bytes, headers included
  Duration timeTaken{};                            // time-taken: request received to last byte sent
  std::string_view forwardedFor{};                 // x-forwarded-for as received
  std::string_view sslProtocol{};                  // ssl-protocol, e.g. "TLSv1.3"; empty over http
  std::string_view sslCipher{};                    // ssl-cipher
  std::string_view protocolVersion{"HTTP/1.1"};    // cs-protocol-version
  std::uint16_t clientPort{0};                     // c-port; 0 when unknown
  std::optional<Duration> timeToFirstByte{};       // time-to-first-byte
  std::string_view contentType{};                  // sc-content-type
  std::optional<std::uint64_t> contentLength{};    // sc-content-len
  std::optional<std::uint64_t> rangeStart{};       // sc-range-start
  std::optional<std::uint64_t> rangeEnd{};         // sc-range-end
  // Real-time log fields only (DG/real-time-logs.html):
  std::string_view country{};                      // c-country: the viewer's country code
  std::string_view acceptEncoding{};               // cs-accept-encoding
  std::string_view accept{};                       // cs-accept
  std::string_view behaviorPathPattern{};          // cache-behavior-path-pattern
  // cs-headers, cs-header-names, cs-headers-count: the viewer's header fields as sent, Host
  // included; null when only the Host (hostHeader) is known.
  const http::HeaderFieldList* requestFields = nullptr;
  std::optional<Duration> originFirstByteLatency{};  // origin-fbl, when the origin was asked
  std::optional<Duration> originLastByteLatency{};   // origin-lbl
  std::optional<std::uint32_t> asn{};                // asn: the viewer's autonomous system
  // Not in the standard log; carried for traces and reports:
  std::optional<Duration> age{};                    // the Age sent, on hits
  emit::HitLayer hitLayer{emit::HitLayer::Origin};  // the layer that answered
  std::optional<std::uint64_t> cacheKeyHash{};      // the cache key's identity, when looked up
  std::string_view cacheKeyText{};                  // its readable form (cache_key.h); "" = not given
};

}  // namespace cdnsim::core::record
