#include "core/cache/freshness.h"

#include <algorithm>

namespace cdnsim::core::cache {

FreshnessWindows freshnessWindows(const TtlSettings& settings, const TtlDecision& ttl,
                                  const http::ResponseCacheControl& cc) {
  FreshnessWindows w;
  w.lifetime = ttl.ttl;
  // RFC 9111 §5.2.2.10: for a shared cache, s-maxage also implies proxy-revalidate (§4.2.4: no
  // stale copy then). Our choice: an explicit stale-while-revalidate / stale-if-error (RFC 5861)
  // on the same response is the origin's permission and keeps its window, as CDNs serve
  // `s-maxage=600, stale-while-revalidate=30`.
  const bool impliedBySMaxAge =
      cc.sMaxAge.has_value() && !cc.staleWhileRevalidate && !cc.staleIfError;
  w.mustRevalidate = cc.mustRevalidate || cc.proxyRevalidate || impliedBySMaxAge;
  if (w.mustRevalidate) {
    // RFC 9111 §5.2.2.2: "MUST NOT reuse a stale response" without validation; a failed
    // validation yields an error, so stale-if-error is off too (and forbidden explicitly, so
    // that CloudFront's default serve-stale-on-5xx rule does not apply either).
    w.staleIfError = Duration::zero();
    return w;
  }
  // CLOUDFRONT.md §1: both windows are capped at the Max TTL.
  if (cc.staleWhileRevalidate) w.staleWhileRevalidate = std::min(*cc.staleWhileRevalidate, settings.maxTtl);
  if (cc.staleIfError) w.staleIfError = std::min(*cc.staleIfError, settings.maxTtl);
  return w;
}

std::string_view toString(FreshnessState s) {
  switch (s) {
    case FreshnessState::Fresh: return "fresh";
    case FreshnessState::StaleWhileRevalidate: return "stale-while-revalidate";
    case FreshnessState::Stale: return "stale";
  }
  return "?";
}

FreshnessState freshnessState(const FreshnessWindows& w, Duration age) {
  // RFC 9111 §4.2: fresh iff freshness_lifetime > current_age; so a TTL of 0 is never fresh.
  if (age < w.lifetime) return FreshnessState::Fresh;
  if (!w.mustRevalidate && age < w.lifetime + w.staleWhileRevalidate) {
    return FreshnessState::StaleWhileRevalidate;
  }
  return FreshnessState::Stale;
}

std::string_view toString(StoredEntryAction a) {
  switch (a) {
    case StoredEntryAction::ServeHit: return "serve hit";
    case StoredEntryAction::ServeStaleAndRefresh: return "serve stale and refresh";
    case StoredEntryAction::Revalidate: return "revalidate";
    case StoredEntryAction::Refetch: return "refetch";
  }
  return "?";
}

StoredEntryAction decideStoredEntryAction(FreshnessState state, bool hasValidator,
                                          bool varyAnyWithMinTtlZero) {
  if (varyAnyWithMinTtlZero) return StoredEntryAction::Refetch;
  switch (state) {
    case FreshnessState::Fresh: return StoredEntryAction::ServeHit;
    case FreshnessState::StaleWhileRevalidate: return StoredEntryAction::ServeStaleAndRefresh;
    case FreshnessState::Stale: break;
  }
  // RFC 9111 §4.3.1 / CLOUDFRONT.md §3: an expired entry with a validator is revalidated.
  return hasValidator ? StoredEntryAction::Revalidate : StoredEntryAction::Refetch;
}

}  // namespace cdnsim::core::cache
