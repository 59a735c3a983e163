#pragma once
// CloudFront's real-time log records (DG/real-time-logs.html): one tab-separated line per sampled
// viewer request, holding the fields a real-time log configuration chose, always in CloudFront's
// canonical order whatever order the configuration lists them in. Writing is a pure function
// appending to a caller buffer, like the standard access log (access_log.h), and values are
// written the same way: `-` when empty, percent-encoded so that a line always splits into its
// fields (the DG does not say how real-time values are escaped; unverified).
//
// The canonical order is the DG's list (fields 1-40, through cs-headers-count), followed by the
// five fields CloudFront added since: primary-distribution-id, primary-distribution-dns-name,
// origin-fbl, origin-lbl, asn. Newer fields (CMCD, s-ip, ...) are not produced.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/record/request_record.h"

namespace cdnsim::core::record {

// In canonical order.
enum class RealtimeLogField : std::uint8_t {
  Timestamp,
  ClientIp,
  TimeToFirstByte,
  Status,
  BytesSent,
  Method,
  Protocol,
  Host,
  UriStem,
  BytesReceived,
  EdgeLocation,
  RequestId,
  HostHeader,
  TimeTaken,
  ProtocolVersion,
  ClientIpVersion,
  UserAgent,
  Referer,
  Cookie,
  UriQuery,
  ResponseResultType,
  ForwardedFor,
  SslProtocol,
  SslCipher,
  ResultType,
  FleEncryptedFields,
  FleStatus,
  ContentType,
  ContentLength,
  RangeStart,
  RangeEnd,
  ClientPort,
  DetailedResultType,
  Country,
  AcceptEncoding,
  Accept,
  CacheBehaviorPathPattern,
  Headers,
  HeaderNames,
  HeadersCount,
  PrimaryDistributionId,
  PrimaryDistributionDnsName,
  OriginFirstByteLatency,
  OriginLastByteLatency,
  Asn,
};
inline constexpr std::size_t kRealtimeLogFieldCount = 45;

// The field names as CloudFront spells them, in canonical order ("timestamp", "c-ip", ...).
const std::array<std::string_view, kRealtimeLogFieldCount>& realtimeLogFieldNames();
std::string_view toString(RealtimeLogField f);
// Exact, case-sensitive.
std::optional<RealtimeLogField> parseRealtimeLogField(std::string_view name);

// A configuration's chosen fields. Iteration is always in canonical order.
class RealtimeLogFieldSet {
 public:
  static RealtimeLogFieldSet all();
  void add(RealtimeLogField f) { bits_ |= bit(f); }
  bool contains(RealtimeLogField f) const { return (bits_ & bit(f)) != 0; }
  bool empty() const { return bits_ == 0; }
  std::size_t size() const { return static_cast<std::size_t>(__builtin_popcountll(bits_)); }
  bool operator==(const RealtimeLogFieldSet&) const = default;

 private:
  static std::uint64_t bit(RealtimeLogField f) { return std::uint64_t{1} << static_cast<unsigned>(f); }
  std::uint64_t bits_ = 0;
};

// CloudFront truncates cs-cookie, cs-headers and cs-header-names to 800 bytes (DG).
inline constexpr std::size_t kRealtimeLogTruncatedFieldBytes = 800;

// Whether a request is in a configuration's sample: `samplingRate` percent (1..100) of requests,
// decided by a hash of the request id, so the same request is sampled the same way on every run
// and every configuration with a higher rate samples it too.
bool realtimeLogSampled(std::string_view requestId, int samplingRate);

// Appends one record, newline-terminated: the chosen fields of `r`, tab-separated, in canonical
// order. No allocation once `out` has grown.
void appendRealtimeLogLine(const RequestRecord& r, RealtimeLogFieldSet fields, std::string& out);

// "#Fields: timestamp c-ip ...": the chosen fields' names, for a reader of the file (CloudFront's
// own records have no header: the configuration says which fields they hold).
void appendRealtimeLogHeader(RealtimeLogFieldSet fields, std::string& out);

}  // namespace cdnsim::core::record
