#pragma once
// CacheNode: one caching layer (a POP's edge cache, a regional edge cache, a REC acting as origin
// shield) and the decisions it makes for a request, written once for the simulator and the proxy:
//   lookup    → serve a fresh copy, serve stale while revalidating, revalidate, refetch, miss, or
//               bypass the cache (a method or a policy that caches nothing);
//   joinFetch → request collapsing: the first request for a key goes upstream, the others wait
//               for its answer (core/node/collapsing.h says when collapsing is off);
//   takeAnswer→ an upstream 200 replaces the copy when the cacheability and TTL rules allow, a 304
//               renews it (RFC 9111 §4.3.4); says whether the waiters may be answered from it;
//               a 4xx/5xx, or no answer at all, goes through the error rules: an expired copy may be
//               served instead (stale-if-error, CloudFront's serve-expired rule), else the error is
//               stored for its error-caching TTL (core/cache/error_caching.h) and served from the
//               cache as an error until then;
//   releaseWaiters → the requests that waited for that answer.
// The node never reads a clock or does I/O: `now` is an argument and upstream answers come in as
// plain data. It keeps StoredEntry<Body> per object in a CacheStore whose eviction policy is chosen
// by configuration: metadata only in the simulator (NoBody), full responses in a proxy.
//
// Not thread-safe: one node belongs to one event loop.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/cache/age.h"
#include "core/cache/cacheability.h"
#include "core/cache/error_caching.h"
#include "core/cache/freshness.h"
#include "core/cache/ttl.h"
#include "core/node/collapse_table.h"
#include "core/node/collapsing.h"
#include "core/node/stored_response.h"
#include "core/store/cache_store.h"
#include "core/time.h"

