// Emitted viewer headers (CLOUDFRONT.md §4: X-Cache, Via, X-Amz-Cf-Pop, X-Amz-Cf-Id, Age, Server;
// Server-Timing per DG/understanding-server-timing-header.html).

#include "core/emit/response_headers.h"

#include <catch2/catch.hpp>
#include <vector>

#include "core/emit/request_id.h"

namespace cdnsim::core::emit {

namespace {

const std::string kRid = requestId(1, 1);
const std::string kVia = "0123456789abcdef0123456789abcdef";
const std::string kViaValue = "1.1 " + kVia + ".cloudfront.net (CloudFront)";

EmitInput base(DetailedResultType d, const http::Headers* upstream) {
  EmitInput in;
  in.outcome = outcomeOf(d);
  in.pop = *parsePopCode("IAD89-C1");
  in.requestId = kRid;
  in.viaId = kVia;
  in.upstreamHeaders = upstream;
  return in;
}

}  // namespace

TEST_CASE(
    "a cache hit from an S3 origin: origin fields first, Server: AmazonS3 passes "
    "through, then X-Cache, Via, X-Amz-Cf-Pop, X-Amz-Cf-Id, Age (CLOUDFRONT.md §4)",
    "[emit][headers]") {
  const http::Headers origin{{"Content-Type", "image/png"},
                       {"Content-Length", "1234"},
                       {"ETag", "\"v1\""},
                       {"Server", "AmazonS3"}};
  auto in = base(DetailedResultType::Hit, &origin);
  in.age = seconds(3456) + millis(999);
  const http::Headers want{{"Content-Type", "image/png"},
                     {"Content-Length", "1234"},
                     {"ETag", "\"v1\""},
                     {"Server", "AmazonS3"},
                     {"X-Cache", "Hit from cloudfront"},
                     {"Via", kViaValue},
                     {"X-Amz-Cf-Pop", "IAD89-C1"},
                     {"X-Amz-Cf-Id", kRid},
                     {"Age", "3456"}};
  CHECK(emitResponseHeaders(in) == want);
}

TEST_CASE("X-Cache and Server per outcome and producer (CLOUDFRONT.md §4, §6, §10)",
          "[emit][headers]") {
  auto [detailed, by, xcache,
        server] = GENERATE(table<DetailedResultType, GeneratedBy, std::string, std::string>({
      {DetailedResultType::Hit, GeneratedBy::Origin, "Hit from cloudfront", "AmazonS3"},
      {DetailedResultType::OriginShieldHit, GeneratedBy::Origin, "Hit from cloudfront", "AmazonS3"},
      {DetailedResultType::RefreshHit, GeneratedBy::Origin, "RefreshHit from cloudfront",
       "AmazonS3"},
      {DetailedResultType::Miss, GeneratedBy::Origin, "Miss from cloudfront", "AmazonS3"},
      // an origin 5xx passes through with the origin's Server
      {DetailedResultType::Error, GeneratedBy::Origin, "Error from cloudfront", "AmazonS3"},
      // 502 for a DNS failure, 503 for capacity: CloudFront made these
      {DetailedResultType::OriginDnsError, GeneratedBy::CloudFront, "Error from cloudfront",
       "CloudFront"},
      {DetailedResultType::CapacityExceeded, GeneratedBy::CloudFront, "Error from cloudfront",
       "CloudFront"},
      {DetailedResultType::Redirect, GeneratedBy::CloudFront, "Redirect from cloudfront",
       "CloudFront"},
      {DetailedResultType::MissGeneratedResponse, GeneratedBy::Function,
       "FunctionGeneratedResponse from cloudfront", "CloudFront"},
      {DetailedResultType::MissGeneratedResponse, GeneratedBy::Lambda,
       "LambdaGeneratedResponse from cloudfront", "CloudFront"},
  }));
  const http::Headers upstream{{"Server", "AmazonS3"}, {"Content-Type", "text/html"}};
  auto in = base(detailed, &upstream);
  in.generatedBy = by;
  const auto h = emitResponseHeaders(in);
  CAPTURE(detailed, by);
  CHECK(h.get("X-Cache") == xcache);
  CHECK(h.get("Server") == server);
  CHECK(h.getCombined("Server") == server);  // exactly one Server field
  if (by != GeneratedBy::Origin) CHECK(h.fields().front() == http::HeaderField{"Server", "CloudFront"});
}

TEST_CASE("a CloudFront-generated error with no upstream fields", "[emit][headers]") {
  auto in = base(DetailedResultType::OriginConnectError, nullptr);
  in.generatedBy = GeneratedBy::CloudFront;
  const http::Headers want{{"Server", "CloudFront"},
                     {"X-Cache", "Error from cloudfront"},
                     {"Via", kViaValue},
                     {"X-Amz-Cf-Pop", "IAD89-C1"},
                     {"X-Amz-Cf-Id", kRid}};
  CHECK(emitResponseHeaders(in) == want);
}

TEST_CASE(
    "origin fields CloudFront does not pass on, and chained CloudFront fields "
    "(CLOUDFRONT.md §4 'Towards the viewer'; RFC 9110 §7.6.3 Via)",
    "[emit][headers]") {
  const http::Headers upstream{{"Trailer", "X-Checksum"},
                         {"Upgrade", "h2c"},
                         {"Set-Cookie", "a=1"},
                         {"X-Cache", "Hit from cloudfront"},
                         {"X-Amz-Cf-Pop", "LHR1"},
                         {"X-Amz-Cf-Id", "old"},
                         {"Via", "1.1 aaaa.cloudfront.net (CloudFront)"},
                         {"Age", "10"},
                         {"Cache-Control", "max-age=60"}};
  auto in = base(DetailedResultType::Miss, &upstream);
  SECTION("cookies not forwarded: Set-Cookie removed; origin Age kept when we state none") {
    const http::Headers want{{"Age", "10"},
                       {"Cache-Control", "max-age=60"},
                       {"X-Cache", "Miss from cloudfront"},
                       {"Via", "1.1 aaaa.cloudfront.net (CloudFront), " + kViaValue},
                       {"X-Amz-Cf-Pop", "IAD89-C1"},
                       {"X-Amz-Cf-Id", kRid}};
    CHECK(emitResponseHeaders(in) == want);
  }
  SECTION("cookies forwarded: Set-Cookie kept; our Age replaces the origin's") {
    in.forwardCookies = true;
    in.age = seconds(5);
    const auto h = emitResponseHeaders(in);
    CHECK(h.get("Set-Cookie") == "a=1");
    CHECK(h.getCombined("Age") == "5");
    CHECK(h.fields().back() == http::HeaderField{"Age", "5"});
  }
}

TEST_CASE("Age is whole seconds, rounded down, never negative (RFC 9111 §5.1)", "[emit][headers]") {
  auto [age, text] = GENERATE(table<Duration, std::string>({
      {seconds(0), "0"},
      {millis(999), "0"},
      {seconds(86400), "86400"},
      {seconds(-3), "0"},
  }));
  CHECK(ageValue(age) == text);
}

TEST_CASE("Server-Timing values per result and layer (DG/understanding-server-timing-header)",
          "[emit][headers][server-timing]") {
  const auto pop = *parsePopCode("DEN52-P1");
  SECTION("a miss that went upstream from the edge") {
    ServerTiming st;
    st.upstreamLayer = HitLayer::Edge;
    st.upstreamDns = millis(0);
    st.upstreamConnect = millis(114);
    st.upstreamFirstByte = Duration(177'900);  // 177.9 ms, written as 177
    st.downstreamFirstByte = millis(436);
    std::string out;
    appendServerTimingValue(st, EdgeResultType::Miss, pop, "RID", out);
    CHECK(out ==
          "cdn-upstream-layer;desc=\"EDGE\",cdn-upstream-dns;dur=0,cdn-upstream-connect;dur=114,"
          "cdn-upstream-fbl;dur=177,cdn-cache-miss,cdn-pop;desc=\"DEN52-P1\",cdn-rid;desc=\"RID\","
          "cdn-downstream-fbl;dur=436");
  }
  SECTION("hits and refreshes name their metric and layer") {
    auto [result, layer, want] = GENERATE(table<EdgeResultType, HitLayer, std::string>({
        {EdgeResultType::Hit, HitLayer::Edge,
         "cdn-cache-hit,cdn-pop;desc=\"DEN52-P1\",cdn-rid;desc=\"R\",cdn-hit-layer;desc=\"EDGE\""},
        {EdgeResultType::Hit, HitLayer::RegionalEdgeCache,
         "cdn-cache-hit,cdn-pop;desc=\"DEN52-P1\",cdn-rid;desc=\"R\",cdn-hit-layer;desc=\"REC\""},
        {EdgeResultType::RefreshHit, HitLayer::OriginShield,
         "cdn-cache-refresh,cdn-pop;desc=\"DEN52-P1\",cdn-rid;desc=\"R\","
         "cdn-hit-layer;desc=\"Origin Shield\""},
        {EdgeResultType::Error, HitLayer::Edge,
         "cdn-pop;desc=\"DEN52-P1\",cdn-rid;desc=\"R\",cdn-hit-layer;desc=\"EDGE\""},
    }));
    ServerTiming st;
    st.hitLayer = layer;
    std::string out;
    appendServerTimingValue(st, result, pop, "R", out);
    CHECK(out == want);
  }
}

TEST_CASE("Server-Timing is emitted last, only when enabled", "[emit][headers][server-timing]") {
  auto in = base(DetailedResultType::Hit, nullptr);
  CHECK_FALSE(emitResponseHeaders(in).has("Server-Timing"));
  in.serverTiming = ServerTiming{};
  in.serverTiming->hitLayer = HitLayer::Edge;
  const auto h = emitResponseHeaders(in);
  REQUIRE_FALSE(h.empty());
  CHECK(h.fields().back().name == "Server-Timing");
  CHECK(h.fields().back().value.rfind("cdn-cache-hit,cdn-pop;desc=\"IAD89-C1\"", 0) == 0);
}

TEST_CASE(
    "Vary keeps only Accept-Encoding, Cookie and forwarded header names "
    "(CLOUDFRONT.md §4 'Towards the viewer')",
    "[emit][headers][vary]") {
  const std::vector<std::string> forwarded{"X-Device", "origin"};
  auto [vary, kept] = GENERATE(table<std::string, std::string>({
      {"Accept-Encoding", "Accept-Encoding"},
      {"accept-encoding, User-Agent, Cookie", "accept-encoding, Cookie"},
      {"Origin,X-Device ,Accept-Language", "Origin, X-Device"},
      {"User-Agent", ""},
      {"*", ""},
      {" , ,", ""},
  }));
  CHECK(filterVary(vary, forwarded) == kept);
  const http::Headers upstream{{"Vary", vary}, {"ETag", "\"1\""}};
  auto in = base(DetailedResultType::Miss, &upstream);
  in.forwardedHeaders = forwarded;
  const auto h = emitResponseHeaders(in);
  if (kept.empty()) {
    CHECK_FALSE(h.has("Vary"));
  } else {
    CHECK(h.fields().front() == http::HeaderField{"Vary", kept});
  }
}

}  // namespace cdnsim::core::emit
