// Cache key construction: Accept-Encoding normalisation, the hash and the readable string.
// Both forms walk the request through one routine (walkKey), so they cannot disagree on what
// is in the key.

#include "core/cache/cache_key.h"

#include <algorithm>
#include <vector>

namespace cdnsim::core::cache {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

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
        if (eq != std::string_view::npos && http::equalsIgnoreCase(trimOws(param.substr(0, eq)), "q")) {
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
    case KeyBehavior::None: return false;
    case KeyBehavior::All: return true;
    case KeyBehavior::AllowList: return listed(items.names, encodedName);
    case KeyBehavior::AllExcept: return !listed(items.names, encodedName);
  }
  return false;
}

bool cookieIncluded(const KeyItems& items, std::string_view name) {
  auto inList = [&] {
    return std::find(items.names.begin(), items.names.end(), name) != items.names.end();
  };
  switch (items.behavior) {
    case KeyBehavior::None: return false;
    case KeyBehavior::All: return true;
    case KeyBehavior::AllowList: return inList();
    case KeyBehavior::AllExcept: return !inList();
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

// FNV-1a 64 (Fowler, Noll, Vo) with a murmur3 fmix64 finaliser so that the low bits a hash
// table uses depend on every input byte.
class Fnv64 {
 public:
  void byte(unsigned char b) {
    h_ ^= b;
    h_ *= 0x100000001B3ULL;
  }
  void bytes(std::string_view s) {
    for (char c : s) byte(static_cast<unsigned char>(c));
  }
  void lowerBytes(std::string_view s) {
    for (char c : s) byte(static_cast<unsigned char>(lower(c)));
  }
  void number(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(v >> (8 * i)));
  }
  // A tagged, length-prefixed part: parts never run into each other.
  void part(char tag, std::string_view s) {
    byte(static_cast<unsigned char>(tag));
    number(s.size());
    bytes(s);
  }
  std::uint64_t raw() const { return h_; }
  static std::uint64_t fmix(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDULL;
    k ^= k >> 33;
    k *= 0xC4CEB9FE1A85EC53ULL;
    k ^= k >> 33;
    return k;
  }
  std::uint64_t digest() const { return fmix(h_); }

 private:
  std::uint64_t h_ = 0xCBF29CE484222325ULL;
};

struct HashSink {
  Fnv64 h;
  void method(bool options) { h.byte(options ? 'O' : 'G'); }
  void host(std::string_view s) {
    h.byte('H');
    h.number(s.size());
    h.lowerBytes(s);  // host names are case-insensitive (RFC 3986 §3.2.2)
  }
  void path(std::string_view s) { h.part('P', s); }
  void query(std::string_view raw) { h.part('Q', raw); }
  void encoding(std::string_view e) { h.part('E', e); }
  void header(std::string_view name, std::string_view value) {
    h.byte('h');
    h.number(name.size());
    h.lowerBytes(name);
    h.part('=', value);
  }
  template <typename Walk>
  void cookies(Walk&& walk) {
    // Order-insensitive: the sum of each cookie's own mixed hash, plus the count.
    std::uint64_t sum = 0;
    std::uint64_t count = 0;
    walk([&](const CookiePair& c) {
      Fnv64 one;
      one.part('n', c.name);
      one.part('v', c.value);
      sum += one.digest();
      ++count;
    });
    h.byte('C');
    h.number(count);
    h.number(sum);
  }
};

struct StringSink {
  std::string& out;
  void method(bool options) {
    if (options) out.append("OPTIONS ");
  }
  void host(std::string_view s) {
    for (char c : s) out.push_back(lower(c));
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
    for (char c : name) out.push_back(lower(c));
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
    case NormalizedEncoding::None: return "";
    case NormalizedEncoding::Gzip: return "gzip";
    case NormalizedEncoding::Brotli: return "br";
    case NormalizedEncoding::BrotliGzip: return "br,gzip";
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
