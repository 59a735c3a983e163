#pragma once
// CacheNode: one tier's cache (a POP's edge cache, a regional edge cache, an origin shield) and the
// decisions it makes for a request, written once for the simulator and the proxy:
//   lookup   → serve a fresh copy, serve stale while revalidating, revalidate, refetch, or miss;
//   store    → keep an upstream 200 when the cacheability and TTL rules allow (core/cache/);
//   refresh  → a 304 for a stored copy renews its freshness (RFC 9111 §4.3.4).
// The node never reads a clock or does I/O: `now` is an argument and upstream answers come in as
// plain data. It keeps compact per-object metadata (StoredResponse) in a CacheStore, whose eviction
// policy is chosen by configuration.

#include <cstdint>
#include <memory>

#include "core/cache/age.h"
#include "core/cache/cacheability.h"
#include "core/cache/freshness.h"
#include "core/cache/ttl.h"
#include "core/store/cache_store.h"
#include "core/time.h"

namespace cdnsim::core::node {

// What a tier keeps per cached object: 48 bytes, so that with the eviction policy's own ~40 bytes
// a cached object costs under 100 bytes (DESIGN.md budget). The stale windows are kept in whole
// seconds (RFC 5861 gives them as delta-seconds) and expanded by windows() when needed.
struct StoredResponse {
  TimePoint responseTime{};         // RFC 9111 §4.2.3 response_time of the stored copy
  Duration correctedInitialAge{0};  // RFC 9111 §4.2.3 corrected_initial_age, fixed when stored
  Duration lifetime{0};             // freshness lifetime: the TTL as CloudFront clamped it
  std::uint32_t staleWhileRevalidateSeconds = 0;  // RFC 5861 §3 window after the lifetime
  std::uint32_t staleIfErrorSeconds = 0;          // RFC 5861 §4 window, when hasStaleIfError
  std::uint32_t version = 0;        // which version of the object the body is (its validator)
  std::uint16_t status = 0;
  bool hasValidator = false;        // ETag or Last-Modified present: revalidation is possible
  bool hasStaleIfError = false;     // the response carried stale-if-error (0 forbids stale)
  bool mustRevalidate = false;      // must-revalidate / proxy-revalidate (RFC 9111 §5.2.2.2)

  cache::FreshnessWindows windows() const;
  static StoredResponse compact(const cache::FreshnessWindows& windows);
};
static_assert(sizeof(StoredResponse) <= 48, "StoredResponse is kept per cached object");

enum class LookupOutcome : std::uint8_t {
  Hit,                   // fresh copy: serve it (x-cache Hit)
  StaleWhileRevalidate,  // expired but inside stale-while-revalidate: serve, refresh in background
  Revalidate,            // expired with a validator: conditional request upstream
  Refetch,               // expired without a usable validator: unconditional request upstream
  Miss,                  // not cached
};
std::string_view toString(LookupOutcome outcome);

struct LookupResult {
  LookupOutcome outcome = LookupOutcome::Miss;
  const StoredResponse* entry = nullptr;  // the stored copy, except on Miss
  Duration age{0};                        // its current age (RFC 9111 §4.2.3) when there is one
};

// The parts of an upstream answer that the node's decisions need.
struct UpstreamAnswer {
  int status = 200;
  std::uint64_t bodyBytes = 0;
  std::uint32_t version = 0;
  bool hasValidator = false;
  const cache::ResponseFreshnessInput* freshness = nullptr;  // parsed caching headers; required
  TimePoint requestTime{};   // when this tier sent its request upstream
  TimePoint responseTime{};  // when the answer arrived here
};

struct StoreResult {
  bool stored = false;
  // The copy as stored (valid until the node next changes), so that a caller stating its age
  // needs no second lookup; null when not stored.
  const StoredResponse* entry = nullptr;
  cache::StorageDecision storage{};  // may it be stored at all (method, status, directives)
  cache::TtlDecision ttl{};          // which TTL rule decided (also when not stored)
};

struct CacheNodeCounters {
  std::uint64_t lookups = 0;
  std::uint64_t hits = 0;             // fresh hits
  std::uint64_t staleServed = 0;      // stale-while-revalidate serves
  std::uint64_t revalidations = 0;    // conditional requests sent upstream
  std::uint64_t refetches = 0;
  std::uint64_t misses = 0;
  std::uint64_t stores = 0;
  std::uint64_t refreshes = 0;        // 304s applied
  std::uint64_t notStored = 0;        // upstream answers the rules kept out
};

class CacheNode {
 public:
  explicit CacheNode(std::unique_ptr<store::EvictionPolicy> policy);

  // Looks the key up as a viewer-driven access (promotes it in the eviction policy).
  LookupResult lookup(store::ObjectId key, TimePoint now);

  // A full upstream answer to a GET: replaces any stored copy; stored when the cacheability and
  // TTL rules of the behaviour allow (core/cache/cacheability.h, core/cache/ttl.h).
  StoreResult storeAnswer(store::ObjectId key, const UpstreamAnswer& answer,
                          const cache::CacheabilitySettings& behavior);

  // A 304 for the stored copy: its freshness is renewed from the 304's headers (RFC 9111 §4.3.4).
  // Returns false when the copy is gone (evicted meanwhile) or the 304 forbids keeping it.
  bool refreshStored(store::ObjectId key, const UpstreamAnswer& answer,
                     const cache::CacheabilitySettings& behavior);

  // The current age of a stored copy without counting an access (for replies upstream).
  const StoredResponse* peek(store::ObjectId key) { return store_.peek(key); }

  const CacheNodeCounters& counters() const { return counters_; }
  const store::EvictionPolicy& policy() const { return store_.policy(); }
  std::uint64_t evictions() const { return store_.evictions(); }

 private:
  store::CacheStore<StoredResponse> store_;
  CacheNodeCounters counters_;
};

}  // namespace cdnsim::core::node
