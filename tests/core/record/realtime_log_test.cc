// CloudFront real-time log records (DG/real-time-logs.html): the chosen fields in the canonical
// order whatever order they were chosen in, one tab-separated record per line, and a sample of
// the requests decided by their id.

#include "core/record/realtime_log.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "core/emit/request_id.h"

namespace cdnsim::core::record {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

RequestRecord example() {
  RequestRecord r;
  r.timestamp = fromUnixSeconds(1767225600) + std::chrono::microseconds(123456);
  r.pop = *emit::parsePopCode("IAD89-C1");
  r.bytesSent = 4321;
  r.clientIp = "192.0.2.7";
  r.method = "GET";
  r.distributionHost = "d111111abcdef8.cloudfront.net";
  r.hostHeader = "www.example.com";
  r.uriStem = "/img/cat.jpg";
  r.query = "size=large";
  r.status = 200;
  r.outcome = emit::outcomeOf(emit::DetailedResultType::Miss);
  r.requestId = "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==";
  r.bytesReceived = 99;
  r.timeTaken = millis(42);
  r.timeToFirstByte = millis(40);
  r.clientPort = 50123;
  r.contentType = "image/jpeg";
  r.contentLength = 4000;
  r.behaviorPathPattern = "/img/*";
  r.originFirstByteLatency = millis(35);
  r.originLastByteLatency = millis(37);
  return r;
}

std::string line(const RequestRecord& r, RealtimeLogFieldSet fields) {
  std::string out;
  appendRealtimeLogLine(r, fields, out);
  REQUIRE(out.back() == '\n');
  out.pop_back();
  REQUIRE(out.find('\n') == std::string::npos);
  return out;
}

RealtimeLogFieldSet fieldsOf(std::initializer_list<std::string_view> names) {
  RealtimeLogFieldSet s;
  for (auto n : names) s.add(*parseRealtimeLogField(n));
  return s;
}

}  // namespace

TEST_CASE("the canonical field list starts as the DG lists it and names each field once",
          "[record][realtime-log]") {
  const auto& names = realtimeLogFieldNames();
  CHECK(names.size() == kRealtimeLogFieldCount);
  const std::vector<std::string_view> first{"timestamp", "c-ip", "time-to-first-byte", "sc-status",
                                            "sc-bytes",  "cs-method", "cs-protocol", "cs-host",
                                            "cs-uri-stem", "cs-bytes", "x-edge-location"};
  CHECK(std::vector<std::string_view>(names.begin(), names.begin() + 11) == first);
  CHECK(names[39] == "cs-headers-count");  // the DG's 40th field
  CHECK(names.back() == "asn");
  CHECK(std::set<std::string_view>(names.begin(), names.end()).size() == names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    CAPTURE(names[i]);
    REQUIRE(parseRealtimeLogField(names[i]).has_value());
    CHECK(static_cast<std::size_t>(*parseRealtimeLogField(names[i])) == i);
    CHECK(toString(*parseRealtimeLogField(names[i])) == names[i]);
  }
  CHECK_FALSE(parseRealtimeLogField("Timestamp").has_value());  // exact spelling only
  CHECK_FALSE(parseRealtimeLogField("cs(Host)").has_value());   // a standard-log name
}

TEST_CASE("fields come out in canonical order whatever order they were chosen in",
          "[record][realtime-log]") {
  // The same three fields chosen in every order give one line.
  std::vector<std::string_view> chosen{"sc-status", "c-ip", "timestamp"};
  std::sort(chosen.begin(), chosen.end());
  std::set<std::string> lines;
  do {
    RealtimeLogFieldSet s;
    for (auto n : chosen) s.add(*parseRealtimeLogField(n));
    lines.insert(line(example(), s));
  } while (std::next_permutation(chosen.begin(), chosen.end()));
  REQUIRE(lines.size() == 1);
  CHECK(*lines.begin() == "1767225600.123\t192.0.2.7\t200");

  std::string header;
  appendRealtimeLogHeader(fieldsOf({"sc-status", "c-ip", "timestamp"}), header);
  CHECK(header == "#Fields: timestamp c-ip sc-status\n");
}

