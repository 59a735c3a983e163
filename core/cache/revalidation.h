#pragma once
// Revalidating an expired entry (RFC 9111 §4.3, CLOUDFRONT.md §3): build the conditional request
// from the stored validators, classify the origin's answer, and merge a 304 into the stored
// header fields. The stored entry is kept past its expiry for exactly this.

#include <optional>
#include <string_view>

#include "core/cache/enum_format.h"
#include "core/http/headers.h"

namespace cdnsim::core::cache {

// Views into the stored header fields; valid while they are.
struct ConditionalHeaders {
  std::optional<std::string_view> ifNoneMatch;      // the stored ETag (RFC 9111 §4.3.1 MUST)
  std::optional<std::string_view> ifModifiedSince;  // the stored Last-Modified (§4.3.1 SHOULD)

  bool empty() const { return !ifNoneMatch && !ifModifiedSince; }
  // Sets If-None-Match / If-Modified-Since on the request to the origin, replacing any the viewer
  // sent: the answer must be about our stored entry.
  void applyTo(http::Headers& originRequest) const;
  bool operator==(const ConditionalHeaders&) const = default;
};

// CloudFront sends both when both are stored (CLOUDFRONT.md §3: "and/or"). A malformed ETag or an
// unparsable Last-Modified is not a validator and is not sent. No allocation.
ConditionalHeaders conditionalHeadersFor(const http::Headers& stored);
inline bool hasValidator(const http::Headers& stored) { return !conditionalHeadersFor(stored).empty(); }

enum class RevalidationOutcome {
  RefreshHit,  // 304 for our entry: keep the body, merge the headers, restart its age
  Replace,     // a full response (200, 404 ...): the normal storage/error rules apply to it
  Refetch,     // 304 naming another representation (RFC 9111 §4.3.4): ask again unconditionally
  OriginError, // 5xx: serve-stale-on-error rules (error_caching.h) decide
};
std::string_view toString(RevalidationOutcome o);

// RFC 9111 §4.3.3 and §4.3.4. A 304 is matched to the stored entry by its validators: a strong
// ETag must equal ours strongly, a weak one weakly; a Last-Modified (without ETag) must equal
// ours when we have one. A 304 carrying no validator refreshes the entry (we asked about this
// entry only; RFC 9111 requires the stored one to lack validators too, a rule we relax because
// origins commonly omit ETag on 304 and CloudFront reports RefreshHit then).
RevalidationOutcome classifyRevalidationResponse(const http::Headers& stored, int status,
                                                 const http::Headers& response);

// RFC 9111 §4.3.4 -> §3.2: every field of the 304 replaces the stored fields of that name, except
// those a cache must not store (§3.1: Connection, fields it names, Proxy-Connection, Keep-Alive,
// TE, Transfer-Encoding, Upgrade, and Proxy-Authenticate / Proxy-Authentication-Info /
// Proxy-Authorization) and Content-Length, which describes the stored body (§3.2).
void mergeNotModified(http::Headers& stored, const http::Headers& notModified);

}  // namespace cdnsim::core::cache

CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::RevalidationOutcome);
