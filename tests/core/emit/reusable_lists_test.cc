// The allocation-free forms used by the simulator's trace writer must say exactly what the
// Headers-based forms say: HeaderFieldList (core/http/headers.h), emitResponseHeaders into a
// reused list (CLOUDFRONT.md §4), appendS3GetHeaders and writeEntityTag (core/origin/s3_origin.h).

#include <catch2/catch.hpp>
#include <string>

#include "core/emit/request_id.h"
#include "core/emit/response_headers.h"
#include "core/origin/s3_origin.h"

namespace cdnsim::core::emit {

TEST_CASE("a HeaderFieldList keeps order and duplicates, and clear() empties it",
          "[http][headers]") {
  http::HeaderFieldList list;
  list.add("Set-Cookie", "a=1");
  list.addWith("Via", [](std::string& out) { out.append("1.1 x").append(", 1.1 y"); });
  list.add("Set-Cookie", "b=2");
  list.add("Empty", "");
  CHECK(list.toHeaders() ==
        http::Headers{{"Set-Cookie", "a=1"}, {"Via", "1.1 x, 1.1 y"}, {"Set-Cookie", "b=2"}, {"Empty", ""}});
  CHECK(list[1].name == "Via");
  std::size_t bytes = 0;
  for (const auto f : list) bytes += f.name.size() + f.value.size();
  CHECK(list.textBytes() == bytes);
  list.clear();
  CHECK(list.empty());
  list.add("A", "b");
  CHECK(list.toHeaders() == http::Headers{{"A", "b"}});
}

TEST_CASE("emitted headers are the same from an upstream Headers or a reused list",
          "[emit][headers]") {
  // upstream fields, whether the viewer gets an Age
  auto [upstream, withAge] = GENERATE(table<http::Headers, bool>({
      {http::Headers{{"Content-Type", "image/png"}, {"Server", "AmazonS3"}}, true},
      {http::Headers{{"Via", "1.1 a.cloudfront.net (CloudFront)"}, {"Age", "5"}, {"X-Cache", "Hit"}}, false},
      {http::Headers{{"Via", "1.1 a"}, {"Vary", "Accept-Encoding, User-Agent"}, {"Via", "1.1 b"}}, true},
      {http::Headers{{"Set-Cookie", "a=1"}, {"Upgrade", "h2c"}, {"Vary", "User-Agent"}}, false},
  }));
  const std::string rid = requestId(7, 42);
  EmitInput in;
  in.outcome = outcomeOf(DetailedResultType::Hit);
  in.pop = *parsePopCode("IAD89-C1");
  in.requestId = rid;
  in.viaId = "0123456789abcdef0123456789abcdef";
  if (withAge) in.age = seconds(61);
  in.upstreamHeaders = &upstream;
  const http::Headers fromHeaders = emitResponseHeaders(in);

  http::HeaderFieldList upstreamList;
  for (const auto& f : upstream.fields()) upstreamList.add(f.name, f.value);
  in.upstreamHeaders = nullptr;
  in.upstreamFields = &upstreamList;
  http::HeaderFieldList out;
  out.add("Stale", "from the previous request");  // the list is cleared first
  emitResponseHeaders(in, out);
  CHECK(out.toHeaders() == fromHeaders);

  // In place: the upstream fields written into the list that becomes the emitted one.
  http::HeaderFieldList fields = upstreamList;
  http::HeaderFieldList spare;
  spare.add("Stale", "from the previous request");
  emitResponseHeadersInPlace(in, fields, spare);
  CHECK(fields.toHeaders() == fromHeaders);
}

TEST_CASE("emitting in place gives the same list for every producer and cookie setting",
          "[emit][headers]") {
  const GeneratedBy by = GENERATE(GeneratedBy::Origin, GeneratedBy::CloudFront,
                                  GeneratedBy::Function, GeneratedBy::Lambda);
  const bool forwardCookies = GENERATE(false, true);
  const http::Headers upstream = GENERATE(
      http::Headers{{"Date", "Thu, 01 Jan 2026 00:00:00 GMT"}, {"ETag", "\"x\""}, {"Server", "AmazonS3"}},
      http::Headers{{"Content-Type", "text/html"}, {"Set-Cookie", "a=1"}, {"Trailer", "X"}},
      http::Headers{{"Age", "7"}, {"Server-Timing", "x"}, {"X-Amz-Cf-Pop", "LHR1"}}, http::Headers{});
  const std::string rid = requestId(3, 9);
  EmitInput in;
  in.outcome = outcomeOf(DetailedResultType::Miss);
  in.generatedBy = by;
  in.forwardCookies = forwardCookies;
  in.pop = *parsePopCode("LHR61-P1");
  in.requestId = rid;
  in.viaId = "fedcba9876543210fedcba9876543210";
  in.serverTiming = ServerTiming{};
  in.upstreamHeaders = &upstream;
  const http::Headers expected = emitResponseHeaders(in);
  in.upstreamHeaders = nullptr;

  http::HeaderFieldList fields;
  http::HeaderFieldList spare;
  for (int round = 0; round < 2; ++round) {  // the lists reused, as the trace writer does
    fields.clear();
    for (const auto& f : upstream.fields()) fields.add(f.name, f.value);
    emitResponseHeadersInPlace(in, fields, spare);
    CHECK(fields.toHeaders() == expected);
  }
}

TEST_CASE("S3 headers and ETag: the allocation-free forms match the string forms",
          "[origin][s3]") {
  // object id, version, not modified
  auto [id, version, notModified] = GENERATE(table<std::uint64_t, std::uint32_t, bool>({
      {0, 1, false},
      {123456789, 7, false},
      {42, 1, true},
  }));
  char tag[origin::kEntityTagLength];
  origin::writeEntityTag(id, version, tag);
  CHECK(std::string(tag, sizeof tag) == origin::entityTagFor(id, version));

  origin::OriginObject object;
  object.id = id;
  object.version = version;
  object.bodyBytes = 98765;
  object.cacheControl = "max-age=600";
  const auto now = fromUnixSeconds(1767225600);
  http::HeaderFieldList list;
  origin::appendS3GetHeaders(object, now, "AmazonS3", notModified, list);
  const auto response = origin::s3GetResponse(object, now, "AmazonS3", notModified);
  CHECK(list.toHeaders() == response.headers);
  CHECK(response.headers.get("ETag") == std::string_view(tag, sizeof tag));
}

}  // namespace cdnsim::core::emit
