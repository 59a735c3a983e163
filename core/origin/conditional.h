#pragma once
// An origin's answer to a conditional GET or HEAD: 304 Not Modified or the full representation.
// RFC 9110 §13.2.2 evaluation order, restricted to the two conditions a cache sends when it
// revalidates: If-None-Match (§13.1.2) first; If-Modified-Since (§13.1.3) only when the request
// has no If-None-Match. If-Match and If-Unmodified-Since are not modelled (caches do not send them).

#include <optional>
#include <string_view>

#include "core/time.h"

namespace cdnsim::core::origin {

// The request's precondition fields, raw (as received), absent = nullopt.
struct ConditionalRequest {
  std::optional<std::string_view> ifNoneMatch;      // RFC 9110 §13.1.2: "*" / #entity-tag
  std::optional<std::string_view> ifModifiedSince;  // RFC 9110 §13.1.3: an HTTP-date
};

// The current representation's validators (what the origin would send in a 200).
struct RepresentationValidators {
  std::optional<std::string_view> etag;       // raw ETag field value, e.g. `W/"v1"`
  std::optional<TimePoint> lastModified;      // Last-Modified
};

// True when the origin answers 304 Not Modified (the condition evaluates to false), false when it
// sends the full representation (200). The method is assumed GET or HEAD: for other methods
// If-None-Match answers 412 and If-Modified-Since is ignored, which is not this question.
// - If-None-Match present: 304 iff it matches the current ETag by weak comparison, or is "*"
//   (a current representation exists). A malformed ETag counts as none; malformed list
//   members match nothing. If-Modified-Since is then ignored, whatever If-None-Match said.
// - Otherwise If-Modified-Since: 304 iff Last-Modified is at or before the date. Ignored (200)
//   when the representation has no Last-Modified or the date is not a valid HTTP-date.
// - No conditions: 200.
// No allocation.
bool answersNotModified(const ConditionalRequest& request, const RepresentationValidators& current);

}  // namespace cdnsim::core::origin
