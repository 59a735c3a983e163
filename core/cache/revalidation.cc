#include "core/cache/revalidation.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/http/field_syntax.h"
#include "core/http/http_date.h"
#include "core/http/validators.h"

namespace cdnsim::core::cache {

void ConditionalHeaders::applyTo(http::Headers& originRequest) const {
  if (ifNoneMatch) originRequest.set("If-None-Match", std::string(*ifNoneMatch));
  if (ifModifiedSince) originRequest.set("If-Modified-Since", std::string(*ifModifiedSince));
}

ConditionalHeaders conditionalHeadersFor(const http::Headers& stored) {
  ConditionalHeaders c;
  if (auto etag = stored.get("ETag"); etag && http::parseEntityTag(*etag)) {
    c.ifNoneMatch = http::trimOws(*etag);
  }
  if (auto lm = stored.get("Last-Modified"); lm && http::parseHttpDate(*lm)) {
    c.ifModifiedSince = http::trimOws(*lm);
  }
  return c;
}

std::string_view toString(RevalidationOutcome o) {
  switch (o) {
    case RevalidationOutcome::RefreshHit: return "RefreshHit";
    case RevalidationOutcome::Replace: return "replace";
    case RevalidationOutcome::Refetch: return "refetch";
    case RevalidationOutcome::OriginError: return "origin error";
  }
  return "?";
}

namespace {
bool notModifiedMatches(const http::Headers& stored, const http::Headers& response) {
  auto storedTag = stored.get("ETag") ? http::parseEntityTag(*stored.get("ETag")) : std::nullopt;
  if (auto v = response.get("ETag")) {
    auto tag = http::parseEntityTag(*v);
    if (tag) {
      if (!storedTag) return false;
      return tag->weak ? http::weakMatch(*tag, *storedTag) : http::strongMatch(*tag, *storedTag);
    }
  }
  if (auto v = response.get("Last-Modified")) {
    auto theirs = http::parseHttpDate(*v);
    auto ours = stored.get("Last-Modified") ? http::parseHttpDate(*stored.get("Last-Modified"))
                                            : std::nullopt;
    if (theirs && ours) return *theirs == *ours;
  }
  return true;
}

// RFC 9111 §3.1 / §3.2 exclusions.
constexpr std::array<std::string_view, 10> kNotUpdated{
    "Connection",         "Proxy-Connection",          "Keep-Alive",          "TE",
    "Transfer-Encoding",  "Upgrade",                   "Proxy-Authenticate",  "Proxy-Authentication-Info",
    "Proxy-Authorization", "Content-Length"};

bool excluded(std::string_view name, const std::optional<std::string>& connection) {
  for (auto n : kNotUpdated) {
    if (http::equalsIgnoreCase(name, n)) return true;
  }
  if (connection) {
    http::ListIterator options(*connection);
    while (auto o = options.next()) {
      if (http::equalsIgnoreCase(*o, name)) return true;
    }
  }
  return false;
}
}  // namespace

RevalidationOutcome classifyRevalidationResponse(const http::Headers& stored, int status,
                                                 const http::Headers& response) {
  if (status == 304) {
    return notModifiedMatches(stored, response) ? RevalidationOutcome::RefreshHit
                                                : RevalidationOutcome::Refetch;
  }
  // RFC 9111 §4.3.3: a 5xx may be treated as a failure to reach the origin.
  if (status >= 500 && status <= 599) return RevalidationOutcome::OriginError;
  return RevalidationOutcome::Replace;
}

void mergeNotModified(http::Headers& stored, const http::Headers& notModified) {
  const auto connection = notModified.getCombined("Connection");
  std::vector<std::string_view> replaced;
  for (const auto& f : notModified.fields()) {
    if (excluded(f.name, connection)) continue;
    const bool seen = std::any_of(replaced.begin(), replaced.end(), [&](std::string_view n) {
      return http::equalsIgnoreCase(n, f.name);
    });
    if (seen) {
      stored.add(f.name, f.value);  // further lines of a repeated field
    } else {
      stored.set(f.name, f.value);
      replaced.push_back(f.name);
    }
  }
}

}  // namespace cdnsim::core::cache
