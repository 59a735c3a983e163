// Cache key rules (DG/understanding-the-cache-key.html, DG/ServingCompressedFiles.html,
// DG/QueryStringParameters.html, RFC 9110 §12.5.3, RFC 6265 §5.4; CLOUDFRONT.md §7).

#include "core/cache/cache_key.h"

#include <catch2/catch.hpp>
#include <vector>

namespace cdnsim::core::cache {

TEST_CASE(
    "Accept-Encoding normalisation: both -> br,gzip, one -> that one, neither -> none "
    "(DG/ServingCompressedFiles.html, CLOUDFRONT.md §7)",
    "[cache][key][encoding]") {
  auto [value, gzipOn, brOn, want] = GENERATE(table<std::string, bool, bool, NormalizedEncoding>({
      {"gzip, deflate, br", true, true, NormalizedEncoding::BrotliGzip},
      {"br;q=1.0, gzip;q=0.8, *;q=0.1", true, true, NormalizedEncoding::BrotliGzip},
      {"GZIP", true, true, NormalizedEncoding::Gzip},  // tokens case-insensitive
      {"Br", true, true, NormalizedEncoding::Brotli},
      {"deflate, identity", true, true, NormalizedEncoding::None},
      {"", true, true, NormalizedEncoding::None},
      {"gzip, br", true, false, NormalizedEncoding::Gzip},    // br not enabled
      {"gzip, br", false, true, NormalizedEncoding::Brotli},  // gzip not enabled
      {"gzip, br", false, false, NormalizedEncoding::None},
      {"gzip;q=0, br", true, true, NormalizedEncoding::Brotli},  // q=0: not acceptable
      {"gzip;q=0.000, br;Q=0.0", true, true, NormalizedEncoding::None},
      {"gzip; q=0.001", true, true, NormalizedEncoding::Gzip},  // small but non-zero
      {"x-gzip, *", true, true, NormalizedEncoding::None},      // only explicit tokens
      {"gzipp, bro", true, true, NormalizedEncoding::None},
      {",,;;=, gzip ;q=junk", true, true, NormalizedEncoding::Gzip},  // junk never throws
      {"br;q=0;q=1", true, true, NormalizedEncoding::Brotli},         // last q wins
  }));
  CAPTURE(value, gzipOn, brOn);
  CHECK(normalizeAcceptEncoding(value, gzipOn, brOn) == want);
}

TEST_CASE("normalised encoding strings and the origin's Accept-Encoding (identity when none)",
          "[cache][key][encoding]") {
  auto [e, key, origin] = GENERATE(table<NormalizedEncoding, std::string, std::string>({
      {NormalizedEncoding::None, "", "identity"},
      {NormalizedEncoding::Gzip, "gzip", "gzip"},
      {NormalizedEncoding::Brotli, "br", "br"},
      {NormalizedEncoding::BrotliGzip, "br,gzip", "br,gzip"},
  }));
  CHECK(toString(e) == key);
  CHECK(originAcceptEncoding(e) == origin);
}

TEST_CASE("Accept-Encoding split over several fields is read as one list (RFC 9110 §5.3)",
          "[cache][key][encoding]") {
  http::Headers h{{"Accept-Encoding", "gzip"}, {"X", "y"}, {"accept-encoding", "br"}};
  CHECK(normalizeAcceptEncoding(h, true, true) == NormalizedEncoding::BrotliGzip);
}

TEST_CASE("query strings split into name/value segments robustly", "[cache][key][query]") {
  auto [query, want] = GENERATE(table<std::string, std::vector<std::string>>({
      {"", {}},
      {"a=1&b=2", {"a|1|1", "b|2|1"}},
      {"&&a=1&&", {"a|1|1"}},
      {"=", {"||1"}},
      {"flag", {"flag||0"}},
      {"a==b&c=", {"a|=b|1", "c||1"}},
      {"%41=%zz&%", {"%41|%zz|1", "%||0"}},
  }));
  std::vector<std::string> got;
  forEachQueryParam(query, [&](const QueryParam& p) {
    got.push_back(std::string(p.name) + "|" + std::string(p.value) + "|" +
                  (p.hasValue ? "1" : "0"));
  });
  CAPTURE(query);
  CHECK(got == want);
}

TEST_CASE("Cookie header parsing is lenient and skips junk (RFC 6265 §4.2.1, §5.4)",
          "[cache][key][cookie]") {
  auto [header, want] = GENERATE(table<std::string, std::vector<std::string>>({
      {"a=1; b=2", {"a=1", "b=2"}},
      {"a=1;b=2;", {"a=1", "b=2"}},
      {" ; ;a = 1 ;", {"a=1"}},
      {"noequals; =novalue; c=", {"c="}},
      {"x=a=b", {"x=a=b"}},
      {"", {}},
      {";;;", {}},
  }));
  std::vector<std::string> got;
  forEachCookie(header, [&](const CookiePair& c) {
    got.push_back(std::string(c.name) + "=" + std::string(c.value));
  });
  CAPTURE(header);
  CHECK(got == want);
}

TEST_CASE("percent-decoded comparison for allow-list names", "[cache][key][query]") {
  auto [encoded, plain, equal] = GENERATE(table<std::string, std::string, bool>({
      {"size", "size", true},
      {"%73ize", "size", true},
      {"%73IZE", "size", false},
      {"a%20b", "a b", true},
      {"%zz", "%zz", true},  // malformed escape stands for itself
      {"%4", "%4", true},
      {"%", "%", true},
      {"siz", "size", false},
      {"sizes", "size", false},
  }));
  CAPTURE(encoded, plain);
  CHECK(percentDecodedEquals(encoded, plain) == equal);
}

namespace {

http::Request req(std::string query, http::Headers headers = {}, std::string path = "/img/a.jpg",
            std::string host = "d111111abcdef8.cloudfront.net", std::string method = "GET") {
  http::Request r;
  r.method = std::move(method);
  r.host = std::move(host);
  r.path = std::move(path);
  r.query = std::move(query);
  r.headers = std::move(headers);
  return r;
}

CachePolicyConfig policy(KeyItems qs, KeyItems hs = {}, KeyItems cs = {}, bool gzip = false,
                         bool br = false) {
  CachePolicyConfig p;
  p.queryStrings = std::move(qs);
  p.headers = std::move(hs);
  p.cookies = std::move(cs);
  p.enableAcceptEncodingGzip = gzip;
  p.enableAcceptEncodingBrotli = br;
  return p;
}

using Behavior = KeyBehavior;

}  // namespace

TEST_CASE("canonical key strings per query-string behaviour (DG/QueryStringParameters.html)",
          "[cache][key][query]") {
  auto [items, query, want] = GENERATE(table<KeyItems, std::string, std::string>({
      {{Behavior::None, {}}, "color=red&size=L", "d111111abcdef8.cloudfront.net/img/a.jpg"},
      {{Behavior::All, {}},
       "color=red&size=L",
       "d111111abcdef8.cloudfront.net/img/a.jpg?color=red&size=L"},
      {{Behavior::All, {}},
       "size=L&color=red",
       "d111111abcdef8.cloudfront.net/img/a.jpg?size=L&color=red"},
      {{Behavior::All, {}}, "&&a=1&&", "d111111abcdef8.cloudfront.net/img/a.jpg?a=1"},
      {{Behavior::AllowList, {"size"}},
       "color=red&size=L&Size=M",
       "d111111abcdef8.cloudfront.net/img/a.jpg?size=L"},
      {{Behavior::AllowList, {"size"}}, "%73ize=L", "d111111abcdef8.cloudfront.net/img/a.jpg?%73ize=L"},
      {{Behavior::AllExcept, {"utm_source"}},
       "utm_source=x&v=2&utm_source=y",
       "d111111abcdef8.cloudfront.net/img/a.jpg?v=2"},
      {{Behavior::AllowList, {"flag"}}, "flag&x=1", "d111111abcdef8.cloudfront.net/img/a.jpg?flag"},
  }));
  CAPTURE(query);
  CHECK(cacheKeyString(req(query), policy(items)) == want);
}

TEST_CASE("the key string lists Accept-Encoding, headers in policy order and sorted cookies",
          "[cache][key]") {
  http::Headers h{{"Cookie", "z=9; session=abc; tracking=1"},
            {"X-Device", "mobile"},
            {"Accept-Encoding", "gzip, br"},
            {"Authorization", "Bearer t"}};
  auto p = policy({Behavior::None, {}}, {Behavior::AllowList, {"Authorization", "X-Device", "X-Absent"}},
                  {Behavior::AllExcept, {"tracking"}}, true, true);
  CHECK(cacheKeyString(req("q=1", h, "/p", "WWW.Example.COM"), p) ==
        "www.example.com/p|ae:br,gzip|h:authorization=Bearer t|h:x-device=mobile"
        "|c:session=abc|c:z=9");
}

TEST_CASE(
    "OPTIONS is cached apart from GET and HEAD, which share a key "
    "(DG/understanding-the-cache-key.html)",
    "[cache][key]") {
  auto p = policy({Behavior::None, {}});
  const auto get = cacheKeyHash(req("", {}, "/a", "h", "GET"), p);
  CHECK(cacheKeyHash(req("", {}, "/a", "h", "HEAD"), p) == get);
  CHECK(cacheKeyHash(req("", {}, "/a", "h", "OPTIONS"), p) != get);
  CHECK(cacheKeyString(req("", {}, "/a", "h", "OPTIONS"), p) == "OPTIONS h/a");
}

// The central promise: two requests that differ only outside the key share one entry, and two
// that differ inside it do not. Each row: policy, two requests, whether the keys are equal.
TEST_CASE(
    "requests differing only outside the key share one entry; inside it, they do not "
    "(DG/understanding-the-cache-key.html)",
    "[cache][key]") {
  struct Row {
    const char* rule;
    CachePolicyConfig p;
    http::Request a;
    http::Request b;
    bool same;
  };
  const auto optimized = *managedCachePolicy("CachingOptimized");
  const auto amplify = *managedCachePolicy("Amplify");
  const std::vector<Row> rows = {
      {"no query strings in key: query ignored", policy({Behavior::None, {}}), req("v=1"), req("v=2"),
       true},
      {"all query strings: value matters", policy({Behavior::All, {}}), req("v=1"), req("v=2"), false},
      {"all query strings: order matters (CloudFront keeps viewer order)", policy({Behavior::All, {}}),
       req("a=1&b=2"), req("b=2&a=1"), false},
      {"all query strings: case matters", policy({Behavior::All, {}}), req("a=x"), req("A=x"), false},
      {"all query strings: empty segments dropped", policy({Behavior::All, {}}), req("a=1&&b=2"),
       req("a=1&b=2"), true},
      {"allow-list: other params ignored", policy({Behavior::AllowList, {"v"}}), req("v=1&utm=a"),
       req("utm=b&v=1"), true},
      {"all-except: excepted params ignored", policy({Behavior::AllExcept, {"utm"}}), req("v=1&utm=a"),
       req("v=1&utm=b"), true},
      {"path is case-sensitive", policy({Behavior::None, {}}), req("", {}, "/A.jpg"),
       req("", {}, "/a.jpg"), false},
      {"host is case-insensitive (RFC 3986 §3.2.2)", policy({Behavior::None, {}}),
       req("", {}, "/a", "D1.CloudFront.net"), req("", {}, "/a", "d1.cloudfront.net"), true},
      {"different hosts differ", policy({Behavior::None, {}}), req("", {}, "/a", "a.example"),
       req("", {}, "/a", "b.example"), false},
      {"headers outside the key ignored", policy({Behavior::None, {}}), req("", {{"User-Agent", "x"}}),
       req("", {{"User-Agent", "y"}}), true},
      {"listed header value matters", policy({Behavior::None, {}}, {Behavior::AllowList, {"X-Device"}}),
       req("", {{"X-Device", "a"}}), req("", {{"x-device", "b"}}), false},
      {"listed header name case-insensitive", policy({Behavior::None, {}}, {Behavior::AllowList, {"X-Device"}}),
       req("", {{"X-DEVICE", "a"}}), req("", {{"x-device", "a"}}), true},
      {"listed header absent vs empty differ", policy({Behavior::None, {}}, {Behavior::AllowList, {"X-Device"}}),
       req("", {}), req("", {{"X-Device", ""}}), false},
      {"CachingOptimized: 'gzip, br' and 'br,gzip' normalise alike", optimized,
       req("", {{"Accept-Encoding", "gzip, deflate, br"}}),
       req("", {{"Accept-Encoding", "br,gzip"}}), true},
      {"CachingOptimized: gzip-only differs from both", optimized,
       req("", {{"Accept-Encoding", "gzip"}}), req("", {{"Accept-Encoding", "gzip, br"}}), false},
      {"CachingOptimized: deflate-only equals no header", optimized,
       req("", {{"Accept-Encoding", "deflate"}}), req("", {}), true},
      {"CachingOptimized: query and cookies ignored", optimized, req("v=1", {{"Cookie", "a=1"}}),
       req("v=2", {{"Cookie", "a=2"}}), true},
      {"no encoding flags: Accept-Encoding ignored", policy({Behavior::None, {}}),
       req("", {{"Accept-Encoding", "gzip"}}), req("", {{"Accept-Encoding", "br"}}), true},
      {"cookies: order does not matter (RFC 6265 §5.4)", policy({Behavior::None, {}}, {}, {Behavior::All, {}}),
       req("", {{"Cookie", "a=1; b=2"}}), req("", {{"Cookie", "b=2;a=1"}}), true},
      {"cookies: split Cookie fields equal one field", policy({Behavior::None, {}}, {}, {Behavior::All, {}}),
       req("", {{"Cookie", "a=1"}, {"Cookie", "b=2"}}), req("", {{"Cookie", "a=1; b=2"}}), true},
      {"cookies: value matters", policy({Behavior::None, {}}, {}, {Behavior::All, {}}),
       req("", {{"Cookie", "a=1"}}), req("", {{"Cookie", "a=2"}}), false},
      {"cookies: names are case-sensitive", policy({Behavior::None, {}}, {}, {Behavior::All, {}}),
       req("", {{"Cookie", "a=1"}}), req("", {{"Cookie", "A=1"}}), false},
      {"cookie allow-list ignores others", policy({Behavior::None, {}}, {}, {Behavior::AllowList, {"s"}}),
       req("", {{"Cookie", "s=1; t=2"}}), req("", {{"Cookie", "t=3; s=1"}}), true},
      {"cookie all-except ignores excepted", policy({Behavior::None, {}}, {}, {Behavior::AllExcept, {"t"}}),
       req("", {{"Cookie", "s=1; t=2"}}), req("", {{"Cookie", "s=1"}}), true},
      {"Amplify: Authorization in the key", amplify, req("", {{"Authorization", "a"}}),
       req("", {{"Authorization", "b"}}), false},
      {"Amplify: User-Agent outside the key", amplify, req("", {{"User-Agent", "a"}}),
       req("", {{"User-Agent", "b"}}), true},
      {"parts cannot run into each other", policy({Behavior::All, {}}), req("", {}, "/a?b"),
       req("b", {}, "/a"), false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.rule, cacheKeyString(row.a, row.p), cacheKeyString(row.b, row.p));
    CHECK((cacheKeyHash(row.a, row.p) == cacheKeyHash(row.b, row.p)) == row.same);
    if (std::string(row.rule) != "parts cannot run into each other") {
      CHECK((cacheKeyString(row.a, row.p) == cacheKeyString(row.b, row.p)) == row.same);
    }
  }
}

TEST_CASE("the key hash is stable across machines and runs (golden value, mum mix + fmix64)",
          "[cache][key]") {
  // Regenerate only on a deliberate change of the key format: the value is part of trace outputs.
  auto p = *managedCachePolicy("CachingOptimized");
  const auto h = cacheKeyHash(req("", {{"Accept-Encoding", "gzip, br"}}), p);
  CHECK(h == cacheKeyHash(req("x=1", {{"Accept-Encoding", "br, gzip"}}), p));
  CHECK(h != cacheKeyHash(req("", {}), p));
  CHECK(h == 0x8e0e279090c92008ULL);
}

TEST_CASE(
    "the origin gets the query-string segments the key includes, in viewer order "
    "(DG/understanding-the-cache-key.html)",
    "[cache][key][query]") {
  auto [items, query, want] = GENERATE(table<KeyItems, std::string, std::string>({
      {{Behavior::None, {}}, "a=1&b=2", ""},
      {{Behavior::All, {}}, "b=2&&a=1&", "b=2&a=1"},
      {{Behavior::AllowList, {"a", "c"}}, "c=3&b=2&a=1", "c=3&a=1"},
      {{Behavior::AllExcept, {"utm"}}, "utm=x&v=1&utm=y&w", "v=1&w"},
  }));
  std::string out;
  appendKeyQuery(query, items, out);
  CHECK(out == want);
}

}  // namespace cdnsim::core::cache
