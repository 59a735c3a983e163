#pragma once
// When a node may collapse concurrent requests for one cache key into a single upstream fetch
// (DG/RequestAndResponseBehaviorCustomOrigin.html, "Simultaneous requests for the same object
// (request collapsing)"; DG/cache-key-understand-cache-policy.html):
// - never under a policy that caches nothing (CachingDisabled) or that forwards cookies: those
//   answers may differ per viewer;
// - per answer: with Min TTL 0, an answer marked private, no-store, no-cache, max-age=0 or
//   s-maxage=0 does not serve the waiters; each of them then goes upstream itself.

#include "core/cache/cacheability.h"
#include "core/http/cache_control.h"

namespace cdnsim::core::node {

inline bool collapsingAllowed(const cache::CacheabilitySettings& behavior) {
  return !behavior.ttl.cachingDisabled() && !behavior.forwardCookies;
}

inline bool answerServesWaiters(const cache::CacheabilitySettings& behavior,
                                const http::ResponseCacheControl& cc) {
  if (behavior.ttl.minTtl > Duration::zero()) return true;
  const bool zeroLifetime = (cc.maxAge && *cc.maxAge == Duration::zero()) ||
                            (cc.sMaxAge && *cc.sMaxAge == Duration::zero());
  return !(cc.isPrivate || cc.noStore || cc.noCache || zeroLifetime);
}

}  // namespace cdnsim::core::node
