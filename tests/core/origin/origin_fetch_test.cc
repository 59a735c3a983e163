// planOriginFetch(): CloudFront's connection attempts and timeouts for one fetch
// (DG/DownloadDistValuesOrigin.html origin settings), and the 502/504 it generates when every
// attempt failed (DG/http-502-bad-gateway.html, DG/http-504-gateway-timeout.html).

#include "core/origin/origin_fetch.h"

#include <catch2/catch.hpp>

namespace cdnsim::core {

namespace {

origin::OriginConnectionSettings settings(int attempts, int connectS, int responseS) {
  origin::OriginConnectionSettings s;
  s.connectionAttempts = attempts;
  s.connectionTimeout = seconds(connectS);
  s.responseTimeout = seconds(responseS);
  return s;
}

const Duration kLeg = std::chrono::milliseconds(5);

}  // namespace

TEST_CASE("a firewalled origin costs attempts × connection timeout, then 504 OriginConnectError",
          "[origin][fetch]") {
  const int attempts = GENERATE(1, 2, 3);
  const int timeout = GENERATE(1, 4, 10);
  int calls = 0;
  const auto out = origin::planOriginFetch(settings(attempts, timeout, 30), origin::Reachability::Silent,
                                           kLeg, true, [&](int, Duration) {
                                             ++calls;
                                             return Duration::zero();
                                           });
  CHECK_FALSE(out.answered);
  CHECK(calls == 0);  // never reached the origin
  CHECK(out.attempts == attempts);
  CHECK(out.connectFailures == attempts);
  CHECK(out.elapsed == seconds(attempts * timeout));
  CHECK(origin::generatedErrorFor(out.failure) ==
        origin::GeneratedError{504, emit::DetailedResultType::OriginConnectError});
}

TEST_CASE("refused, TLS and DNS failures give 502, after round trips rather than timeouts",
          "[origin][fetch]") {
  const auto never = [](int, Duration) { return Duration::zero(); };
  const auto refused = origin::planOriginFetch(settings(3, 10, 30), origin::Reachability::Refusing, kLeg,
                                               true, never);
  CHECK(refused.attempts == 3);
  CHECK(refused.elapsed == 3 * 2 * kLeg);  // SYN out, RST back, per attempt
  CHECK(origin::generatedErrorFor(refused.failure) ==
        origin::GeneratedError{502, emit::DetailedResultType::OriginConnectError});

  const auto tls = origin::planOriginFetch(settings(2, 10, 30), origin::Reachability::TlsFailure, kLeg,
                                           true, never);
  CHECK(tls.attempts == 2);
  CHECK(tls.elapsed == 2 * 4 * kLeg);  // TCP handshake and the failed TLS handshake
  CHECK(origin::generatedErrorFor(tls.failure).status == 502);

  // No address: nothing to connect to, nothing to retry.
  const auto dns = origin::planOriginFetch(settings(3, 10, 30), origin::Reachability::DnsFailure, kLeg,
                                           true, never);
  CHECK(dns.attempts == 1);
  CHECK(dns.elapsed == Duration::zero());
  CHECK(origin::generatedErrorFor(dns.failure) ==
        origin::GeneratedError{502, emit::DetailedResultType::OriginDnsError});
}

TEST_CASE("a read timeout is retried for GET and HEAD only; a later attempt may answer",
          "[origin][fetch]") {
  const auto slow = [](int, Duration) { return seconds(40); };
  const auto get = origin::planOriginFetch(settings(3, 10, 30), origin::Reachability::Up, kLeg, true, slow);
  CHECK_FALSE(get.answered);
  CHECK(get.readTimeouts == 3);
  CHECK(get.elapsed == seconds(90));
  CHECK(origin::generatedErrorFor(get.failure) ==
        origin::GeneratedError{504, emit::DetailedResultType::OriginReadError});

  const auto post = origin::planOriginFetch(settings(3, 10, 30), origin::Reachability::Up, kLeg, false, slow);
  CHECK(post.readTimeouts == 1);
  CHECK(post.elapsed == seconds(30));

  // The second attempt is fast: the viewer waits one timeout plus that attempt's trip.
  const auto second = origin::planOriginFetch(
      settings(3, 10, 30), origin::Reachability::Up, kLeg, true,
      [](int attempt, Duration) { return attempt == 0 ? seconds(31) : std::chrono::milliseconds(20); });
  CHECK(second.answered);
  CHECK(second.attempts == 2);
  CHECK(second.elapsed == seconds(30) + 2 * kLeg + std::chrono::milliseconds(20));
  CHECK(second.sentAt == seconds(30) + kLeg);
}

TEST_CASE("origin settings outside CloudFront's ranges are named", "[origin][fetch][config]") {
  CHECK_FALSE(origin::OriginConnectionSettings{}.validate());
  CHECK(settings(0, 10, 30).validate()->find("connection_attempts") != std::string::npos);
  CHECK(settings(4, 10, 30).validate()->find("connection_attempts") != std::string::npos);
  CHECK(settings(3, 11, 30).validate()->find("connection_timeout") != std::string::npos);
  CHECK(settings(3, 10, 121).validate()->find("response_timeout") != std::string::npos);
  CHECK(settings(3, 10, 0).validate()->find("response_timeout") != std::string::npos);
}

}  // namespace cdnsim::core
