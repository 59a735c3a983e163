#pragma once
// The state an origin is in at a moment: reachable or not, how slow, how error-prone. The topology
// gives each origin its normal condition; scheduled events (an outage, a slow spell, an error
// burst) replace it for a while. Origin models read it when they answer; nothing here decides.
#include <cstdint>

namespace cdnsim::core::origin {

enum class Reachability : std::uint8_t {
  Up,          // accepts connections and answers
  Refusing,    // nothing listening: the connection is refused at once (502 OriginConnectError)
  Silent,      // firewalled: connection attempts time out (504 OriginConnectError)
  DnsFailure,  // its domain does not resolve (502 OriginDnsError)
  TlsFailure,  // the TLS handshake fails (502 OriginConnectError)
};

struct OriginCondition {
  Reachability reachability = Reachability::Up;
  double latencyFactor = 1.0;      // first-byte latency multiplied by this (a slow spell)
  double errorRate = 0.0;          // extra share of requests answered with `errorStatus` (0..1)
  std::uint16_t errorStatus = 503;

  bool operator==(const OriginCondition&) const = default;
};

}  // namespace cdnsim::core::origin
