#pragma once
// Cache-Control parsing (RFC 9111 §5.2) into plain structs: request directives (§5.2.1) and
// response directives (§5.2.2, plus RFC 8246 immutable and RFC 5861 stale-* extensions).
// Parsing never fails: junk is skipped, unknown extensions are ignored (§5.2.3), and what RFC 9111
// §4.2.1 says about bad freshness information is applied here, once, so every consumer agrees.
//
// Decisions on malformed input (RFC 9111 §4.2.1 leaves a choice; we take the safe one):
// - max-age / s-maxage with an invalid value (non-digits, empty, negative, fraction) or repeated
//   with different values: the response is treated as stale, i.e. the directive reads as 0 and
//   `invalidFreshness` is set. Repeated with the same value: harmless, the value is kept.
// - stale-while-revalidate / stale-if-error / max-stale with an invalid value: ignored (they can
//   only extend what a cache may serve, so dropping them is the restrictive reading); repeated
//   with different values: the smallest wins. min-fresh: invalid ignored, the largest wins.
//   A request max-age that is invalid reads as 0 (revalidate); repeated: the smallest wins.
// - Quoted arguments are accepted (`max-age="60"`), as §5.2 asks of recipients.
// - Qualified `no-cache="field"` and `private="field"` are treated as their unqualified forms,
//   which §5.2.2.4 and §5.2.2.7 allow ("a cache MAY ... treat it as unqualified"): we do not store
//   responses minus some fields.
//
// Cost: one pass over the value, no allocation.

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace cdnsim::core::http {

// Directives a client may send (RFC 9111 §5.2.1). CloudFront ignores them for caching (viewers
// cannot force a refetch, CLOUDFRONT.md §1); parsed for completeness and for the proxy.
struct RequestCacheControl {
  std::optional<Duration> maxAge;    // §5.2.1.1 max-age: accept a response no older than this
  bool maxStaleAny = false;          // §5.2.1.2 max-stale without a value: any staleness is fine
  std::optional<Duration> maxStale;  // §5.2.1.2 max-stale=N: stale by at most N
  std::optional<Duration> minFresh;  // §5.2.1.3 min-fresh: must stay fresh for at least this
  bool noCache = false;              // §5.2.1.4 no-cache: do not use a stored response unvalidated
  bool noStore = false;              // §5.2.1.5 no-store: store nothing of request or response
  bool noTransform = false;          // §5.2.1.6 no-transform
  bool onlyIfCached = false;         // §5.2.1.7 only-if-cached: 504 rather than go to the origin
  bool operator==(const RequestCacheControl&) const = default;
};

// Directives an origin may send (RFC 9111 §5.2.2 and extensions).
struct ResponseCacheControl {
  std::optional<Duration> maxAge;   // §5.2.2.1 max-age: freshness lifetime
  std::optional<Duration> sMaxAge;  // §5.2.2.10 s-maxage: lifetime for shared caches, beats max-age
  bool mustRevalidate = false;      // §5.2.2.2 must-revalidate: never serve stale unvalidated
  bool proxyRevalidate = false;     // §5.2.2.8 proxy-revalidate: must-revalidate for shared caches
  bool noCache = false;             // §5.2.2.4 no-cache: validate before every reuse
  bool noStore = false;             // §5.2.2.5 no-store: do not store
  bool noTransform = false;         // §5.2.2.6 no-transform
  bool isPrivate = false;           // §5.2.2.7 private: a shared cache must not store it
  bool isPublic = false;            // §5.2.2.9 public: storable even with Authorization (§3.5)
  bool mustUnderstand = false;      // §5.2.2.3 must-understand
  bool immutable = false;           // RFC 8246 §2 immutable: no revalidation while fresh
  std::optional<Duration> staleWhileRevalidate;  // RFC 5861 §3 stale-while-revalidate=N
  std::optional<Duration> staleIfError;          // RFC 5861 §4 stale-if-error=N
  // Set when max-age or s-maxage was invalid or conflicting (RFC 9111 §4.2.1): the directive was
  // recorded as 0 so that the response counts as stale. Kept to explain the decision.
  bool invalidFreshness = false;
  bool operator==(const ResponseCacheControl&) const = default;
};

// `value` is the whole field value; several Cache-Control lines must be joined with ", " first
// (Headers::getCombined), which RFC 9110 §5.3 says means the same.
RequestCacheControl parseRequestCacheControl(std::string_view value);
ResponseCacheControl parseResponseCacheControl(std::string_view value);

// For logs and test failure messages, e.g. "max-age=60, public".
std::string toString(const RequestCacheControl& cc);
std::string toString(const ResponseCacheControl& cc);

}  // namespace cdnsim::core::http
