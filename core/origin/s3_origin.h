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

// 200 (or 304 when `notModified`) with S3's headers, dated `now`.
http::Response s3GetResponse(const OriginObject& object, TimePoint now, std::string_view server,
                             bool notModified);
// The same response's header fields, appended to `out`: allocation-free once `out` has grown.
void appendS3GetHeaders(const OriginObject& object, TimePoint now, std::string_view server,
                        bool notModified, http::HeaderFieldList& out);

}  // namespace cdnsim::core::origin
