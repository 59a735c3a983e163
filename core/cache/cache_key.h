#pragma once
// The cache key: which viewer requests share one cached object
// (DG/understanding-the-cache-key.html). The key is the distribution's host and the URL path (plus
// the method for OPTIONS), then what the cache policy adds: the normalised Accept-Encoding, listed
// headers, cookies and query strings. Two requests that differ only outside the key share one
// entry.
//
// Two forms of the same key:
// - cacheKeyHash(): the identity used by the cache store, 64 bits, computed by streaming the parts
//   8 bytes at a time through a multiply-fold mix (wyhash's "mum") with a final avalanche. No
//   allocation; the same on every machine (no std::hash). Each part is tagged and
//   length-prefixed, so parts cannot run into each other.
// - appendCacheKeyString(): a readable canonical string for traces and `cdnsim explain`, e.g.
//   `d111.cloudfront.net/a.jpg?size=L|ae:br,gzip|h:authorization=x|c:session=1`.
//   It is for people; equality is decided by the hash.
//
// Ordering rules (what CloudFront does where we know it):
// - Query strings keep the viewer's order, and names and values are case-sensitive: the guide's
//   advice is to send parameters in one order and one case to raise the hit ratio, and it ships a
//   CloudFront Function that sorts them for that reason (DG/QueryStringParameters.html,
//   DG/example-function-normalize-query-string.html). Empty segments (`a=1&&b=2`) are dropped:
//   unverified, chosen because they carry no parameter.
// - Headers come in the policy's list order, names case-insensitive (RFC 9110 §5.1), values as
// sent.
// - Cookies are order-insensitive (sorted in the string, summed in the hash): RFC 6265 §5.4 lets
//   user agents order cookies as they like, so the order carries no meaning. Unverified for
//   CloudFront. Cookie names and values are case-sensitive.
// - Allow/except lists match query-string names after percent-decoding (`%73ize` is `size`);
//   the key keeps the raw segment. Unverified.

#include <fmt/format.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/cache/cache_policy.h"
#include "core/http/message.h"

namespace cdnsim::core::cache {

using CacheKeyHash = std::uint64_t;

// The Accept-Encoding value CloudFront puts in the key and sends to the origin when a policy has
// enableAcceptEncodingGzip/Brotli (DG/ServingCompressedFiles.html, CLOUDFRONT.md §7).
enum class NormalizedEncoding : std::uint8_t {
  None,        // neither accepted (or neither enabled): not in the key; origin gets `identity`
  Gzip,        // `gzip`
  Brotli,      // `br`
  BrotliGzip,  // both accepted: `br,gzip`
};

// "", "gzip", "br", "br,gzip".
std::string_view toString(NormalizedEncoding e);
// The Accept-Encoding sent to the origin: the normalised value, or "identity" for None.
std::string_view originAcceptEncoding(NormalizedEncoding e);

// Normalises one Accept-Encoding field value. Tokens are case-insensitive (RFC 9110 §8.4.1);
// a coding with q=0 is not acceptable (RFC 9110 §12.4.2, §12.5.3); `*` and other codings are
// ignored (only explicit gzip/br count: unverified for `*`). Never throws on junk.
NormalizedEncoding normalizeAcceptEncoding(std::string_view value, bool gzipEnabled,
                                           bool brotliEnabled);
// Same over every Accept-Encoding field of a request (a list may be split across fields).
NormalizedEncoding normalizeAcceptEncoding(const http::Headers& headers, bool gzipEnabled,
                                           bool brotliEnabled);

// One `name[=value]` segment of a query string; views into the query.
struct QueryParam {
  std::string_view raw;    // the whole segment as sent
  std::string_view name;   // before the first '=' (still percent-encoded)
  std::string_view value;  // after the first '='; empty when there is none
  bool hasValue = false;   // whether there was an '='
};

// Calls f(const QueryParam&) for every non-empty '&'-separated segment, in order.
template <typename F>
void forEachQueryParam(std::string_view query, F&& f) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view seg = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (seg.empty()) continue;
    QueryParam p;
    p.raw = seg;
    const auto eq = seg.find('=');
    p.name = seg.substr(0, eq);
    if (eq != std::string_view::npos) {
      p.value = seg.substr(eq + 1);
      p.hasValue = true;
    }
    f(static_cast<const QueryParam&>(p));
  }
}

