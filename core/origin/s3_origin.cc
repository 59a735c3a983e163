#include "core/origin/s3_origin.h"

#include <fmt/format.h>

#include "core/http/http_date.h"

namespace cdnsim::core::origin {

namespace {

std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

std::string entityTagFor(std::uint64_t id, std::uint32_t version) {
  const std::uint64_t a = mix(id * 0x9E3779B97F4A7C15ULL + version);
  const std::uint64_t b = mix(a ^ 0xD1B54A32D192ED03ULL);
  return fmt::format("\"{:016x}{:016x}\"", a, b);
}

http::Response s3GetResponse(const OriginObject& object, TimePoint now, std::string_view server,
                             bool notModified) {
  http::Response r;
  r.status = notModified ? 304 : 200;
  r.bodyBytes = notModified ? 0 : object.bodyBytes;
  r.headers.add("Date", http::formatHttpDate(now));
  r.headers.add("Last-Modified", http::formatHttpDate(object.lastModified));
  r.headers.add("ETag", entityTagFor(object.id, object.version));
  if (!object.cacheControl.empty()) r.headers.add("Cache-Control", std::string(object.cacheControl));
  if (!notModified) {
    r.headers.add("Content-Type", std::string(object.contentType));
    r.headers.add("Content-Length", std::to_string(object.bodyBytes));
  }
  if (!server.empty()) r.headers.add("Server", std::string(server));
  return r;
}

}  // namespace cdnsim::core::origin
