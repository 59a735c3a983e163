#include "core/origin/s3_origin.h"

#include <charconv>

#include "core/http/http_date.h"
#include "core/origin/conditional.h"
#include "core/split_mix64.h"

namespace cdnsim::core::origin {

void writeEntityTag(std::uint64_t id, std::uint32_t version, char* out) {
  constexpr char kHex[] = "0123456789abcdef";
  const std::uint64_t a = splitMix64Finalizer(id * 0x9E3779B97F4A7C15ULL + version);
  const std::uint64_t b = splitMix64Finalizer(a ^ 0xD1B54A32D192ED03ULL);
  out[0] = '"';
  for (int i = 0; i < 16; ++i) {
    out[1 + i] = kHex[(a >> (60 - 4 * i)) & 15];
    out[17 + i] = kHex[(b >> (60 - 4 * i)) & 15];
  }
  out[kEntityTagLength - 1] = '"';
}

std::string entityTagFor(std::uint64_t id, std::uint32_t version) {
  char tag[kEntityTagLength];
  writeEntityTag(id, version, tag);
  return std::string(tag, sizeof tag);
}

void appendS3GetHeaders(const OriginObject& object, TimePoint now, std::string_view server,
                        bool notModified, http::HeaderFieldList& out) {
  char date[http::kHttpDateLength];
  http::formatHttpDate(now, date);
  out.add("Date", std::string_view(date, sizeof date));
  http::formatHttpDate(object.lastModified, date);
  out.add("Last-Modified", std::string_view(date, sizeof date));
  char tag[kEntityTagLength];
  writeEntityTag(object.id, object.version, tag);
  out.add("ETag", std::string_view(tag, sizeof tag));
  if (!object.cacheControl.empty()) out.add("Cache-Control", object.cacheControl);
  if (!notModified) {
    out.add("Content-Type", object.contentType);
    char length[24];
    const auto end = std::to_chars(length, length + sizeof length, object.bodyBytes).ptr;
    out.add("Content-Length", std::string_view(length, static_cast<std::size_t>(end - length)));
  }
  if (!server.empty()) out.add("Server", server);
}

http::Response s3GetResponse(const OriginObject& object, TimePoint now, std::string_view server,
                             bool notModified) {
  http::Response r;
  r.status = notModified ? 304 : 200;
  r.bodyBytes = notModified ? 0 : object.bodyBytes;
  http::HeaderFieldList fields;
  appendS3GetHeaders(object, now, server, notModified, fields);
  r.headers = fields.toHeaders();
  return r;
}

bool notModifiedSince(const OriginObject& current, std::uint32_t cachedVersion) {
  if (cachedVersion == 0) return false;
  char asked[kEntityTagLength];
  char now[kEntityTagLength];
  writeEntityTag(current.id, cachedVersion, asked);
  writeEntityTag(current.id, current.version, now);
  ConditionalRequest request;
  request.ifNoneMatch = std::string_view(asked, sizeof asked);
  RepresentationValidators validators;
  validators.etag = std::string_view(now, sizeof now);
  validators.lastModified = current.lastModified;
  return answersNotModified(request, validators);
}

OriginAnswer s3AnswerGet(const OriginObject& current, std::uint32_t cachedVersion, TimePoint now,
                         std::uint16_t origin) {
  OriginAnswer a;
  a.status = notModifiedSince(current, cachedVersion) ? 304 : 200;
  a.origin = origin;
  a.version = current.version;
  a.date = fromUnixSeconds(unixSeconds(now));  // a Date has one-second resolution
  return a;
}

}  // namespace cdnsim::core::origin
