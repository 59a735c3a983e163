#pragma once
// The S3-like origin model: what a bucket answers to a GET for an object it holds. The simulator
// uses it to know the answer's caching headers and, when a trace asks for them, the headers the
// viewer finally sees (CloudFront passes the origin's headers through, CLOUDFRONT.md §4).
//
// S3's answer: 200 with Content-Length, Content-Type, ETag (a quoted 32-hex digest of the
// object's version), Last-Modified, Cache-Control when the object has one, Date, Server: AmazonS3.
// A conditional GET whose If-None-Match names the current ETag gets 304 with the same validators
// and caching headers and no body (RFC 9110 §15.4.5).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/http/message.h"
#include "core/time.h"

namespace cdnsim::core::origin {

struct OriginObject {
  std::uint64_t id = 0;            // stable identity (the catalogue index)
  std::uint64_t bodyBytes = 0;
  std::uint32_t version = 1;       // bumped when the object changes; the ETag follows it
  TimePoint lastModified{};        // when this version was written
  std::string_view contentType{"application/octet-stream"};
  std::string_view cacheControl{};  // "" = the object has no Cache-Control metadata
};

// The quoted ETag of one version: "\"<32 lower-case hex>\"", deterministic.
std::string entityTagFor(std::uint64_t id, std::uint32_t version);
inline constexpr std::size_t kEntityTagLength = 34;
// The same, written as exactly kEntityTagLength bytes (no terminator). No allocation.
void writeEntityTag(std::uint64_t id, std::uint32_t version, char* out);

// An origin's answer as it travels back through the tiers: what the caches store and what the
// viewer's headers are rendered from (appendS3GetHeaders), made once, when the origin answers.
struct OriginAnswer {
  std::uint16_t status = 200;
  std::uint16_t origin = 0;    // which origin of the topology answered
  std::uint32_t version = 1;   // the representation sent (or confirmed by a 304)
  TimePoint date{};            // its Date
};

// Whether a cache holding `cachedVersion` of `current`'s object, asking with that version's ETag
// as If-None-Match (CloudFront sends the stored validators, DG/RequestAndResponseBehaviorS3Origin.html),
// gets 304: the comparison is core/origin/conditional.h's, on the real ETag values.
bool notModifiedSince(const OriginObject& current, std::uint32_t cachedVersion);

// S3's answer to a GET of `current` at `now`: 304 when the requesting cache holds the current
// version (`cachedVersion`, 0 = an unconditional request), else 200 with the object.
OriginAnswer s3AnswerGet(const OriginObject& current, std::uint32_t cachedVersion, TimePoint now,
                         std::uint16_t origin);

// 200 (or 304 when `notModified`) with S3's headers, dated `now`.
http::Response s3GetResponse(const OriginObject& object, TimePoint now, std::string_view server,
                             bool notModified);
// The same response's header fields, appended to `out`: allocation-free once `out` has grown.
void appendS3GetHeaders(const OriginObject& object, TimePoint now, std::string_view server,
                        bool notModified, http::HeaderFieldList& out);

}  // namespace cdnsim::core::origin