namespace cdnsim::core::node {

enum class LookupOutcome : std::uint8_t {
  Hit,                   // fresh copy: serve it (x-cache Hit)
  StaleWhileRevalidate,  // expired but inside stale-while-revalidate: serve, refresh in background
  Revalidate,            // expired with a validator: conditional request upstream
  Refetch,               // expired without a usable validator: unconditional request upstream
  Miss,                  // not cached
  Bypass,                // the request may not be served from or stored in a cache: forward it
};
std::string_view toString(LookupOutcome outcome);
// Whether the outcome answers the request from this node's cache.
constexpr bool servedFromCache(LookupOutcome o) {
  return o == LookupOutcome::Hit || o == LookupOutcome::StaleWhileRevalidate;
}

// What a node needs to know of a request.
struct RequestView {
  store::ObjectId key = 0;                                // the cache key's hash
  std::string_view method = "GET";
  const cache::CacheabilitySettings* behavior = nullptr;  // the matched behaviour's; required
};

struct LookupResult {
  LookupOutcome outcome = LookupOutcome::Miss;
  const StoredResponse* entry = nullptr;  // the stored copy, except on Miss and Bypass
  Duration age{0};                        // its current age (RFC 9111 §4.2.3) when there is one
};

// The parts of an upstream answer that the node's decisions need.
struct UpstreamAnswer {
  int status = 200;
  std::uint64_t bodyBytes = 0;
  std::uint32_t version = 0;
  std::uint16_t source = 0;   // the origin that produced it
  bool hasValidator = false;
  const cache::ResponseFreshnessInput* freshness = nullptr;  // parsed caching headers; required
  TimePoint requestTime{};   // when this node sent its request upstream
  TimePoint responseTime{};  // when the answer arrived here
  // Errors (status 4xx/5xx): an error CloudFront generated because it got no answer from the
  // origin (1 + its emit::DetailedResultType, as StoredResponse::generatedError), and the
  // distribution's custom error response for the status, if any (its Error Caching Min TTL, and
  // whether a custom page replaces a stale copy).
  std::uint8_t generatedError = 0;
  const cache::CustomErrorResponse* customError = nullptr;
};

struct StoreResult {
  bool stored = false;
  // The copy as stored (valid until the node next changes), so that a caller stating its age
  // needs no second lookup; null when not stored.
  const StoredResponse* entry = nullptr;
  cache::StorageDecision storage{};  // may it be stored at all (method, status, directives)
  cache::TtlDecision ttl{};          // which TTL rule decided (also when not stored)
};

// Which part a request plays in a fetch for its key.
enum class FetchRole : std::uint8_t {
  Leader,    // goes upstream; others may wait for its answer
  Follower,  // waits for the leader's answer (request collapsing)
  Alone,     // goes upstream, nobody waits for it (collapsing off)
};
std::string_view toString(FetchRole role);

struct AnswerResult {
  const StoredResponse* stored = nullptr;  // the copy the node holds now, if any
  bool refreshed = false;                  // a 304 renewed the stored copy
  bool servesWaiters = true;               // followers may be answered from this answer
  // An error answer: the node answers with its expired copy (`stored`) instead, and keeps serving
  // it as fresh for the rule's retry interval (stale-if-error, or CloudFront's Error Caching Min
  // TTL); the rule that decided, also when it did not.
  bool staleOnError = false;
  cache::StaleOnErrorRule staleRule = cache::StaleOnErrorRule::OriginAnswered;
  // An error answer that was not replaced by a stale copy: how long it is cached (`stored` is
  // the cached error, or null).
  cache::ErrorCachingDecision errorCaching{};
};

struct CacheNodeCounters {
  std::uint64_t lookups = 0;
  std::uint64_t hits = 0;             // fresh hits
  std::uint64_t staleServed = 0;      // stale-while-revalidate serves
  std::uint64_t revalidations = 0;    // conditional requests sent upstream
  std::uint64_t refetches = 0;
  std::uint64_t misses = 0;
  std::uint64_t bypasses = 0;
  std::uint64_t collapsed = 0;        // followers that waited for another request's fetch
  std::uint64_t stores = 0;
  std::uint64_t refreshes = 0;        // 304s applied
  std::uint64_t notStored = 0;        // upstream answers the rules kept out
  std::uint64_t errorsStored = 0;     // 4xx/5xx answers cached under the error-caching rules
  std::uint64_t staleOnError = 0;     // expired copies served because the upstream failed
};

// Non-template parts shared by every CacheNodeOf<Body>.
namespace detail {
LookupOutcome classifyStored(const StoredResponse& entry, Duration age);
StoredResponse describe(const UpstreamAnswer& answer, const cache::TtlSettings& ttl,
                        const cache::TtlDecision& decision);
// An error as stored: fresh for the error-caching TTL, never revalidated (no validator).
StoredResponse describeError(const UpstreamAnswer& answer, Duration ttl);
// Keeps serving `entry` (whose current age is `age`) as fresh until `retryAfter` from `now`, without
// moving its age or the end of its stale windows (see the definition).
void holdStale(StoredResponse& entry, Duration age, Duration retryAfter, TimePoint now);
}  // namespace detail

template <class Body>
class CacheNodeOf {
 public:
  using Entry = StoredEntry<Body>;

  explicit CacheNodeOf(std::unique_ptr<store::EvictionPolicy> policy) : store_(std::move(policy)) {}

  // A viewer-driven lookup (promotes the key in the eviction policy). Methods and policies that
  // cache nothing bypass the cache (core/cache/cacheability.h).
  LookupResult lookup(const RequestView& request, TimePoint now) {
    if (cache::requestCacheability(*request.behavior, request.method) !=
        cache::RequestCacheability::Cacheable) {
      ++counters_.bypasses;
      return {LookupOutcome::Bypass, nullptr, Duration{0}};
    }
    return lookup(request.key, now);
  }

  // The same for a GET whose behaviour caches.
  LookupResult lookup(store::ObjectId key, TimePoint now) {
    ++counters_.lookups;
    const Entry* entry = store_.find(key);
    if (entry == nullptr) {
      ++counters_.misses;
      return {};
    }
    const Duration age = cache::currentAge(entry->meta.correctedInitialAge,
                                           entry->meta.responseTime, now);
    const LookupOutcome outcome = detail::classifyStored(entry->meta, age);
    switch (outcome) {
      case LookupOutcome::Hit: ++counters_.hits; break;
      case LookupOutcome::StaleWhileRevalidate: ++counters_.staleServed; break;
      case LookupOutcome::Revalidate: ++counters_.revalidations; break;
      default: ++counters_.refetches; break;
    }
    return {outcome, &entry->meta, age};
  }

