// Cache key construction: Accept-Encoding normalisation, the hash and the readable string.
// Both forms walk the request through one routine (walkKey), so they cannot disagree on what
// is in the key.

#include "core/cache/cache_key.h"

#include <algorithm>
#include <vector>

#include "core/http/field_syntax.h"

namespace cdnsim::core::cache {

namespace {

using http::asciiLower;
using http::trimOws;

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
// True only for a well-formed zero; anything malformed counts as acceptable (lenient).
bool isZeroQ(std::string_view q) {
  q = trimOws(q);
  if (q.empty() || q.front() != '0') return false;
  q.remove_prefix(1);
  if (q.empty()) return true;
  if (q.front() != '.') return false;
  q.remove_prefix(1);
  if (q.size() > 3) return false;
  return std::all_of(q.begin(), q.end(), [](char c) { return c == '0'; });
}

struct Accepted {
  bool gzip = false;
  bool br = false;
};

void scanAcceptEncoding(std::string_view value, Accepted& acc) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    std::string_view item = value.substr(0, comma);
    value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string_view coding = trimOws(item.substr(0, semi));
    bool zero = false;
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      while (!params.empty()) {
        const auto next = params.find(';');
        const std::string_view param = trimOws(params.substr(0, next));
        params = next == std::string_view::npos ? std::string_view{} : params.substr(next + 1);
        const auto eq = param.find('=');
        if (eq != std::string_view::npos &&
            http::equalsIgnoreCase(trimOws(param.substr(0, eq)), "q")) {
          zero = isZeroQ(param.substr(eq + 1));
        }
      }
    }
    if (http::equalsIgnoreCase(coding, "gzip")) acc.gzip = acc.gzip || !zero;
    if (http::equalsIgnoreCase(coding, "br")) acc.br = acc.br || !zero;
  }
}

NormalizedEncoding combine(Accepted acc, bool gzipEnabled, bool brotliEnabled) {
  const bool g = acc.gzip && gzipEnabled;
  const bool b = acc.br && brotliEnabled;
  if (g && b) return NormalizedEncoding::BrotliGzip;
  if (b) return NormalizedEncoding::Brotli;
  if (g) return NormalizedEncoding::Gzip;
  return NormalizedEncoding::None;
}

bool listed(const std::vector<std::string>& names, std::string_view encodedName) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return percentDecodedEquals(encodedName, n); });
}

bool queryIncluded(const KeyItems& items, std::string_view encodedName) {
  switch (items.behavior) {
    case KeyBehavior::None:
      return false;
    case KeyBehavior::All:
      return true;
    case KeyBehavior::AllowList:
      return listed(items.names, encodedName);
    case KeyBehavior::AllExcept:
      return !listed(items.names, encodedName);
  }
  return false;
}

bool cookieIncluded(const KeyItems& items, std::string_view name) {
  auto inList = [&] {
    return std::find(items.names.begin(), items.names.end(), name) != items.names.end();
  };
  switch (items.behavior) {
    case KeyBehavior::None:
      return false;
    case KeyBehavior::All:
      return true;
    case KeyBehavior::AllowList:
      return inList();
    case KeyBehavior::AllExcept:
      return !inList();
  }
  return false;
}

// Walks every part of the key in its fixed order and hands it to the sink.
template <typename Sink>
void walkKey(const http::Request& r, const CachePolicyConfig& p, Sink& sink) {
  // DG/understanding-the-cache-key.html: OPTIONS responses are cached apart from GET/HEAD.
  sink.method(r.method == "OPTIONS");
  sink.host(r.host);
  sink.path(r.path);
  if (p.queryStrings.behavior != KeyBehavior::None) {
    forEachQueryParam(r.query, [&](const QueryParam& q) {
      if (queryIncluded(p.queryStrings, q.name)) sink.query(q.raw);
    });
  }
  if (p.enableAcceptEncodingGzip || p.enableAcceptEncodingBrotli) {
    const auto enc = normalizeAcceptEncoding(r.headers, p.enableAcceptEncodingGzip,
                                             p.enableAcceptEncodingBrotli);
    if (enc != NormalizedEncoding::None) sink.encoding(toString(enc));
  }
  if (p.headers.behavior == KeyBehavior::AllowList) {
    for (const auto& name : p.headers.names) {
      for (const auto& f : r.headers.fields()) {
        if (http::equalsIgnoreCase(f.name, name)) sink.header(name, f.value);
      }
    }
  }
  if (p.cookies.behavior != KeyBehavior::None) {
    sink.cookies([&](auto&& emit) {
      for (const auto& f : r.headers.fields()) {
        if (!http::equalsIgnoreCase(f.name, "Cookie")) continue;
        forEachCookie(f.value, [&](const CookiePair& c) {
          if (cookieIncluded(p.cookies, c.name)) emit(c);
        });
      }
    });
  }
}

