#pragma once
// Builds the one request record of a finished viewer exchange (DG/standard-logs-reference.html):
// the fields that are computed rather than copied — cs-bytes, sc-bytes, time-taken,
// time-to-first-byte — are computed here, once, for the simulator and the proxy alike.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/emit/pop_code.h"
#include "core/emit/result_type.h"
#include "core/http/headers.h"
#include "core/record/request_record.h"
#include "core/time.h"

namespace cdnsim::core::record {

// What happened, as the runtime saw it. Views must outlive the record.
struct ViewerExchangeFacts {
  TimePoint received{};    // the request reached the POP
  TimePoint firstByte{};   // the first byte of the response left the POP
  TimePoint lastByte{};    // the last byte left the POP
  emit::PopCode pop{};
  std::string_view clientIp{};
  std::uint16_t clientPort = 0;
  std::string_view method{"GET"};
  std::string_view host{};       // the distribution's domain (cs(Host)) and the Host sent
  std::string_view uriStem{};
  std::string_view query{};
  std::uint64_t requestHeaderBytes = 0;  // header fields beyond Host, as sent (0: Host only)
  int status = 200;
  std::uint64_t bodyBytes = 0;
  const http::HeaderFieldList* emitted = nullptr;  // the response's header fields, as sent
  emit::Outcome outcome{};
  std::string_view requestId{};
  std::string_view contentType{};
  std::optional<Duration> age{};
  emit::HitLayer answeredBy = emit::HitLayer::Origin;
  std::optional<std::uint64_t> cacheKeyHash{};
  std::string_view cacheKeyText{};  // the key's readable form, when the runtime renders it
  std::string_view userAgent{};     // cs(User-Agent)
};

// cs-bytes: "METHOD URI HTTP/1.1\r\nHost: host\r\n" + other fields + "\r\n".
std::uint64_t requestBytes(const ViewerExchangeFacts& facts);
// sc-bytes: the status line, every header field line, the blank line and the body.
std::uint64_t responseBytes(int status, const http::HeaderFieldList& emitted, std::uint64_t body);

RequestRecord buildRequestRecord(const ViewerExchangeFacts& facts);

}  // namespace cdnsim::core::record
