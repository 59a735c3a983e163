// CloudFront standard access log lines (DG/standard-logs-reference.html, CLOUDFRONT.md §8).

#include "core/record/access_log.h"

#include <catch2/catch.hpp>

namespace cdnsim::core::record {

namespace {

// The example web-distribution line of DG/standard-logs-reference.html, as we recall it (values
// not re-checked against the page; the layout and the encoding are what this test pins down).
RequestRecord dgExample() {
  RequestRecord r;
  r.timestamp = fromUnixSeconds(1575493351);  // 2019-12-04 21:02:31
  r.pop = *emit::parsePopCode("LAX1");
  r.bytesSent = 392;
  r.clientIp = "192.0.2.100";
  r.method = "GET";
  r.distributionHost = "d111111abcdef8.cloudfront.net";
  r.uriStem = "/index.html";
  r.status = 200;
  r.userAgent =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/78.0.3904.108 Safari/537.36";
  r.outcome = emit::outcomeOf(emit::DetailedResultType::Hit);
  r.requestId = "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==";
  r.hostHeader = "d111111abcdef8.cloudfront.net";
  r.protocol = ViewerProtocol::Https;
  r.bytesReceived = 23;
  r.timeTaken = millis(1);
  r.sslProtocol = "TLSv1.2";
  r.sslCipher = "ECDHE-RSA-AES128-GCM-SHA256";
  r.protocolVersion = "HTTP/2.0";
  r.clientPort = 11040;
  r.timeToFirstByte = millis(1);
  r.contentType = "text/html";
  r.contentLength = 78;
  return r;
}

const std::string kDgExampleLine =
    "2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t"
    "/index.html\t200\t-\t"
    "Mozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20"
    "Gecko)%20Chrome/78.0.3904.108%20Safari/537.36\t-\t-\tHit\t"
    "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==\td111111abcdef8.cloudfront.net\t"
    "https\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/2.0\t-\t-\t11040\t"
    "0.001\tHit\ttext/html\t78\t-\t-\n";

}  // namespace

TEST_CASE("the header lines name the 33 fields in order (DG/standard-logs-reference)",
          "[record][access-log]") {
  std::string out;
  appendAccessLogHeader(out);
  CHECK(out ==
        "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) "
        "cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) "
        "x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken "
        "x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version "
        "fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type "
        "sc-content-type sc-content-len sc-range-start sc-range-end\n");
  CHECK(accessLogFieldNames().size() == 33);
}

TEST_CASE(
    "a record writes the DG example's line byte for byte (DG/standard-logs-reference "
    "example)",
    "[record][access-log]") {
  std::string out;
  appendAccessLogLine(dgExample(), out);
  CHECK(out == kDgExampleLine);
}

TEST_CASE(
    "log values: '-' when empty; space and <>\"#%{}|\\^~[]`' percent-encoded "
    "(DG/standard-logs-reference)",
    "[record][access-log]") {
  auto [raw, logged] = GENERATE(table<std::string, std::string>({
      {"", "-"},
      {"plain/Path-1_2.3;a=b,c(d)", "plain/Path-1_2.3;a=b,c(d)"},
      {"a b", "a%20b"},
      {"<>\"#%{}|\\^~[]`'", "%3C%3E%22%23%25%7B%7D%7C%5C%5E%7E%5B%5D%60%27"},
      {"100%25", "100%2525"},                // an encoded value is encoded again
      {"tab\there\nnl", "tab%09here%0Anl"},  // our addition: control bytes never split a line
      {"caf\xc3\xa9", "caf%C3%A9"},
      {"-", "-"},
  }));
  std::string out;
  appendLogValue(raw, out);
  CHECK(out == logged);
}

TEST_CASE("status, time and optional fields in their log forms (DG/standard-logs-reference)",
          "[record][access-log]") {
  auto r = dgExample();
  SECTION("sc-status 000 when the viewer hung up; result fields from one outcome") {
    r.status = 0;
    r.outcome = {emit::EdgeResultType::Hit, emit::EdgeResultType::Error,
                 emit::DetailedResultType::ClientHungUpRequest};
    std::string out;
    appendAccessLogLine(r, out);
    auto p = parseAccessLogLine(out);
    REQUIRE(p);
    CHECK(p->fields[8] == "000");
    CHECK(p->fields[13] == "Hit");
    CHECK(p->fields[22] == "Error");
    CHECK(p->fields[28] == "ClientHungUpRequest");
  }
  SECTION("time-taken in seconds with three decimals, rounded to the millisecond") {
    auto [taken, text] = GENERATE(table<Duration, std::string>({
        {Duration(0), "0.000"},
        {Duration(499), "0.000"},
        {Duration(500), "0.001"},
        {Duration(1'234'567), "1.235"},
        {seconds(75), "75.000"},
    }));
    r.timeTaken = taken;
    std::string out;
    appendAccessLogLine(r, out);
    CHECK(parseAccessLogLine(out)->fields[18] == text);
  }
  SECTION("ranges, port, ttfb and content length: '-' when absent, numbers when present") {
    r.rangeStart = 0;
    r.rangeEnd = 1023;
    r.clientPort = 0;
    r.timeToFirstByte.reset();
    r.contentLength.reset();
    std::string out;
    appendAccessLogLine(r, out);
    auto p = parseAccessLogLine(out);
    REQUIRE(p);
    CHECK(p->fields[26] == "-");
    CHECK(p->fields[27] == "-");
    CHECK(p->fields[30] == "-");
    CHECK(p->fields[31] == "0");
    CHECK(p->fields[32] == "1023");
  }
}

TEST_CASE("a written line parses back to the same values", "[record][access-log]") {
  auto r = dgExample();
  r.query = "a=1&b=two words";
  r.outcome = emit::outcomeOf(emit::DetailedResultType::OriginShieldHit);
  r.rangeStart = 100;
  r.rangeEnd = 199;
  r.timeTaken = millis(1500);
  std::string out;
  appendAccessLogLine(r, out);
  const auto p = parseAccessLogLine(out);
  REQUIRE(p);
  CHECK(p->fieldCount == 33);
  CHECK(p->timestamp == r.timestamp);
  CHECK(p->pop == r.pop);
  CHECK(p->bytesSent == 392);
  CHECK(p->clientIp == "192.0.2.100");
  CHECK(p->method == "GET");
  CHECK(p->distributionHost == r.distributionHost);
  CHECK(p->uriStem == "/index.html");
  CHECK(p->status == 200);
  CHECK(p->query == "a=1&b=two%20words");
  std::string decoded;
  percentDecode(p->query, decoded);
  CHECK(decoded == r.query);
  CHECK(p->result == emit::EdgeResultType::Hit);
  CHECK(p->responseResult == emit::EdgeResultType::Hit);
  CHECK(p->detailed == emit::DetailedResultType::OriginShieldHit);
  CHECK(p->requestId == r.requestId);
  CHECK(p->bytesReceived == 23);
  CHECK(p->timeTaken == millis(1500));
  CHECK(p->timeToFirstByte == millis(1));
  CHECK(p->contentType == "text/html");
  CHECK(p->contentLength == 78u);
  CHECK(p->rangeStart == 100u);
  CHECK(p->rangeEnd == 199u);
}

TEST_CASE("parsing skips headers and junk without throwing (robust replay)",
          "[record][access-log]") {
  auto line = GENERATE(as<std::string>{}, "", "\n", "#Version: 1.0", "#Fields: date time",
                       "garbage", "2019-12-04\t21:02:31",
                       "2019-13-04\t21:02:31\tLAX1\t1\tip\tGET\th\t/\t200",   // month 13
                       "2019-12-04\t25:02:31\tLAX1\t1\tip\tGET\th\t/\t200",   // hour 25
                       "2019-12-04\t21:02:31\tLAX1\t1\tip\tGET\th\t/\t2000",  // 4-digit status
                       "2019-12-04\t21:02:31\tLAX1\t1\tip\tGET\th\t/\tabc",
                       "2019/12/04\t21:02:31\tLAX1\t1\tip\tGET\th\t/\t200");
  CAPTURE(line);
  CHECK_FALSE(parseAccessLogLine(line).has_value());
}

TEST_CASE("short (older-format) and CRLF lines parse; bad optional fields become empty",
          "[record][access-log]") {
  const auto p = parseAccessLogLine("2019-12-04\t21:02:31\tnot-a-pop\tx\t-\tGET\th\t/a\t304\r\n");
  REQUIRE(p);
  CHECK(p->fieldCount == 9);
  CHECK(p->status == 304);
  CHECK_FALSE(p->pop.has_value());
  CHECK(p->bytesSent == 0);
  CHECK(p->clientIp.empty());
  CHECK_FALSE(p->result.has_value());
  CHECK_FALSE(p->timeTaken.has_value());
}

TEST_CASE("percent-decoding keeps malformed escapes", "[record][access-log]") {
  auto [in, want] = GENERATE(table<std::string, std::string>(
      {{"a%20b", "a b"}, {"%2525", "%25"}, {"%zz", "%zz"}, {"%4", "%4"}, {"%", "%"}, {"", ""}}));
  std::string out;
  percentDecode(in, out);
  CHECK(out == want);
}

}  // namespace cdnsim::core::record