TEST_CASE("every field chosen: one value per field, each where its name is",
          "[record][realtime-log]") {
  const auto values = split(line(example(), RealtimeLogFieldSet::all()));
  REQUIRE(values.size() == kRealtimeLogFieldCount);
  auto at = [&](std::string_view name) {
    return values[static_cast<std::size_t>(*parseRealtimeLogField(name))];
  };
  CHECK(at("timestamp") == "1767225600.123");
  CHECK(at("time-to-first-byte") == "0.040");
  CHECK(at("sc-bytes") == "4321");
  CHECK(at("cs-protocol") == "https");
  CHECK(at("cs-host") == "www.example.com");                  // the Host the viewer sent
  CHECK(at("x-host-header") == "d111111abcdef8.cloudfront.net");  // the distribution's domain
  CHECK(at("cs-uri-stem") == "/img/cat.jpg?size=large");       // with the query, unlike the standard log
  CHECK(at("cs-uri-query") == "size=large");
  CHECK(at("x-edge-location") == "IAD89-C1");
  CHECK(at("time-taken") == "0.042");
  CHECK(at("c-ip-version") == "IPv4");
  CHECK(at("x-edge-result-type") == "Miss");
  CHECK(at("sc-content-len") == "4000");
  CHECK(at("c-port") == "50123");
  CHECK(at("cache-behavior-path-pattern") == "/img/*");
  CHECK(at("cs-headers") == "Host:www.example.com%0A");
  CHECK(at("cs-header-names") == "Host%0A");
  CHECK(at("cs-headers-count") == "1");
  CHECK(at("origin-fbl") == "0.035");
  CHECK(at("origin-lbl") == "0.037");
  for (const auto* empty : {"cs-user-agent", "cs-cookie", "fle-status", "c-country", "asn",
                            "primary-distribution-id", "sc-range-start"}) {
    CAPTURE(empty);
    CHECK(at(empty) == "-");
  }
}

TEST_CASE("real-time values: status 000, shield hits, IPv6, header lists and 800-byte truncation",
          "[record][realtime-log]") {
  auto r = example();
  r.status = 0;
  r.clientIp = "2001:db8::7";
  r.outcome = emit::outcomeOf(emit::DetailedResultType::OriginShieldHit);
  r.query = {};
  http::HeaderFieldList fields;
  fields.add("Host", "www.example.com");
  fields.add("User-Agent", "curl/8.0 (x)");
  r.requestFields = &fields;
  const auto values = split(line(r, fieldsOf({"sc-status", "c-ip-version", "cs-uri-stem",
                                              "x-edge-result-type", "x-edge-detailed-result-type",
                                              "cs-headers", "cs-headers-count"})));
  CHECK(values == std::vector<std::string>{"000", "/img/cat.jpg", "IPv6", "OriginShieldHit",
                                           "OriginShieldHit",
                                           "Host:www.example.com%0AUser-Agent:curl/8.0%20(x)%0A", "2"});

  // A cookie of 300 spaces encodes to 900 bytes: cut at 800, never inside an escape.
  std::string cookie(300, ' ');
  r.cookie = cookie;
  const auto cut = split(line(r, fieldsOf({"cs-cookie"})))[0];
  CHECK(cut.size() == 798);  // 266 whole "%20" escapes
  CHECK(cut.size() % 3 == 0);
  r.cookie = std::string_view(cookie).substr(0, 10);
  CHECK(split(line(r, fieldsOf({"cs-cookie"})))[0].size() == 30);
}

TEST_CASE("sampling keeps the rate's share of requests, the same ones every time",
          "[record][realtime-log][sampling]") {
  constexpr int kRequests = 100000;
  std::vector<std::string> ids;
  for (int i = 0; i < kRequests; ++i) ids.push_back(emit::requestId(20261122, i));
  for (const int rate : {1, 5, 10, 50, 99}) {
    CAPTURE(rate);
    int sampled = 0;
    for (const auto& id : ids) sampled += realtimeLogSampled(id, rate) ? 1 : 0;
    // Binomial(n, p): within 5 standard deviations (a false alarm about once in 3 million runs,
    // and the ids are fixed, so this either always passes or never does).
    const double p = rate / 100.0;
    const double mean = kRequests * p;
    const double sd = std::sqrt(kRequests * p * (1 - p));
    CHECK(std::abs(sampled - mean) <= 5 * sd);
  }
  int all = 0;
  for (const auto& id : ids) all += realtimeLogSampled(id, 100) ? 1 : 0;
  CHECK(all == kRequests);
  // Deterministic, and nested: a request sampled at one rate is sampled at every higher rate.
  for (int i = 0; i < 2000; ++i) {
    for (int rate = 1; rate < 100; ++rate) {
      if (realtimeLogSampled(ids[i], rate)) {
        CHECK(realtimeLogSampled(ids[i], rate + 1));
        CHECK(realtimeLogSampled(std::string(ids[i]), rate));
      }
    }
  }
}

}  // namespace cdnsim::core::record
