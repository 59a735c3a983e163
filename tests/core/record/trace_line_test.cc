// JSONL trace lines: fixed key order and RFC 8259 §7 string escaping.

#include "core/record/trace_line.h"

#include <catch2/catch.hpp>

namespace cdnsim::core::record {

TEST_CASE("JSON strings are escaped per RFC 8259 §7; invalid UTF-8 becomes \\u00XX",
          "[record][trace]") {
  auto [raw, json] = GENERATE(table<std::string, std::string>({
      {"", "\"\""},
      {"plain", "\"plain\""},
      {"q\"b\\s/", "\"q\\\"b\\\\s/\""},
      {"\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\""},
      {std::string("\x01\x1f", 2), "\"\\u0001\\u001f\""},
      {std::string("nul\0x", 5), "\"nul\\u0000x\""},
      {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
       "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""},
      {"bad\xff", "\"bad\\u00ff\""},
      {"\xc3", "\"\\u00c3\""},                        // truncated sequence
      {"\xc0\xaf", "\"\\u00c0\\u00af\""},             // overlong form
      {"\xed\xa0\x80", "\"\\u00ed\\u00a0\\u0080\""},  // UTF-16 surrogate
      {"\x7f", "\"\x7f\""},
  }));
  std::string out;
  appendJsonString(raw, out);
  CHECK(out == json);
}

TEST_CASE("a trace line holds the request, outcome and emitted headers in a fixed key order",
          "[record][trace]") {
  RequestRecord r;
  r.timestamp = fromUnixSeconds(1575493351) + Duration(250);
  r.pop = *emit::parsePopCode("IAD89-C1");
  r.bytesSent = 392;
  r.clientIp = "192.0.2.100";
  r.clientPort = 11040;
  r.method = "GET";
  r.distributionHost = "d111111abcdef8.cloudfront.net";
  r.hostHeader = "www.example.com";
  r.uriStem = "/index.html";
  r.query = "a=\"1\"";
  r.status = 200;
  r.bytesReceived = 23;
  r.timeTaken = millis(12);
  r.timeToFirstByte = millis(3);
  r.outcome = emit::outcomeOf(emit::DetailedResultType::OriginShieldHit);
  r.hitLayer = emit::HitLayer::OriginShield;
  r.age = seconds(42) + millis(700);
  r.cacheKeyHash = 0xabcULL;
  r.cacheKeyText = "d111111abcdef8.cloudfront.net/index.html?a=\"1\"";
  r.requestId = "RID==";
  r.contentType = "text/html";
  r.contentLength = 78;
  const http::Headers h{{"X-Cache", "Hit from cloudfront"},
                        {"Set-Cookie", "a=1"},
                        {"Set-Cookie", "b=2"},
                        {"Age", "42"}};
  std::string out;
  appendTraceJsonLine(r, h, out);
  CHECK(out ==
        "{\"ts\":1575493351000250,\"time\":\"2019-12-04T21:02:31.000250Z\",\"pop\":\"IAD89-C1\","
        "\"rid\":\"RID==\",\"clientIp\":\"192.0.2.100\",\"clientPort\":11040,\"method\":\"GET\","
        "\"host\":\"d111111abcdef8.cloudfront.net\",\"hostHeader\":\"www.example.com\","
        "\"uri\":\"/index.html\",\"query\":\"a=\\\"1\\\"\",\"protocol\":\"https\","
        "\"protocolVersion\":\"HTTP/1.1\",\"status\":200,\"scBytes\":392,\"csBytes\":23,"
        "\"timeTakenUs\":12000,\"ttfbUs\":3000,\"result\":\"Hit\",\"responseResult\":\"Hit\","
        "\"detailed\":\"OriginShieldHit\",\"hitLayer\":\"Origin Shield\",\"age\":42,"
        "\"cacheKey\":\"0000000000000abc\","
        "\"cacheKeyText\":\"d111111abcdef8.cloudfront.net/index.html?a=\\\"1\\\"\","
        "\"contentType\":\"text/html\",\"contentLength\":78,"
        "\"rangeStart\":null,\"rangeEnd\":null,\"userAgent\":\"\",\"referer\":\"\","
        "\"headers\":[[\"X-Cache\",\"Hit from cloudfront\"],[\"Set-Cookie\",\"a=1\"],"
        "[\"Set-Cookie\",\"b=2\"],[\"Age\",\"42\"]]}\n");
}

TEST_CASE("a default record writes nulls for absent values and one line per call",
          "[record][trace]") {
  RequestRecord r;
  std::string out;
  appendTraceJsonLine(r, http::Headers{}, out);
  appendTraceJsonLine(r, http::Headers{}, out);
  const auto firstNl = out.find('\n');
  REQUIRE(firstNl != std::string::npos);
  CHECK(out.substr(0, firstNl + 1) == out.substr(firstNl + 1));
  CHECK(out.find("\"pop\":\"\"") != std::string::npos);
  CHECK(out.find("\"ttfbUs\":null") != std::string::npos);
  CHECK(out.find("\"age\":null") != std::string::npos);
  CHECK(out.find("\"cacheKey\":null") != std::string::npos);
  CHECK(out.find("\"cacheKeyText\":null") != std::string::npos);
  CHECK(out.find("\"headers\":[]}") != std::string::npos);
}

}  // namespace cdnsim::core::record