// The key hash: 8 bytes per step, each word folded in with a 64x64->128-bit multiply
// (the "mum" mix of wyhash, Wang Yi 2019) and a final avalanche. Words are assembled from bytes
// in little-endian order explicitly, so every machine gets the same value.
class KeyHasher {
 public:
  KeyHasher() = default;
  explicit KeyHasher(std::uint64_t state) : h_(state) {}
  std::uint64_t state() const { return h_; }

  // A tagged, length-prefixed part: parts never run into each other. A part may come in pieces;
  // the words are those of the pieces' concatenation.
  void part(char tag, std::string_view s) { part(tag, {s}); }
  void part(char tag, std::initializer_list<std::string_view> pieces) {
    std::size_t size = 0;
    for (const auto piece : pieces) size += piece.size();
    word(static_cast<std::uint64_t>(static_cast<unsigned char>(tag)) | (std::uint64_t(size) << 8));
    std::uint64_t pending = 0;  // bytes not yet folded in, little-endian
    std::size_t count = 0;      // how many
    for (const auto piece : pieces) {
      std::size_t i = 0;
      while (i < piece.size()) {
        if (count == 0 && piece.size() - i >= 8) {
          word(load(piece.data() + i, 8));
          i += 8;
          continue;
        }
        pending |= static_cast<std::uint64_t>(static_cast<unsigned char>(piece[i++])) << (8 * count);
        if (++count == 8) {
          word(pending);
          pending = 0;
          count = 0;
        }
      }
    }
    if (count > 0) word(pending ^ (std::uint64_t(count) << 59));
  }
  // The same with ASCII letters folded to lower case (host names, header names).
  void lowerPart(char tag, std::string_view s) {
    word(static_cast<std::uint64_t>(static_cast<unsigned char>(tag)) |
         (std::uint64_t(s.size()) << 8));
    char buf[64];
    while (!s.empty()) {
      const std::size_t n = s.size() < sizeof(buf) ? s.size() : sizeof(buf);
      for (std::size_t i = 0; i < n; ++i) buf[i] = asciiLower(s[i]);
      bytes(std::string_view(buf, n));
      s.remove_prefix(n);
    }
  }
  void word(std::uint64_t w) { h_ = mum(h_ ^ w, 0x9E3779B97F4A7C15ULL); }
  std::uint64_t digest() const {
    std::uint64_t k = h_;  // murmur3 fmix64: every input bit reaches every output bit
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDULL;
    k ^= k >> 33;
    k *= 0xC4CEB9FE1A85EC53ULL;
    k ^= k >> 33;
    return k;
  }

 private:
  static std::uint64_t mum(std::uint64_t a, std::uint64_t b) {
    const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
  }
  static std::uint64_t load(const char* p, std::size_t n) {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i) {
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    }
    return w;
  }
  void bytes(std::string_view s) {
    const char* p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) word(load(p, 8));
    if (n > 0) word(load(p, n) ^ (std::uint64_t(n) << 59));
  }
  std::uint64_t h_ = 0x243F6A8885A308D3ULL;  // pi's fraction: any fixed non-zero start
};

// One cookie's own finished hash; the key holds their sum (order-insensitive).
std::uint64_t oneCookieHash(std::string_view name, std::string_view value) {
  KeyHasher one;
  one.part('n', name);
  one.part('v', value);
  return one.digest();
}

// The hash of each part, once: cacheKeyHash walks a request through it, CacheKeyHasher feeds it
// parts directly.
struct HashSink {
  KeyHasher h;
  void method(bool options) { h.word(options ? 'O' : 'G'); }
  void host(std::string_view s) { h.lowerPart('H', s); }  // case-insensitive (RFC 3986 §3.2.2)
  void path(std::string_view s) { h.part('P', s); }
  void query(std::string_view raw) { h.part('Q', raw); }
  void queryPieces(std::initializer_list<std::string_view> raw) { h.part('Q', raw); }
  void encoding(std::string_view e) { h.part('E', e); }
  void header(std::string_view name, std::string_view value) {
    h.lowerPart('h', name);
    h.part('=', value);
  }
  void cookieTotals(std::uint64_t count, std::uint64_t sum) {
    h.word('C' | (count << 8));
    h.word(sum);
  }
  template <typename Walk>
  void cookies(Walk&& walk) {
    // Order-insensitive: the sum of each cookie's own finished hash, plus the count.
    std::uint64_t sum = 0;
    std::uint64_t count = 0;
    walk([&](const CookiePair& c) {
      sum += oneCookieHash(c.name, c.value);
      ++count;
    });
    cookieTotals(count, sum);
  }
};

