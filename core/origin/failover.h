#pragma once
// Origin groups (DG/high_availability_origin_failover.html): a primary and a secondary origin.
// CloudFront always sends the request to the primary first; it sends it to the secondary when the
// primary answers with one of the group's failover status codes (chosen among 400, 403, 404, 416,
// 500, 502, 503, 504), or when it cannot connect to the primary or the primary times out (after the
// primary's connection attempts and timeouts). Only GET, HEAD and OPTIONS fail over; other methods
// get the primary's answer. The secondary's answer is final, whatever it is.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace cdnsim::core::origin {

// The status codes an origin group may fail over on.
inline constexpr std::array<int, 8> kFailoverStatusCodes = {400, 403, 404, 416, 500, 502, 503, 504};
bool isFailoverStatusCode(int status);

enum class FailoverReason : std::uint8_t {
  None,               // the primary's answer stands
  StatusCode,         // the primary answered with one of the group's codes
  NoAnswer,           // connection failure or timeout at the primary
  MethodNotEligible,  // it would have, but the method is not GET, HEAD or OPTIONS
};
std::string_view toString(FailoverReason r);

struct FailoverDecision {
  bool toSecondary = false;
  FailoverReason reason = FailoverReason::None;
  bool operator==(const FailoverDecision&) const = default;
};

// `answered`: the primary's answer arrived (false: CloudFront could not connect or timed out);
// `status`: that answer's status (ignored when !answered). `codes`: the group's failover codes.
FailoverDecision decideFailover(std::span<const std::uint16_t> codes, std::string_view method,
                                bool answered, int status);

}  // namespace cdnsim::core::origin