  // A request that must go upstream (Miss, Revalidate, Refetch, or a background refresh) joins
  // the fetch for its key. `token` identifies the caller's request (a flight, a session).
  FetchRole joinFetch(const RequestView& request, std::uint32_t token) {
    if (!collapsingAllowed(*request.behavior)) return FetchRole::Alone;
    if (collapse_.join(request.key, token) == CollapseTable::Join::Leader) return FetchRole::Leader;
    ++counters_.collapsed;
    return FetchRole::Follower;
  }
  bool fetchInFlight(store::ObjectId key) const { return collapse_.inFlight(key); }

  // The upstream answer to this node's request for `request.key` arrives: a 304 renews the
  // stored copy, anything else replaces it (stored when the rules allow). Call releaseWaiters()
  // afterwards when the request was a Leader.
  AnswerResult takeAnswer(const RequestView& request, const UpstreamAnswer& answer,
                          const Body& body = Body{}) {
    const auto& behavior = *request.behavior;
    AnswerResult result;
    result.servesWaiters = answerServesWaiters(behavior, answer.freshness->cacheControl);
    if (cache::classifyStatus(answer.status) == cache::StatusClass::Error) {
      takeError(request.key, answer, behavior, body, result);
      return result;
    }
    if (answer.status == 304) {
      result.refreshed = refreshStored(request.key, answer, behavior);
      result.stored = result.refreshed ? &store_.peek(request.key)->meta : nullptr;
    } else {
      result.stored = storeAnswer(request.key, answer, behavior, body).entry;
    }
    return result;
  }

  // The requests that waited for the fetch of `key`, in arrival order (appended to `out`).
  void releaseWaiters(store::ObjectId key, std::vector<std::uint32_t>& out) {
    collapse_.release(key, out);
  }

  // A full upstream answer to a GET: replaces any stored copy; stored when the cacheability and
  // TTL rules of the behaviour allow (core/cache/cacheability.h, core/cache/ttl.h).
  StoreResult storeAnswer(store::ObjectId key, const UpstreamAnswer& answer,
                          const cache::CacheabilitySettings& behavior, const Body& body = Body{}) {
    StoreResult result;
    const auto& ttl = behavior.ttl;
    // Simulated answers carry neither Set-Cookie nor Authorization: the origin models send none.
    result.storage = cache::responseStorage(behavior, "GET", false, answer.status,
                                            answer.freshness->cacheControl, false);
    result.ttl = cache::computeTtl(ttl, *answer.freshness, answer.responseTime);
    store_.erase(key);  // a full answer replaces whatever copy was there
    if (!result.storage.store || !result.ttl.store) {
      ++counters_.notStored;
      return result;
    }
    Entry entry;
    entry.meta = detail::describe(answer, ttl, result.ttl);
    if constexpr (!std::is_same_v<Body, NoBody>) entry.body = body;
    const Entry* stored = store_.insert(key, answer.bodyBytes, std::move(entry));
    result.entry = stored != nullptr ? &stored->meta : nullptr;
    result.stored = stored != nullptr;
    if (result.stored) {
      ++counters_.stores;
    } else {
      ++counters_.notStored;  // larger than the cache, or refused by admission
    }
    return result;
  }

  // A 304 for the stored copy: its freshness is renewed from the 304's headers (RFC 9111 §4.3.4).
  // Returns false when the copy is gone (evicted meanwhile) or the 304 forbids keeping it.
  bool refreshStored(store::ObjectId key, const UpstreamAnswer& answer,
                     const cache::CacheabilitySettings& behavior) {
    Entry* entry = store_.peek(key);
    if (entry == nullptr) return false;
    const auto& ttl = behavior.ttl;
    // RFC 9111 §4.3.4: the 304's fields replace the stored ones, so its Cache-Control, Date and
    // Age give the refreshed copy its new lifetime and age; the body (and its version) stay.
    const auto decision = cache::computeTtl(ttl, *answer.freshness, answer.responseTime);
    ++counters_.refreshes;
    if (!decision.store) {
      // The origin now forbids storing (e.g. no-store with Min TTL 0): drop the copy.
      store_.erase(key);
      return false;
    }
    const StoredResponse old = entry->meta;
    entry->meta = detail::describe(answer, ttl, decision);
    entry->meta.version = old.version;
    entry->meta.hasValidator = old.hasValidator;
    entry->meta.status = old.status;
    entry->meta.source = old.source;
    return true;
  }