struct StringSink {
  std::string& out;
  void method(bool options) {
    if (options) out.append("OPTIONS ");
  }
  void host(std::string_view s) {
    for (char c : s) out.push_back(asciiLower(c));
  }
  void path(std::string_view s) { out.append(s); }
  bool firstQuery = true;
  void query(std::string_view raw) {
    out.push_back(firstQuery ? '?' : '&');
    firstQuery = false;
    out.append(raw);
  }
  void encoding(std::string_view e) { out.append("|ae:").append(e); }
  void header(std::string_view name, std::string_view value) {
    out.append("|h:");
    for (char c : name) out.push_back(asciiLower(c));
    out.push_back('=');
    out.append(value);
  }
  template <typename Walk>
  void cookies(Walk&& walk) {
    std::vector<CookiePair> all;
    walk([&](const CookiePair& c) { all.push_back(c); });
    std::sort(all.begin(), all.end(), [](const CookiePair& a, const CookiePair& b) {
      return a.name != b.name ? a.name < b.name : a.value < b.value;
    });
    for (const auto& c : all) {
      out.append("|c:").append(c.name).push_back('=');
      out.append(c.value);
    }
  }
};

}  // namespace

std::string_view toString(NormalizedEncoding e) {
  switch (e) {
    case NormalizedEncoding::None:
      return "";
    case NormalizedEncoding::Gzip:
      return "gzip";
    case NormalizedEncoding::Brotli:
      return "br";
    case NormalizedEncoding::BrotliGzip:
      return "br,gzip";
  }
  return "";
}

std::string_view originAcceptEncoding(NormalizedEncoding e) {
  return e == NormalizedEncoding::None ? std::string_view("identity") : toString(e);
}

NormalizedEncoding normalizeAcceptEncoding(std::string_view value, bool gzipEnabled,
                                           bool brotliEnabled) {
  Accepted acc;
  scanAcceptEncoding(value, acc);
  return combine(acc, gzipEnabled, brotliEnabled);
}

NormalizedEncoding normalizeAcceptEncoding(const http::Headers& headers, bool gzipEnabled,
                                           bool brotliEnabled) {
  Accepted acc;
  for (const auto& f : headers.fields()) {
    if (http::equalsIgnoreCase(f.name, "Accept-Encoding")) scanAcceptEncoding(f.value, acc);
  }
  return combine(acc, gzipEnabled, brotliEnabled);
}

bool percentDecodedEquals(std::string_view encoded, std::string_view plain) {
  std::size_t j = 0;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    char c = encoded[i];
    if (c == '%' && i + 2 < encoded.size()) {
      const int hi = hexValue(encoded[i + 1]);
      const int lo = hexValue(encoded[i + 2]);
      if (hi >= 0 && lo >= 0) {
        c = static_cast<char>(hi * 16 + lo);
        i += 2;
      }
    }
    if (j >= plain.size() || plain[j] != c) return false;
    ++j;
  }
  return j == plain.size();
}

void appendKeyQuery(std::string_view query, const KeyItems& queryStrings, std::string& out) {
  if (queryStrings.behavior == KeyBehavior::None) return;
  bool first = true;
  forEachQueryParam(query, [&](const QueryParam& q) {
    if (!queryIncluded(queryStrings, q.name)) return;
    if (!first) out.push_back('&');
    first = false;
    out.append(q.raw);
  });
}

bool keyIncludesQuery(const KeyItems& queryStrings, std::string_view encodedName) {
  return queryIncluded(queryStrings, encodedName);
}

bool keyIncludesCookie(const KeyItems& cookies, std::string_view name) {
  return cookieIncluded(cookies, name);
}

CacheKeyHasher::CacheKeyHasher(bool options, std::string_view host, std::string_view path) {
  HashSink sink;
  sink.method(options);
  sink.host(host);
  sink.path(path);
  h_ = sink.h.state();
}

void CacheKeyHasher::query(std::initializer_list<std::string_view> rawPieces) {
  HashSink sink{KeyHasher(h_)};
  sink.queryPieces(rawPieces);
  h_ = sink.h.state();
}

void CacheKeyHasher::encoding(NormalizedEncoding e) {
  HashSink sink{KeyHasher(h_)};
  sink.encoding(toString(e));
  h_ = sink.h.state();
}

void CacheKeyHasher::header(std::string_view policyName, std::string_view value) {
  HashSink sink{KeyHasher(h_)};
  sink.header(policyName, value);
  h_ = sink.h.state();
}

void CacheKeyHasher::cookies(std::uint64_t count, std::uint64_t sumOfCookieHashes) {
  HashSink sink{KeyHasher(h_)};
  sink.cookieTotals(count, sumOfCookieHashes);
  h_ = sink.h.state();
}

std::uint64_t CacheKeyHasher::cookieHash(std::string_view name, std::string_view value) {
  return oneCookieHash(name, value);
}

CacheKeyHash CacheKeyHasher::finish() const { return KeyHasher(h_).digest(); }

CacheKeyHash cacheKeyHash(const http::Request& request, const CachePolicyConfig& policy) {
  HashSink sink;
  walkKey(request, policy, sink);
  return sink.h.digest();
}

void appendCacheKeyString(const http::Request& request, const CachePolicyConfig& policy,
                          std::string& out) {
  StringSink sink{out};
  walkKey(request, policy, sink);
}

std::string cacheKeyString(const http::Request& request, const CachePolicyConfig& policy) {
  std::string out;
  appendCacheKeyString(request, policy, out);
  return out;
}

}  // namespace cdnsim::core::cache
