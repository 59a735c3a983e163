// One line of a CloudFront standard access log (DG/standard-logs-reference.html): the fields a
// replay reads, header lines, and every kind of bad line.

#include "sim/replay/cloudfront_log_line.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

// A good line with the 33 fields; `change` replaces field i (0-based) when set.
std::string logLine(int index = -1, const std::string& value = "") {
  std::vector<std::string> f = {
      "2026-01-01", "00:00:05", "IAD89-C1", "4096", "198.51.100.7", "GET",
      "d111111abcdef8.cloudfront.net", "/img/a.jpg", "200", "-", "Mozilla/5.0", "v=2&utm_source=x",
      "session=1", "Hit", "reqid==", "d111111abcdef8.cloudfront.net", "https", "180", "0.002", "-",
      "TLSv1.3", "TLS_AES_128_GCM_SHA256", "Hit", "HTTP/2.0", "-", "-", "4431", "0.001", "Hit",
      "image/jpeg", "4096", "-", "-"};
  if (index >= 0) f[static_cast<std::size_t>(index)] = value;
  std::string line;
  for (std::size_t i = 0; i < f.size(); ++i) line += (i ? "\t" : "") + f[i];
  return line;
}

}  // namespace

TEST_CASE("a CloudFront log line gives time, POP, viewer and request", "[sim][replay]") {
  using namespace cdnsim::sim::replay;
  CloudFrontLogLineParser parser;
  ReplayRequest r;
  const auto result = parser.parse(logLine() + "\r", r);
  REQUIRE(result.kind == LogLineKind::Request);
  CHECK(r.time == 1767225600 + 5);
  CHECK(r.edgeLocation == "IAD89-C1");
  CHECK(r.bytes == 4096);
  CHECK(r.clientIp == "198.51.100.7");
  CHECK(r.method == "GET");
  CHECK(r.host == "d111111abcdef8.cloudfront.net");
  CHECK(r.path == "/img/a.jpg");
  CHECK(r.userAgent == "Mozilla/5.0");
  CHECK(r.query == "v=2&utm_source=x");
  CHECK(r.cookie == "session=1");

  // '-' is an empty value.
  REQUIRE(parser.parse(logLine(11, "-"), r).kind == LogLineKind::Request);
  CHECK(r.query.empty());
}

TEST_CASE("header lines and blank lines are not requests; #Fields sets the field count",
          "[sim][replay]") {
  using namespace cdnsim::sim::replay;
  CloudFrontLogLineParser parser;
  ReplayRequest r;
  CHECK(parser.parse("#Version: 1.0", r).kind == LogLineKind::Header);
  CHECK(parser.parse("", r).kind == LogLineKind::Header);
  CHECK(parser.expectedFields() == 33);
  // An older log with fewer fields declares them.
  std::string fields = "#Fields:";
  for (int i = 0; i < 14; ++i) fields += " f" + std::to_string(i);
  CHECK(parser.parse(fields, r).kind == LogLineKind::Header);
  CHECK(parser.expectedFields() == 14);
  std::string shortLine = logLine();
  std::size_t cut = 0;
  for (int tabs = 0; tabs < 14; ++tabs) cut = shortLine.find('\t', cut + 1);
  CHECK(parser.parse(shortLine.substr(0, cut), r).kind == LogLineKind::Request);
  CHECK(parser.parse("#Fields: a b c", r).kind == LogLineKind::Bad);
}

TEST_CASE("every kind of bad CloudFront log line is named", "[sim][replay]") {
  using namespace cdnsim::sim::replay;
  auto [line, words] = GENERATE(table<std::string, std::string>({
      {logLine().substr(0, logLine().rfind('\t')), "too few tab-separated fields"},
      {logLine() + "\textra", "too many tab-separated fields"},
      {logLine(0, "2026-13-01"), "bad date or time"},
      {logLine(0, "01/01/2026"), "bad date or time"},
      {logLine(1, "25:00:00"), "bad date or time"},
      {logLine(2, "-"), "empty x-edge-location"},
      {logLine(3, "12kB"), "bad sc-bytes"},
      {logLine(3, "-"), "bad sc-bytes"},
      {logLine(5, "get"), "bad cs-method"},
      {logLine(6, "-"), "empty cs(Host)"},
      {logLine(7, "img/a.jpg"), "bad cs-uri-stem"},
  }));
  CloudFrontLogLineParser parser;
  ReplayRequest r;
  const auto result = parser.parse(line, r);
  CHECK(result.kind == LogLineKind::Bad);
  CHECK_THAT(std::string(result.message), Catch::Contains(words));
}