// One cookie from a Cookie header (RFC 6265 §4.2.1, parsed leniently as in §5.4 / §5.2):
// pairs split on ';', blanks trimmed, the name before the first '='. Pairs with no '=' or an
// empty name are skipped.
struct CookiePair {
  std::string_view name;
  std::string_view value;
};

template <typename F>
void forEachCookie(std::string_view header, F&& f) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  while (!header.empty()) {
    const auto semi = header.find(';');
    const std::string_view seg = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    const auto eq = seg.find('=');
    if (eq == std::string_view::npos) continue;
    CookiePair c{trim(seg.substr(0, eq)), trim(seg.substr(eq + 1))};
    if (c.name.empty()) continue;
    f(static_cast<const CookiePair&>(c));
  }
}

// Whether `encoded`, percent-decoded, equals `plain` byte for byte. Malformed escapes (`%zz`,
// a trailing `%`) stand for themselves. No allocation.
bool percentDecodedEquals(std::string_view encoded, std::string_view plain);

// The key's identity. Cost: one pass over the request's key parts; no allocation.
CacheKeyHash cacheKeyHash(const http::Request& request, const CachePolicyConfig& policy);

// Whether the policy puts a query-string parameter (its name as sent, percent-encoded) or a cookie
// in the key: the tests cacheKeyHash applies to each one.
bool keyIncludesQuery(const KeyItems& queryStrings, std::string_view encodedName);
bool keyIncludesCookie(const KeyItems& cookies, std::string_view name);

// The same hash built part by part, for a caller that knows a request's parts without holding it
// as an http::Request: the simulator hashes the fixed head of an object's key (method class, host,
// path) once, keeps state(), and per request resumes from it and adds the parts that vary.
// cacheKeyHash is this class fed by walking a request, so feeding the parts it would take, in its
// order and filtered as it filters them, gives exactly cacheKeyHash (cache_key_test.cc checks it):
//   1. query segments the policy includes (keyIncludesQuery), in the viewer's order;
//   2. encoding(), when the policy enables gzip or br and the normalised value is not None;
//   3. header() for each name of the policy's header allow-list, in the list's order, once per
//      request field of that name, in the request's order;
//   4. cookies() once when the policy keys on cookies (behaviour not None), even with none sent.
// No allocation; a part may be given in pieces so that "name=value" need not be built.
class CacheKeyHasher {
 public:
  // The head every key starts with. `options`: the method is OPTIONS (cached apart from GET/HEAD).
  CacheKeyHasher(bool options, std::string_view host, std::string_view path);
  // Continues from a state() taken earlier.
  static CacheKeyHasher resume(std::uint64_t state) { return CacheKeyHasher(state); }
  std::uint64_t state() const { return h_; }

  // One raw query segment ("name=value" as sent), given as consecutive pieces.
  void query(std::initializer_list<std::string_view> rawPieces);
  void encoding(NormalizedEncoding e);
  // `policyName` as the policy lists it (folded to lower case), the field's value as sent.
  void header(std::string_view policyName, std::string_view value);
  // The included cookies: how many, and the sum of their cookieHash() (order does not matter).
  void cookies(std::uint64_t count, std::uint64_t sumOfCookieHashes);
  static std::uint64_t cookieHash(std::string_view name, std::string_view value);

  CacheKeyHash finish() const;

 private:
  explicit CacheKeyHasher(std::uint64_t state) : h_(state) {}
  std::uint64_t h_;
};

// The readable form (see the file comment). Appends to `out`.
void appendCacheKeyString(const http::Request& request, const CachePolicyConfig& policy,
                          std::string& out);
std::string cacheKeyString(const http::Request& request, const CachePolicyConfig& policy);

// The query string sent to the origin on a miss: the segments the key includes, in the viewer's
// order, joined by '&' (DG/understanding-the-cache-key.html: values in the cache key are also
// sent to the origin; an origin request policy may add more, which is not modelled here).
void appendKeyQuery(std::string_view query, const KeyItems& queryStrings, std::string& out);

}  // namespace cdnsim::core::cache

template <>
struct fmt::formatter<cdnsim::core::cache::NormalizedEncoding> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(cdnsim::core::cache::NormalizedEncoding e, FormatContext& ctx) const {
    const auto s = cdnsim::core::cache::toString(e);
    return fmt::formatter<std::string_view>::format(s.empty() ? std::string_view("none") : s, ctx);
  }
};
