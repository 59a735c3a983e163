#include "core/origin/conditional.h"

#include "core/http/field_syntax.h"
#include "core/http/http_date.h"
#include "core/http/validators.h"

namespace cdnsim::core::origin {

namespace {

// RFC 9110 §13.1.2: the condition is false (-> 304) when a member matches the current entity tag
// by weak comparison, or the value is "*" and a current representation exists (it does: we are
// answering with it).
bool ifNoneMatchFails(std::string_view ifNoneMatch, std::optional<std::string_view> rawEtag) {
  if (rawEtag) {
    if (auto tag = http::parseEntityTag(*rawEtag)) return http::ifNoneMatchMatches(ifNoneMatch, *tag);
  }
  // No usable ETag: only "*" can match.
  return http::trimOws(ifNoneMatch) == "*";
}

// RFC 9110 §13.1.3: the condition is false (-> 304) when the representation has not been
// modified since the date, i.e. Last-Modified <= date. Comparison is at one-second resolution,
// the resolution of HTTP dates.
bool ifModifiedSinceFails(std::string_view ifModifiedSince, std::optional<TimePoint> lastModified) {
  // A recipient MUST ignore If-Modified-Since when the representation has no modification date
  // or the field value is not a valid HTTP-date: the full response is sent.
  if (!lastModified) return false;
  auto since = http::parseHttpDate(ifModifiedSince);
  if (!since) return false;
  return unixSeconds(*lastModified) <= unixSeconds(*since);
}

}  // namespace

bool answersNotModified(const ConditionalRequest& request, const RepresentationValidators& current) {
  // RFC 9110 §13.2.2 step 3: If-None-Match decides on its own when present.
  if (request.ifNoneMatch) return ifNoneMatchFails(*request.ifNoneMatch, current.etag);
  // RFC 9110 §13.2.2 step 4 and §13.1.3: If-Modified-Since only without If-None-Match.
  if (request.ifModifiedSince) return ifModifiedSinceFails(*request.ifModifiedSince, current.lastModified);
  return false;
}

}  // namespace cdnsim::core::origin
