// Revalidation (RFC 9111 §4.3, CLOUDFRONT.md §3).
#include "core/cache/revalidation.h"

#include <catch2/catch.hpp>

#include "tests/core/cache/printing.h"

CDNSIM_CATCH_PRINT_VIA_FMT(cdnsim::core::cache::RevalidationOutcome)

namespace cdnsim::core::cache {

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
  auto [stored, ifNoneMatch, ifModifiedSince] = GENERATE(table<http::Headers, O, O>({
      {http::Headers{{"ETag", "\"v1\""}}, "\"v1\"", std::nullopt},
      {http::Headers{{"ETag", "W/\"v1\""}}, "W/\"v1\"", std::nullopt},
      {http::Headers{{"Last-Modified", kLm}}, std::nullopt, kLm},
      {http::Headers{{"ETag", " \"v1\" "}, {"Last-Modified", kLm}}, "\"v1\"", kLm},  // both
      {http::Headers{{"ETag", "v1"}, {"Last-Modified", "yesterday"}}, std::nullopt, std::nullopt},  // invalid
      {http::Headers{{"Content-Type", "text/html"}}, std::nullopt, std::nullopt},
  }));
  auto c = conditionalHeadersFor(stored);
  CHECK(opt(c.ifNoneMatch) == ifNoneMatch);
  CHECK(opt(c.ifModifiedSince) == ifModifiedSince);
  CHECK(hasValidator(stored) == (ifNoneMatch || ifModifiedSince));
}

TEST_CASE("our conditional headers replace the viewer's (CLOUDFRONT.md §3)", "[cache][revalidation]") {
  const http::Headers stored{{"ETag", "\"v2\""}};
  http::Headers originRequest{{"If-None-Match", "\"viewer\""}, {"Host", "origin.example"}};
  conditionalHeadersFor(stored).applyTo(originRequest);
  CHECK(originRequest.get("If-None-Match") == "\"v2\"");
  CHECK_FALSE(originRequest.has("If-Modified-Since"));
  CHECK(originRequest.size() == 2);
}

TEST_CASE("classifying the origin's answer to a revalidation (RFC 9111 §4.3.3, §4.3.4)",
          "[cache][revalidation]") {
  using O = RevalidationOutcome;
  auto [stored, status, response, expected] = GENERATE(table<http::Headers, int, http::Headers, RevalidationOutcome>({
      {http::Headers{{"ETag", "\"v1\""}}, 304, http::Headers{{"ETag", "\"v1\""}}, O::RefreshHit},
      {http::Headers{{"ETag", "\"v1\""}}, 304, http::Headers{}, O::RefreshHit},  // no validator in the 304
      {http::Headers{{"ETag", "\"v1\""}}, 304, http::Headers{{"ETag", "\"v2\""}}, O::Refetch},  // other representation
      {http::Headers{{"ETag", "W/\"v1\""}}, 304, http::Headers{{"ETag", "\"v1\""}}, O::Refetch},  // strong needs strong
      {http::Headers{{"ETag", "\"v1\""}}, 304, http::Headers{{"ETag", "W/\"v1\""}}, O::RefreshHit},  // weak compare
      {http::Headers{{"Last-Modified", kLm}}, 304, http::Headers{{"Last-Modified", kLm}}, O::RefreshHit},
      {http::Headers{{"Last-Modified", kLm}}, 304, http::Headers{{"Last-Modified", kLm2}}, O::Refetch},
      {http::Headers{{"Last-Modified", kLm}}, 304, http::Headers{{"ETag", "\"x\""}}, O::Refetch},
      {http::Headers{{"ETag", "\"v1\""}}, 200, http::Headers{{"ETag", "\"v2\""}}, O::Replace},
      {http::Headers{{"ETag", "\"v1\""}}, 404, http::Headers{}, O::Replace},  // 4xx passes through
      {http::Headers{{"ETag", "\"v1\""}}, 503, http::Headers{}, O::OriginError},
      {http::Headers{{"ETag", "\"v1\""}}, 500, http::Headers{}, O::OriginError},
  }));
  CAPTURE(status);
  CHECK(classifyRevalidationResponse(stored, status, response) == expected);
}

TEST_CASE("a 304 updates stored fields except Content-Length and hop-by-hop fields "
          "(RFC 9111 §4.3.4, §3.2, §3.1)",
          "[cache][revalidation]") {
  http::Headers stored{{"Content-Type", "text/html"}, {"Content-Length", "1000"}, {"ETag", "\"v1\""},
                 {"Cache-Control", "max-age=60"}, {"Date", kLm}, {"X-Old", "1"}};
  const http::Headers notModified{{"Date", kLm2}, {"Cache-Control", "max-age=600"},
                            {"Content-Length", "0"}, {"Connection", "close, X-Hop"},
                            {"X-Hop", "h"}, {"Keep-Alive", "timeout=5"},
                            {"Transfer-Encoding", "chunked"}, {"Set-Cookie", "a=1"},
                            {"set-cookie", "b=2"}, {"ETag", "\"v1\""}};
  mergeNotModified(stored, notModified);
  const http::Headers expected{{"Content-Type", "text/html"}, {"Content-Length", "1000"},
                         {"ETag", "\"v1\""}, {"Cache-Control", "max-age=600"}, {"Date", kLm2},
                         {"X-Old", "1"}, {"Set-Cookie", "a=1"}, {"set-cookie", "b=2"}};
  CHECK(stored == expected);
}

}  // namespace cdnsim::core::cache