  // An invalidation (DG/Invalidation.html) removes the stored copy. A fetch already in flight is
  // not stopped: its answer is the origin's current version. Returns whether a copy was removed.
  bool invalidate(store::ObjectId key) { return store_.erase(key); }

  // A 4xx/5xx from upstream, or an error generated for no answer at all (DG/HTTPStatusCodes.html):
  // a 5xx or no answer lets an expired copy be served instead (core/cache/error_caching.h
  // decideStaleOnError); otherwise the error replaces the copy and is cached when
  // decideErrorCaching allows.
  void takeError(store::ObjectId key, const UpstreamAnswer& answer,
                 const cache::CacheabilitySettings& behavior, const Body& body,
                 AnswerResult& result) {
    Entry* entry = store_.peek(key);
    if (entry != nullptr && cache::classifyStatus(entry->meta.status) != cache::StatusClass::Error) {
      const Duration age = cache::currentAge(entry->meta.correctedInitialAge,
                                             entry->meta.responseTime, answer.responseTime);
      const Duration minTtl = answer.customError && answer.customError->errorCachingMinTtl
                                  ? *answer.customError->errorCachingMinTtl
                                  : cache::kDefaultErrorCachingMinTtl;
      const std::optional<int> status =
          answer.generatedError != 0 ? std::nullopt : std::optional<int>(answer.status);
      const bool customPage =
          answer.customError != nullptr && answer.customError->responsePagePath.has_value();
      const auto decision = cache::decideStaleOnError(status, entry->meta.windows(), age, minTtl,
                                                      customPage);
      result.staleRule = decision.rule;
      if (decision.serveStale) {
        // Our choice: whatever the rule, the origin is tried again after the Error Caching Min
        // TTL (DG/HTTPStatusCodes.html), so a long stale-if-error window does not keep the copy
        // after the origin is back.
        detail::holdStale(entry->meta, age, std::min(decision.retryAfter, minTtl),
                          answer.responseTime);
        ++counters_.staleOnError;
        result.staleOnError = true;
        result.stored = &entry->meta;
        return;
      }
    }
    result.errorCaching = cache::decideErrorCaching(answer.status, *answer.freshness,
                                                    answer.customError, behavior.ttl,
                                                    answer.responseTime);
    store_.erase(key);  // the error replaces whatever copy was there
    if (!result.errorCaching.cache) {
      ++counters_.notStored;
      return;
    }
    Entry stored;
    stored.meta = detail::describeError(answer, result.errorCaching.ttl);
    if constexpr (!std::is_same_v<Body, NoBody>) stored.body = body;
    const Entry* inserted = store_.insert(key, answer.bodyBytes, std::move(stored));
    if (inserted == nullptr) {
      ++counters_.notStored;
      return;
    }
    ++counters_.errorsStored;
    result.stored = &inserted->meta;
  }

  // The stored copy without counting an access (for replies upstream, explain).
  const StoredResponse* peek(store::ObjectId key) {
    const Entry* e = store_.peek(key);
    return e != nullptr ? &e->meta : nullptr;
  }
  // The stored payload (a proxy's headers and body), without counting an access.
  const Entry* peekEntry(store::ObjectId key) { return store_.peek(key); }
  // The stored copy's body, for a proxy updating its header fields from a 304 (RFC 9111 §4.3.4);
  // null when there is no copy.
  Body* storedBody(store::ObjectId key) {
    Entry* entry = store_.peek(key);
    return entry != nullptr ? &entry->body : nullptr;
  }

  // A hint that `key` will be looked up (or answered) soon; changes nothing.
  void prefetch(store::ObjectId key) const {
    store_.prefetch(key);
    collapse_.prefetch(key);  // a miss joins the fetch; an answer releases its waiters
  }

  const CacheNodeCounters& counters() const { return counters_; }
  const store::EvictionPolicy& policy() const { return store_.policy(); }
  std::uint64_t evictions() const { return store_.evictions(); }
  std::size_t waitingRequests() const { return collapse_.waiting(); }

 private:
  store::CacheStore<Entry> store_;
  CollapseTable collapse_;
  CacheNodeCounters counters_;
};

// The simulator's node: metadata only.
using CacheNode = CacheNodeOf<NoBody>;

}  // namespace cdnsim::core::node
