// Real-time log records (see realtime_log.h).

#include "core/record/realtime_log.h"

#include "core/record/access_log.h"
#include "core/record/log_field_values.h"
#include "core/record/text_append.h"

namespace cdnsim::core::record {

namespace {

constexpr std::array<std::string_view, kRealtimeLogFieldCount> kFieldNames{
    "timestamp",
    "c-ip",
    "time-to-first-byte",
    "sc-status",
    "sc-bytes",
    "cs-method",
    "cs-protocol",
    "cs-host",
    "cs-uri-stem",
    "cs-bytes",
    "x-edge-location",
    "x-edge-request-id",
    "x-host-header",
    "time-taken",
    "cs-protocol-version",
    "c-ip-version",
    "cs-user-agent",
    "cs-referer",
    "cs-cookie",
    "cs-uri-query",
    "x-edge-response-result-type",
    "x-forwarded-for",
    "ssl-protocol",
    "ssl-cipher",
    "x-edge-result-type",
    "fle-encrypted-fields",
    "fle-status",
    "sc-content-type",
    "sc-content-len",
    "sc-range-start",
    "sc-range-end",
    "c-port",
    "x-edge-detailed-result-type",
    "c-country",
    "cs-accept-encoding",
    "cs-accept",
    "cache-behavior-path-pattern",
    "cs-headers",
    "cs-header-names",
    "cs-headers-count",
    "primary-distribution-id",
    "primary-distribution-dns-name",
    "origin-fbl",
    "origin-lbl",
    "asn",
};

// Cuts what was appended from `start` on to CloudFront's 800 bytes without splitting an escape.
void truncateFrom(std::size_t start, std::string& out) {
  if (out.size() - start <= kRealtimeLogTruncatedFieldBytes) return;
  std::size_t keep = kRealtimeLogTruncatedFieldBytes;
  // An escape is "%XX": do not keep its first one or two characters alone.
  for (std::size_t back = 1; back <= 2 && back <= keep; ++back) {
    if (out[start + keep - back] == '%') keep -= back;
  }
  out.resize(start + keep);
}

// `value` percent-encoded (access_log.h) and truncated.
void appendTruncated(std::string_view value, std::string& out) {
  const std::size_t start = out.size();
  appendLogValue(value, out);
  truncateFrom(start, out);
}

// `value` percent-encoded as part of a longer value: nothing (not `-`) when empty. Encoding works
// byte by byte, so pieces encoded one after the other read as the whole encoded at once.
void appendPiece(std::string_view value, std::string& out) {
  if (!value.empty()) appendLogValue(value, out);
}

// The viewer's header fields, one "Name:value" per line (names only with `namesOnly`); the Host
// alone when the record has no field list. The DG does not give the layout (unverified).
template <typename Each>
void forEachRequestField(const RequestRecord& r, Each each) {
  if (r.requestFields == nullptr) {
    if (!r.hostHeader.empty()) each(std::string_view("Host"), r.hostHeader);
    return;
  }
  for (const auto field : *r.requestFields) each(field.name, field.value);
}

void appendHeaders(const RequestRecord& r, bool namesOnly, std::string& out) {
  const std::size_t start = out.size();
  forEachRequestField(r, [&](std::string_view name, std::string_view value) {
    appendPiece(name, out);
    if (!namesOnly) {
      out.push_back(':');
      appendPiece(value, out);
    }
    out.append("%0A");  // the line break, encoded
  });
  if (out.size() == start) {
    out.push_back('-');
  } else {
    truncateFrom(start, out);
  }
}

std::uint64_t headerCount(const RequestRecord& r) {
  std::uint64_t n = 0;
  forEachRequestField(r, [&](std::string_view, std::string_view) { ++n; });
  return n;
}

// cs-uri-stem in a real-time record is the whole URL without the domain: the path and, if there
// is one, '?' and the query (DG/real-time-logs.html; the standard log's has no query).
void appendUriWithQuery(const RequestRecord& r, std::string& out) {
  appendLogValue(r.uriStem, out);
  if (r.query.empty()) return;
  out.push_back('?');
  appendLogValue(r.query, out);
}

// "IPv4" or "IPv6" by the address's form; `-` when there is none.
std::string_view ipVersion(std::string_view ip) {
  if (ip.empty()) return "-";
  return ip.find(':') != std::string_view::npos ? "IPv6" : "IPv4";
}

void appendField(RealtimeLogField f, const RequestRecord& r, std::string& out) {
  using F = RealtimeLogField;
  switch (f) {
    case F::Timestamp: {
      // Unix seconds with milliseconds, as CloudFront's records carry it ("1767225600.123").
      const std::int64_t us = r.timestamp.time_since_epoch().count();
      appendSeconds3(Duration(us), out);
      return;
    }
    case F::ClientIp: appendLogValue(r.clientIp, out); return;
    case F::TimeToFirstByte: appendOptionalSeconds(r.timeToFirstByte, out); return;
    case F::Status: appendStatus(r.status, out); return;
    case F::BytesSent: appendUint(r.bytesSent, out); return;
    case F::Method: appendLogValue(r.method, out); return;
    case F::Protocol: out.append(toString(r.protocol)); return;
    case F::Host: appendLogValue(r.hostHeader, out); return;  // the Host the viewer sent
    case F::UriStem: appendUriWithQuery(r, out); return;
    case F::BytesReceived: appendUint(r.bytesReceived, out); return;
    case F::EdgeLocation: appendEdgeLocation(r.pop, out); return;
    case F::RequestId: appendLogValue(r.requestId, out); return;
    case F::HostHeader: appendLogValue(r.distributionHost, out); return;  // the distribution's domain
    case F::TimeTaken: appendSeconds3(r.timeTaken, out); return;
    case F::ProtocolVersion: appendLogValue(r.protocolVersion, out); return;
    case F::ClientIpVersion: out.append(ipVersion(r.clientIp)); return;
    case F::UserAgent: appendLogValue(r.userAgent, out); return;
    case F::Referer: appendLogValue(r.referer, out); return;
    case F::Cookie: appendTruncated(r.cookie, out); return;
    case F::UriQuery: appendLogValue(r.query, out); return;
    case F::ResponseResultType: out.append(emit::toString(r.outcome.responseResult)); return;
    case F::ForwardedFor: appendLogValue(r.forwardedFor, out); return;
    case F::SslProtocol: appendLogValue(r.sslProtocol, out); return;
    case F::SslCipher: appendLogValue(r.sslCipher, out); return;
    case F::ResultType:
      // The real-time log names a hit in the origin shield's cache OriginShieldHit here
      // (DG/real-time-logs.html); the standard log keeps that for the detailed type.
      if (r.outcome.detailed == emit::DetailedResultType::OriginShieldHit) {
        out.append(emit::toString(r.outcome.detailed));
      } else {
        out.append(emit::toString(r.outcome.result));
      }
      return;
    case F::FleEncryptedFields:  // field-level encryption is not modelled
    case F::FleStatus: out.push_back('-'); return;
    case F::ContentType: appendLogValue(r.contentType, out); return;
    case F::ContentLength: appendOptionalUint(r.contentLength, out); return;
    case F::RangeStart: appendOptionalUint(r.rangeStart, out); return;
    case F::RangeEnd: appendOptionalUint(r.rangeEnd, out); return;
    case F::ClientPort: appendClientPort(r.clientPort, out); return;
    case F::DetailedResultType: out.append(emit::toString(r.outcome.detailed)); return;
    case F::Country: appendLogValue(r.country, out); return;
    case F::AcceptEncoding: appendLogValue(r.acceptEncoding, out); return;
    case F::Accept: appendLogValue(r.accept, out); return;
    case F::CacheBehaviorPathPattern: appendLogValue(r.behaviorPathPattern, out); return;
    case F::Headers: appendHeaders(r, false, out); return;
    case F::HeaderNames: appendHeaders(r, true, out); return;
    case F::HeadersCount: appendUint(headerCount(r), out); return;
    // Continuous deployment's primary distribution: set only on a staging distribution's records,
    // which cdnsim does not model.
    case F::PrimaryDistributionId:
    case F::PrimaryDistributionDnsName: out.push_back('-'); return;
    case F::OriginFirstByteLatency: appendOptionalSeconds(r.originFirstByteLatency, out); return;
    case F::OriginLastByteLatency: appendOptionalSeconds(r.originLastByteLatency, out); return;
    case F::Asn: appendOptionalUint(r.asn, out); return;
  }
}

// 64-bit FNV-1a, then a SplitMix64 finaliser so that every bit of the id moves the result.
std::uint64_t hashRequestId(std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : id) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

}  // namespace

const std::array<std::string_view, kRealtimeLogFieldCount>& realtimeLogFieldNames() {
  return kFieldNames;
}

std::string_view toString(RealtimeLogField f) { return kFieldNames[static_cast<std::size_t>(f)]; }

std::optional<RealtimeLogField> parseRealtimeLogField(std::string_view name) {
  for (std::size_t i = 0; i < kFieldNames.size(); ++i) {
    if (kFieldNames[i] == name) return static_cast<RealtimeLogField>(i);
  }
  return std::nullopt;
}

RealtimeLogFieldSet RealtimeLogFieldSet::all() {
  RealtimeLogFieldSet s;
  for (std::size_t i = 0; i < kRealtimeLogFieldCount; ++i) s.add(static_cast<RealtimeLogField>(i));
  return s;
}

bool realtimeLogSampled(std::string_view requestId, int samplingRate) {
  if (samplingRate >= 100) return true;
  if (samplingRate <= 0) return false;
  // The top 53 bits as a fraction of 1, compared with the rate: unbiased to 2^-53.
  const std::uint64_t h = hashRequestId(requestId) >> 11;
  return h * 100 < static_cast<std::uint64_t>(samplingRate) << 53;
}

void appendRealtimeLogLine(const RequestRecord& r, RealtimeLogFieldSet fields, std::string& out) {
  bool first = true;
  for (std::size_t i = 0; i < kRealtimeLogFieldCount; ++i) {
    const auto f = static_cast<RealtimeLogField>(i);
    if (!fields.contains(f)) continue;
    if (!first) out.push_back('\t');
    first = false;
    appendField(f, r, out);
  }
  out.push_back('\n');
}

void appendRealtimeLogHeader(RealtimeLogFieldSet fields, std::string& out) {
  out.append("#Fields:");
  for (std::size_t i = 0; i < kRealtimeLogFieldCount; ++i) {
    const auto f = static_cast<RealtimeLogField>(i);
    if (!fields.contains(f)) continue;
    out.push_back(' ');
    out.append(kFieldNames[i]);
  }
  out.push_back('\n');
}

}  // namespace cdnsim::core::record
