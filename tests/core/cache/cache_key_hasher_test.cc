// CacheKeyHasher: the key hash built part by part equals cacheKeyHash of the whole request, for
// requests and policies drawn at random (query strings, Accept-Encoding, listed headers, cookies,
// OPTIONS), with parts split into pieces at random places.

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/cache/cache_key.h"

namespace cdnsim::core::cache {

namespace {

// A small deterministic generator (SplitMix64), so that the test needs nothing from sim/.
struct TestRandom {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
};

const std::vector<std::string> kNames{"utm_source", "v", "size", "%73ize", "lang", "id", "a"};
const std::vector<std::string> kValues{"", "1", "google", "x-y_z", "0123456789abcdefghij", "L"};
const std::vector<std::string> kEncodings{"gzip, deflate, br", "gzip", "br", "identity", "deflate"};
const std::vector<std::string> kHeaderNames{"Accept-Language", "User-Agent", "X-Device", "Origin"};
const std::vector<std::string> kCookieNames{"session", "theme", "ab", "id"};

KeyItems randomItems(TestRandom& rnd, const std::vector<std::string>& names, bool headers) {
  KeyItems items;
  const auto b = rnd.below(4);
  items.behavior = headers ? (b < 2 ? KeyBehavior::None : KeyBehavior::AllowList)
                           : static_cast<KeyBehavior>(b);
  if (items.behavior == KeyBehavior::AllowList || items.behavior == KeyBehavior::AllExcept) {
    const auto n = 1 + rnd.below(3);
    for (std::size_t i = 0; i < n; ++i) items.names.push_back(rnd.pick(names));
  }
  return items;
}

// Splits `s` into up to three pieces at random places.
std::vector<std::string> pieces(TestRandom& rnd, const std::string& s) {
  const std::size_t a = s.empty() ? 0 : rnd.below(s.size() + 1);
  const std::size_t b = a + (s.size() == a ? 0 : rnd.below(s.size() - a + 1));
  return {s.substr(0, a), s.substr(a, b - a), s.substr(b)};
}

// Feeds the hasher the parts of `r`, following the order documented on CacheKeyHasher (written
// here independently of cache_key.cc's walk).
CacheKeyHash partByPart(TestRandom& rnd, const http::Request& r, const CachePolicyConfig& p) {
  CacheKeyHasher h(r.method == "OPTIONS", r.host, r.path);
  // Resuming from a saved state changes nothing.
  h = CacheKeyHasher::resume(h.state());
  if (p.queryStrings.behavior != KeyBehavior::None) {
    forEachQueryParam(r.query, [&](const QueryParam& q) {
      if (!keyIncludesQuery(p.queryStrings, q.name)) return;
      const auto parts = pieces(rnd, std::string(q.raw));
      h.query({parts[0], parts[1], parts[2]});
    });
  }
  if (p.enableAcceptEncodingGzip || p.enableAcceptEncodingBrotli) {
    const auto e = normalizeAcceptEncoding(r.headers, p.enableAcceptEncodingGzip,
                                           p.enableAcceptEncodingBrotli);
    if (e != NormalizedEncoding::None) h.encoding(e);
  }
  if (p.headers.behavior == KeyBehavior::AllowList) {
    for (const auto& name : p.headers.names) {
      for (const auto& f : r.headers.fields()) {
        if (http::equalsIgnoreCase(f.name, name)) h.header(name, f.value);
      }
    }
  }
  if (p.cookies.behavior != KeyBehavior::None) {
    std::uint64_t count = 0, sum = 0;
    for (const auto& f : r.headers.fields()) {
      if (!http::equalsIgnoreCase(f.name, "Cookie")) continue;
      forEachCookie(f.value, [&](const CookiePair& c) {
        if (!keyIncludesCookie(p.cookies, c.name)) return;
        ++count;
        sum += CacheKeyHasher::cookieHash(c.name, c.value);
      });
    }
    h.cookies(count, sum);
  }
  return h.finish();
}

}  // namespace

TEST_CASE("CacheKeyHasher fed part by part equals cacheKeyHash of the whole request",
          "[cache][key][hasher]") {
  TestRandom rnd{20261204};
  int differentKeys = 0;
  for (int round = 0; round < 3000; ++round) {
    CachePolicyConfig policy;
    policy.queryStrings = randomItems(rnd, kNames, false);
    policy.headers = randomItems(rnd, kHeaderNames, true);
    policy.cookies = randomItems(rnd, kCookieNames, false);
    policy.enableAcceptEncodingGzip = rnd.below(2) == 0;
    policy.enableAcceptEncodingBrotli = rnd.below(2) == 0;

    http::Request r;
    r.method = rnd.below(5) == 0 ? "OPTIONS" : (rnd.below(2) == 0 ? "GET" : "HEAD");
    r.host = rnd.below(2) == 0 ? "d111111abcdef8.cloudfront.net" : "D111111ABCDEF8.cloudfront.net";
    r.path = "/img/" + std::to_string(rnd.below(1000)) + (rnd.below(3) == 0 ? "-a-long-name.jpg" : "");
    const auto params = rnd.below(5);
    for (std::size_t i = 0; i < params; ++i) {
      if (!r.query.empty()) r.query += '&';
      r.query += rnd.pick(kNames) + "=" + rnd.pick(kValues);
    }
    if (rnd.below(2) == 0) r.headers.add("Accept-Encoding", rnd.pick(kEncodings));
    const auto headers = rnd.below(4);
    for (std::size_t i = 0; i < headers; ++i) r.headers.add(rnd.pick(kHeaderNames), rnd.pick(kValues));
    if (rnd.below(2) == 0) {
      std::string cookie;
      const auto n = 1 + rnd.below(3);
      for (std::size_t i = 0; i < n; ++i) {
        if (!cookie.empty()) cookie += "; ";
        cookie += rnd.pick(kCookieNames) + "=" + rnd.pick(kValues);
      }
      r.headers.add("Cookie", cookie);
    }
    CAPTURE(round, r.method, r.path, r.query, cacheKeyString(r, policy));
    const auto whole = cacheKeyHash(r, policy);
    REQUIRE(partByPart(rnd, r, policy) == whole);
    http::Request plain;
    plain.host = r.host;
    plain.path = r.path;
    differentKeys += whole != cacheKeyHash(plain, policy) ? 1 : 0;
  }
  // The variable parts did change many keys, so the equality above was not only of heads.
  CHECK(differentKeys > 1000);
}

TEST_CASE("a query segment given in pieces hashes as the whole segment", "[cache][key][hasher]") {
  CacheKeyHasher whole(false, "d.cloudfront.net", "/a");
  whole.query({"utm_source=newsletter-2026"});
  CacheKeyHasher split(false, "d.cloudfront.net", "/a");
  split.query({"utm_source", "=", "newsletter-2026"});
  CHECK(whole.finish() == split.finish());
  CacheKeyHasher other(false, "d.cloudfront.net", "/a");
  other.query({"utm_source", "=", "newsletter-2025"});
  CHECK(other.finish() != whole.finish());
}

}  // namespace cdnsim::core::cache
