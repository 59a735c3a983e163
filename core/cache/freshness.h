#pragma once
// Is a stored response fresh, and if not, what may a cache still do with it?
// Fresh while current_age < freshness_lifetime (RFC 9111 §4.2). After that, CloudFront may serve
// it during a stale-while-revalidate window and refresh in the background, and during a
// stale-if-error window when the origin fails (RFC 5861; both windows are min(value, Max TTL),
// CLOUDFRONT.md §1). Otherwise it is revalidated when it has a validator (RFC 9111 §4.3.1) or
// fetched again; expired entries stay in the store for that (they are not dropped at expiry).

#include <optional>
#include <string>

#include "core/cache/enum_format.h"
#include "core/cache/ttl.h"
#include "core/http/cache_control.h"
#include "core/time.h"

namespace cdnsim::core::cache {

struct FreshnessWindows {
  Duration lifetime{0};              // from computeTtl
  Duration staleWhileRevalidate{0};  // after the lifetime: serve and refresh in the background
  std::optional<Duration> staleIfError;  // after the lifetime, if the origin fails; nullopt =
                                         // no directive (CloudFront's default rule applies),
                                         // 0 = stale-if-error=0, which forbids serving stale
  // must-revalidate or proxy-revalidate: a stale response is never used unvalidated
  // (RFC 9111 §5.2.2.2, §5.2.2.8), which also turns the two windows off.
  bool mustRevalidate = false;
  bool operator==(const FreshnessWindows&) const = default;
};

FreshnessWindows freshnessWindows(const TtlSettings& settings, const TtlDecision& ttl,
                                  const http::ResponseCacheControl& cc);

enum class FreshnessState {
  Fresh,                 // serve from cache
  StaleWhileRevalidate,  // expired but inside the stale-while-revalidate window
  Stale,                 // expired: must go to the origin before serving (or serve stale on error)
};
std::string_view toString(FreshnessState s);

FreshnessState freshnessState(const FreshnessWindows& w, Duration currentAge);

// What a node does with a stored entry on a request.
enum class StoredEntryAction {
  ServeHit,              // fresh: outcome Hit
  ServeStaleAndRefresh,  // serve now, refresh asynchronously (stale-while-revalidate)
  Revalidate,            // conditional request (If-None-Match / If-Modified-Since)
  Refetch,               // unconditional request: no validator, or Vary: * with Min TTL 0
};
std::string_view toString(StoredEntryAction a);

// `varyAnyWithMinTtlZero`: the stored response has `Vary: *` and the behaviour's Min TTL is 0; then
// CloudFront caches it but sends every request to the origin without validators (CLOUDFRONT.md §1).
StoredEntryAction decideStoredEntryAction(FreshnessState state, bool hasValidator,
                                          bool varyAnyWithMinTtlZero);

}  // namespace cdnsim::core::cache

CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::FreshnessState);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::StoredEntryAction);
