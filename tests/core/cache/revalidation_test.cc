// Revalidation (RFC 9111 §4.3, CLOUDFRONT.md §3).
#include "core/cache/revalidation.h"

#include <catch2/catch.hpp>

#include "tests/core/cache/printing.h"

CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::RevalidationOutcome)

using namespace cdnsim::core;
using namespace cdnsim::core::cache;
using http::Headers;

namespace {
constexpr auto kLm = "Sun, 06 Nov 1994 08:49:37 GMT";
constexpr auto kLm2 = "Mon, 07 Nov 1994 08:49:37 GMT";
std::optional<std::string> opt(const std::optional<std::string_view>& v) {
  return v ? std::optional<std::string>(*v) : std::nullopt;
}
}  // namespace

TEST_CASE("conditional request from stored validators (RFC 9111 §4.3.1, CLOUDFRONT.md §3)",
          "[cache][revalidation]") {
  using O = std::optional<std::string>;
  auto [stored, ifNoneMatch, ifModifiedSince] = GENERATE(table<Headers, O, O>({
      {Headers{{"ETag", "\"v1\""}}, "\"v1\"", std::nullopt},
      {Headers{{"ETag", "W/\"v1\""}}, "W/\"v1\"", std::nullopt},
      {Headers{{"Last-Modified", kLm}}, std::nullopt, kLm},
      {Headers{{"ETag", " \"v1\" "}, {"Last-Modified", kLm}}, "\"v1\"", kLm},  // both
      {Headers{{"ETag", "v1"}, {"Last-Modified", "yesterday"}}, std::nullopt, std::nullopt},  // invalid
      {Headers{{"Content-Type", "text/html"}}, std::nullopt, std::nullopt},
  }));
  auto c = conditionalHeadersFor(stored);
  CHECK(opt(c.ifNoneMatch) == ifNoneMatch);
  CHECK(opt(c.ifModifiedSince) == ifModifiedSince);
  CHECK(hasValidator(stored) == (ifNoneMatch || ifModifiedSince));
}

TEST_CASE("our conditional headers replace the viewer's (CLOUDFRONT.md §3)", "[cache][revalidation]") {
  const Headers stored{{"ETag", "\"v2\""}};
  Headers originRequest{{"If-None-Match", "\"viewer\""}, {"Host", "origin.example"}};
  conditionalHeadersFor(stored).applyTo(originRequest);
  CHECK(originRequest.get("If-None-Match") == "\"v2\"");
  CHECK_FALSE(originRequest.has("If-Modified-Since"));
  CHECK(originRequest.size() == 2);
}

TEST_CASE("classifying the origin's answer to a revalidation (RFC 9111 §4.3.3, §4.3.4)",
          "[cache][revalidation]") {
  using O = RevalidationOutcome;
  auto [stored, status, response, expected] = GENERATE(table<Headers, int, Headers, RevalidationOutcome>({
      {Headers{{"ETag", "\"v1\""}}, 304, Headers{{"ETag", "\"v1\""}}, O::RefreshHit},
      {Headers{{"ETag", "\"v1\""}}, 304, Headers{}, O::RefreshHit},  // no validator in the 304
      {Headers{{"ETag", "\"v1\""}}, 304, Headers{{"ETag", "\"v2\""}}, O::Refetch},  // other representation
      {Headers{{"ETag", "W/\"v1\""}}, 304, Headers{{"ETag", "\"v1\""}}, O::Refetch},  // strong needs strong
      {Headers{{"ETag", "\"v1\""}}, 304, Headers{{"ETag", "W/\"v1\""}}, O::RefreshHit},  // weak compare
      {Headers{{"Last-Modified", kLm}}, 304, Headers{{"Last-Modified", kLm}}, O::RefreshHit},
      {Headers{{"Last-Modified", kLm}}, 304, Headers{{"Last-Modified", kLm2}}, O::Refetch},
      {Headers{{"Last-Modified", kLm}}, 304, Headers{{"ETag", "\"x\""}}, O::Refetch},
      {Headers{{"ETag", "\"v1\""}}, 200, Headers{{"ETag", "\"v2\""}}, O::Replace},
      {Headers{{"ETag", "\"v1\""}}, 404, Headers{}, O::Replace},  // 4xx passes through
      {Headers{{"ETag", "\"v1\""}}, 503, Headers{}, O::OriginError},
      {Headers{{"ETag", "\"v1\""}}, 500, Headers{}, O::OriginError},
  }));
  CAPTURE(status);
  CHECK(classifyRevalidationResponse(stored, status, response) == expected);
}

TEST_CASE("a 304 updates stored fields except Content-Length and hop-by-hop fields "
          "(RFC 9111 §4.3.4, §3.2, §3.1)",
          "[cache][revalidation]") {
  Headers stored{{"Content-Type", "text/html"}, {"Content-Length", "1000"}, {"ETag", "\"v1\""},
                 {"Cache-Control", "max-age=60"}, {"Date", kLm}, {"X-Old", "1"}};
  const Headers notModified{{"Date", kLm2}, {"Cache-Control", "max-age=600"},
                            {"Content-Length", "0"}, {"Connection", "close, X-Hop"},
                            {"X-Hop", "h"}, {"Keep-Alive", "timeout=5"},
                            {"Transfer-Encoding", "chunked"}, {"Set-Cookie", "a=1"},
                            {"set-cookie", "b=2"}, {"ETag", "\"v1\""}};
  mergeNotModified(stored, notModified);
  const Headers expected{{"Content-Type", "text/html"}, {"Content-Length", "1000"},
                         {"ETag", "\"v1\""}, {"Cache-Control", "max-age=600"}, {"Date", kLm2},
                         {"X-Old", "1"}, {"Set-Cookie", "a=1"}, {"set-cookie", "b=2"}};
  CHECK(stored == expected);
}
