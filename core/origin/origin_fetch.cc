#include "core/origin/origin_fetch.h"

#include <fmt/format.h>

namespace cdnsim::core::origin {

namespace {

// A whole number of seconds in [lo, hi], as the CloudFront API takes these settings.
std::optional<std::string> checkSeconds(std::string_view name, Duration d, int lo, int hi) {
  if (d < seconds(lo) || d > seconds(hi) || d != seconds(wholeSeconds(d))) {
    return fmt::format("{} must be a whole number of seconds from {} to {}, got {} us", name, lo,
                       hi, d.count());
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> OriginConnectionSettings::validate() const {
  if (connectionAttempts < 1 || connectionAttempts > 3) {
    return fmt::format("connection_attempts must be from 1 to 3, got {}", connectionAttempts);
  }
  if (auto e = checkSeconds("connection_timeout", connectionTimeout, 1, 10)) return e;
  if (auto e = checkSeconds("response_timeout", responseTimeout, 1, 120)) return e;
  if (auto e = checkSeconds("keepalive_timeout", keepaliveTimeout, 1, 120)) return e;
  return std::nullopt;
}

std::string_view toString(AttemptFailure f) {
  switch (f) {
    case AttemptFailure::None: return "none";
    case AttemptFailure::DnsFailure: return "dns failure";
    case AttemptFailure::Refused: return "refused";
    case AttemptFailure::TlsFailure: return "tls failure";
    case AttemptFailure::ConnectTimeout: return "connection timeout";
    case AttemptFailure::ReadTimeout: return "read timeout";
  }
  return "?";
}

GeneratedError generatedErrorFor(AttemptFailure f) {
  using D = emit::DetailedResultType;
  switch (f) {
    case AttemptFailure::DnsFailure: return {502, D::OriginDnsError};
    case AttemptFailure::Refused:
    case AttemptFailure::TlsFailure: return {502, D::OriginConnectError};
    case AttemptFailure::ConnectTimeout: return {504, D::OriginConnectError};
    case AttemptFailure::ReadTimeout: return {504, D::OriginReadError};
    case AttemptFailure::None: break;
  }
  return {502, D::OriginError};  // not reached for a failure
}

}  // namespace cdnsim::core::origin
