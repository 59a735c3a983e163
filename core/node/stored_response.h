#pragma once
// What a cache node keeps per cached object, whatever the runtime: the freshness metadata every
// decision needs (StoredResponse, 48 bytes), and the runtime's own payload (Body): nothing in the
// simulator (NoBody), the status line, header fields and body in a proxy.

#include <cstdint>

#include "core/cache/freshness.h"
#include "core/time.h"

namespace cdnsim::core::node {

// 48 bytes, so that with the eviction policy's own ~40 bytes a cached object costs under 100 bytes
// (DESIGN.md budget). The stale windows and the Date are kept in whole seconds (RFC 5861 gives the
// windows as delta-seconds; HTTP dates have one-second resolution).
struct StoredResponse {
  TimePoint responseTime{};         // RFC 9111 §4.2.3 response_time of the stored copy
  Duration correctedInitialAge{0};  // RFC 9111 §4.2.3 corrected_initial_age, fixed when stored
  Duration lifetime{0};             // freshness lifetime: the TTL as CloudFront clamped it
  std::uint32_t staleWhileRevalidateSeconds = 0;  // RFC 5861 §3 window after the lifetime
  std::uint32_t staleIfErrorSeconds = 0;          // RFC 5861 §4 window, when hasStaleIfError
  std::uint32_t version = 0;        // which representation the body is (its validator's identity)
  std::uint32_t dateSeconds = 0;    // the Date the origin sent (Unix seconds): kept, never recomputed
  std::uint16_t status = 0;
  std::uint16_t source = 0;         // which origin produced it (its Server and other fields)
  bool hasValidator = false;        // ETag or Last-Modified present: revalidation is possible
  bool hasStaleIfError = false;     // the response carried stale-if-error (0 forbids stale)
  bool mustRevalidate = false;      // must-revalidate / proxy-revalidate (RFC 9111 §5.2.2.2)
  // 0: the origin's response (or a cache's copy of it); else an error CloudFront generated itself
  // (a 502 or 504 for an origin it could not reach): 1 + its emit::DetailedResultType.
  std::uint8_t generatedError = 0;

  cache::FreshnessWindows windows() const;
  static StoredResponse compact(const cache::FreshnessWindows& windows);
  TimePoint date() const { return fromUnixSeconds(dateSeconds); }
};
static_assert(sizeof(StoredResponse) <= 48, "StoredResponse is kept per cached object");

// The simulator's payload: the metadata says everything it needs.
struct NoBody {};

template <class Body>
struct StoredEntry {
  StoredResponse meta;
  Body body;
};
template <>
struct StoredEntry<NoBody> {
  StoredResponse meta;
};
static_assert(sizeof(StoredEntry<NoBody>) == sizeof(StoredResponse));

}  // namespace cdnsim::core::node
