#include "core/origin/failover.h"

#include <algorithm>

namespace cdnsim::core::origin {

bool isFailoverStatusCode(int status) {
  return std::find(kFailoverStatusCodes.begin(), kFailoverStatusCodes.end(), status) !=
         kFailoverStatusCodes.end();
}

std::string_view toString(FailoverReason r) {
  switch (r) {
    case FailoverReason::None: return "none";
    case FailoverReason::StatusCode: return "status code";
    case FailoverReason::NoAnswer: return "no answer";
    case FailoverReason::MethodNotEligible: return "method not eligible";
  }
  return "?";
}

FailoverDecision decideFailover(std::span<const std::uint16_t> codes, std::string_view method,
                                bool answered, int status) {
  FailoverReason reason = FailoverReason::None;
  if (!answered) {
    reason = FailoverReason::NoAnswer;
  } else if (std::find(codes.begin(), codes.end(), status) != codes.end()) {
    reason = FailoverReason::StatusCode;
  }
  if (reason == FailoverReason::None) return {};
  // Methods are case-sensitive (RFC 9110 §9.1).
  if (method != "GET" && method != "HEAD" && method != "OPTIONS") {
    return {false, FailoverReason::MethodNotEligible};
  }
  return {true, reason};
}

}  // namespace cdnsim::core::origin
