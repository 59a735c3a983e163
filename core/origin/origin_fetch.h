#pragma once
// How long CloudFront spends getting an answer from an origin, and what it tells the viewer when it
// gets none: the connection and read faults of DG/DownloadDistValuesOrigin.html (origin settings)
// and DG/http-502-bad-gateway.html, DG/http-504-gateway-timeout.html.
//
// Settings (per origin, CloudFront's ranges and defaults):
//   connection attempts 1–3 (3), connection timeout 1–10 s (10), response (read) timeout 1–120 s
//   (30, custom origins only), keep-alive timeout 1–120 s (5, custom origins only).
//
// One fetch is a sequence of attempts, each measured from the moment the CloudFront node starts it:
//   DNS failure     the name does not resolve: 502 OriginDnsError at once, no connection attempt
//                   (a resolver's own wait is not modelled);
//   refused         nothing listening: the RST comes back after one round trip; the attempt fails;
//   TLS failure     TCP connects (one round trip) and the handshake fails (another one);
//   silent          a firewall drops the SYN: the attempt fails after the connection timeout;
//   answered        the request reaches the origin after one one-way leg, the origin takes its time
//                   to the first byte, the first byte comes back after another leg. If that is
//                   longer than the response timeout, the attempt fails at the response timeout.
// Failed connections are retried up to the attempt count; a read timeout is retried only for
// GET and HEAD (other methods may not be idempotent), also up to the attempt count. When every
// attempt failed, CloudFront answers itself: 502 for refused, TLS and DNS failures, 504 for
// timeouts (connection or read). Connections are otherwise taken as kept alive: an answered
// attempt pays no handshake (the keep-alive timeout is accepted and checked, not yet modelled).
//
// Pure: no clock; the origin's time to first byte for each attempt comes from the caller.

#include <cstdint>
#include <optional>
#include <string>

#include "core/emit/result_type.h"
#include "core/origin/origin_condition.h"
#include "core/time.h"

namespace cdnsim::core::origin {

// An origin's connection settings (the CloudFront API's ConnectionAttempts, ConnectionTimeout,
// CustomOriginConfig.OriginReadTimeout and OriginKeepaliveTimeout).
struct OriginConnectionSettings {
  int connectionAttempts{3};                // 1..3
  Duration connectionTimeout{seconds(10)};  // 1..10 s, whole seconds
  Duration responseTimeout{seconds(30)};    // 1..120 s, whole seconds (S3 origins: fixed 30 s)
  Duration keepaliveTimeout{seconds(5)};    // 1..120 s, whole seconds
  // nullopt when valid, else one sentence naming the setting, its value and the range.
  std::optional<std::string> validate() const;
  bool operator==(const OriginConnectionSettings&) const = default;
};

// Why one attempt got no answer.
enum class AttemptFailure : std::uint8_t {
  None,            // the origin answered
  DnsFailure,      // the origin's domain did not resolve
  Refused,         // nothing listening (TCP RST)
  TlsFailure,      // the TLS handshake failed (certificate, cipher)
  ConnectTimeout,  // no answer to the connection attempt within the connection timeout
  ReadTimeout,     // connected, but no first byte within the response timeout
};
std::string_view toString(AttemptFailure f);

// The error CloudFront generates for a fetch whose last attempt failed that way.
struct GeneratedError {
  int status = 502;
  emit::DetailedResultType detailed = emit::DetailedResultType::OriginConnectError;
  bool operator==(const GeneratedError&) const = default;
};
// DnsFailure → 502 OriginDnsError; Refused, TlsFailure → 502 OriginConnectError;
// ConnectTimeout → 504 OriginConnectError; ReadTimeout → 504 OriginReadError.
// Precondition: f != None.
GeneratedError generatedErrorFor(AttemptFailure f);

struct FetchOutcome {
  bool answered = true;    // the last attempt got the origin's first byte
  Duration elapsed{0};     // from the first attempt's start to the first byte back, or the give-up
  int attempts = 1;        // attempts made, including the one that answered
  int connectFailures = 0; // attempts that could not connect (refused, TLS, connection timeout)
  int readTimeouts = 0;    // attempts that timed out waiting for the first byte
  AttemptFailure failure = AttemptFailure::None;  // the last attempt's, when !answered
  Duration originTime{0};  // the answering attempt's time at the origin (request in → first byte out)
  Duration sentAt{0};      // when the answering attempt's request reached the origin
  bool operator==(const FetchOutcome&) const = default;
};

// One fetch. `oneWay`: latency between the node and the origin. `retryReadTimeouts`: the method is
// GET or HEAD. `originTime(int attempt, Duration arrival)` returns the origin's time from receiving
// attempt `attempt` (0-based) `arrival` after the fetch started to sending its first byte; it is
// called once per attempt that reaches an origin that is Up, in order. No allocation.
template <class OriginTime>
FetchOutcome planOriginFetch(const OriginConnectionSettings& settings, Reachability reachability,
                             Duration oneWay, bool retryReadTimeouts, OriginTime&& originTime) {
  FetchOutcome out;
  out.attempts = 0;
  Duration at{0};
  const int attempts = settings.connectionAttempts < 1 ? 1 : settings.connectionAttempts;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    ++out.attempts;
    switch (reachability) {
      case Reachability::DnsFailure:
        // No address, so no connection to attempt (and none to retry).
        out.answered = false;
        out.failure = AttemptFailure::DnsFailure;
        out.elapsed = at;
        return out;
      case Reachability::Refusing:
      case Reachability::TlsFailure:
      case Reachability::Silent: {
        const AttemptFailure f = reachability == Reachability::Refusing      ? AttemptFailure::Refused
                                 : reachability == Reachability::TlsFailure ? AttemptFailure::TlsFailure
                                                                            : AttemptFailure::ConnectTimeout;
        at += f == AttemptFailure::Refused      ? 2 * oneWay
              : f == AttemptFailure::TlsFailure ? 4 * oneWay
                                                : settings.connectionTimeout;
        ++out.connectFailures;
        out.answered = false;
        out.failure = f;
        continue;  // a failed connection is retried up to the attempt count
      }
      case Reachability::Up: {
        const Duration arrival = at + oneWay;
        const Duration atOrigin = originTime(attempt, arrival);
        const Duration firstByteAfter = 2 * oneWay + atOrigin;
        if (firstByteAfter > settings.responseTimeout) {
          at += settings.responseTimeout;
          ++out.readTimeouts;
          out.answered = false;
          out.failure = AttemptFailure::ReadTimeout;
          if (!retryReadTimeouts) {
            out.elapsed = at;
            return out;
          }
          continue;
        }
        out.answered = true;
        out.failure = AttemptFailure::None;
        out.originTime = atOrigin;
        out.sentAt = arrival;
        out.elapsed = at + firstByteAfter;
        return out;
      }
    }
  }
  out.elapsed = at;
  return out;
}

}  // namespace cdnsim::core::origin
