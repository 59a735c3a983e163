// JSONL trace lines (see trace_line.h for the schema).

#include "core/record/trace_line.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "core/record/civil_time.h"
#include "core/record/text_append.h"
#include "core/record/text_writer.h"

namespace cdnsim::core::record {

namespace {

// Bytes a JSON string can hold as they are: printable ASCII but '"' and '\\' (RFC 8259 §7).
constexpr std::array<bool, 256> kJsonPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

// Length of the valid UTF-8 sequence starting at s[i] (RFC 3629 §4), or 0 if invalid.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // at most U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    const unsigned char min = k == 1 ? lo : 0x80;
    const unsigned char max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return 0;
  }
  return len;
}

// Whether any of the 16 bytes at `p` needs a closer look: a control byte (< 0x20), a non-ASCII
// byte, '"' or '\\'. GCC's portable vector extension compiles this to a handful of SSE2
// instructions per 16 bytes; most trace strings (ids, paths, header values) are clean throughout,
// and this scan was the largest cost of a trace line when it took 8-byte SWAR words.
bool blockNeedsCare(const char* p) {
  const Bytes16 v = loadBytes16(p);
  return anyLane((v < 0x20) | (v == '"') | (v == '\\'));
}

// The same test on the 8 bytes of `x` (SWAR, exact: see "Determine if a word has a byte less
// than n" in Sean Anderson's Bit Twiddling Hacks). For values shorter than a block.
bool wordNeedsCare(std::uint64_t x) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  auto hasLess = [](std::uint64_t v, std::uint64_t n) { return (v - kOnes * n) & ~v & kHigh; };
  const std::uint64_t quote = x ^ (kOnes * '"');
  const std::uint64_t backslash = x ^ (kOnes * '\\');
  return ((x & kHigh) | hasLess(x, 0x20) | hasLess(quote, 1) | hasLess(backslash, 1)) != 0;
}

// Writes `s` (shorter than 16 bytes, nothing to escape) quoted at `p`, if it is plain; returns
// the end, or null when some byte needs care. At most two overlapping word loads, no call.
char* writePlainShort(std::string_view s, char* p) {
  const std::size_t n = s.size();
  const char* src = s.data();
  *p = '"';
  if (n >= 8) {
    std::uint64_t a, b;
    std::memcpy(&a, src, 8);
    std::memcpy(&b, src + n - 8, 8);
    if (wordNeedsCare(a) || wordNeedsCare(b)) return nullptr;
    std::memcpy(p + 1, &a, 8);
    std::memcpy(p + 1 + n - 8, &b, 8);
  } else if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, src, 4);
    std::memcpy(&b, src + n - 4, 4);
    if (wordNeedsCare(a | (std::uint64_t{b} << 32))) return nullptr;
    std::memcpy(p + 1, &a, 4);
    std::memcpy(p + 1 + n - 4, &b, 4);
  } else if (n > 0) {
    if (!kJsonPlain[static_cast<unsigned char>(src[0])] ||
        !kJsonPlain[static_cast<unsigned char>(src[n / 2])] ||
        !kJsonPlain[static_cast<unsigned char>(src[n - 1])]) {
      return nullptr;
    }
    copyShort(p + 1, src, n);
  }
  p[1 + n] = '"';
  return p + n + 2;
}

void writeEscapedByte(unsigned char c, TextWriter& w) {
  constexpr char kHex[] = "0123456789abcdef";
  char* p = w.reserve(6);
  std::memcpy(p, "\\u00", 4);
  p[4] = kHex[c >> 4];
  p[5] = kHex[c & 15];
  w.advanceTo(p + 6);
}

// The general case: escape what needs it, copy runs of plain bytes as they are. Out of line, so
// that the plain cases (almost every value) inline into the line writer without its register
// spills: the call's prologue and epilogue were a quarter of the plain cases' instructions.
[[gnu::noinline]] void writeEscaped(std::string_view s, TextWriter& w) {
  w.put('"');
  std::size_t run = 0;  // start of the pending run copied as it is
  auto flush = [&](std::size_t i) { w.write(s.substr(run, i - run)); };
  for (std::size_t i = 0; i < s.size();) {
    // Skip the plain run: whole blocks first, then byte by byte up to the next special byte.
    while (i + 16 <= s.size() && !blockNeedsCare(s.data() + i)) i += 16;
    while (i < s.size() && kJsonPlain[static_cast<unsigned char>(s[i])]) ++i;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const auto len = utf8Length(s, i);
      if (len > 0) {
        i += len;
        continue;
      }
    }
    flush(i);
    switch (c) {
      case '"':
        w.write("\\\"");
        break;
      case '\\':
        w.write("\\\\");
        break;
      case '\n':
        w.write("\\n");
        break;
      case '\r':
        w.write("\\r");
        break;
      case '\t':
        w.write("\\t");
        break;
      case '\b':
        w.write("\\b");
        break;
      case '\f':
        w.write("\\f");
        break;
      default:
        writeEscapedByte(c, w);  // control bytes and invalid UTF-8
    }
    ++i;
    run = i;
  }
  flush(s.size());
  w.put('"');
}

// writeJsonString's body, inlined where a line is written.
[[gnu::always_inline]] inline void putJsonString(std::string_view s, TextWriter& w) {
  if (s.size() < 16) {
    char* p = w.reserve(16 + 2);
    if (char* end = writePlainShort(s, p)) {
      w.advanceTo(end);
      return;
    }
  } else if (!anyBlock(s, blockNeedsCare)) {  // the common case: nothing to escape, one copy
    char* p = w.reserve(s.size() + 2);
    *p = '"';
    std::memcpy(p + 1, s.data(), s.size());
    p[1 + s.size()] = '"';
    w.advanceTo(p + s.size() + 2);
    return;
  }
  writeEscaped(s, w);
}

}  // namespace

void writeJsonString(std::string_view s, TextWriter& w) { putJsonString(s, w); }

void appendJsonString(std::string_view s, std::string& out) {
  TextWriter w(out, s.size() + 2);
  writeJsonString(s, w);
}

namespace {

// The line, once, for either form of the emitted header list.
template <class Fields>
void appendTraceJsonLineFrom(const RequestRecord& r, const Fields& emittedFields, std::string& out) {
  using namespace std::string_view_literals;
  TextWriter w(out);
  // Each key comes with its separator as one literal: the key order is fixed, so the first is
  // always "ts" and there is no per-key bookkeeping.
  auto str = [&](std::string_view prefix, std::string_view v) {
    w.write(prefix);
    putJsonString(v, w);
  };
  // Values we produce ourselves (enum spellings) need no escaping.
  auto plain = [&](std::string_view prefix, std::string_view v) {
    w.write(prefix);
    w.write(v);
    w.put('"');
  };
  auto optUint = [&](std::string_view prefix, const std::optional<std::uint64_t>& v) {
    w.write(prefix);
    if (v) {
      w.writeUint(*v);
    } else {
      w.write("null"sv);
    }
  };
  w.write("{\"ts\":"sv);
  w.writeInt(r.timestamp.time_since_epoch().count());
  w.write(",\"time\":\""sv);
  {
    char* p = w.reserve(kIso8601Length);
    w.advanceTo(writeIso8601(toCivil(r.timestamp), p));
  }
  w.write("\",\"pop\":\""sv);
  if (r.pop.valid()) {
    char* p = w.reserve(emit::PopCode::kMaxLength);
    w.advanceTo(p + r.pop.write(p));
  }
  w.put('"');
  str(",\"rid\":"sv, r.requestId);
  str(",\"clientIp\":"sv, r.clientIp);
  w.write(",\"clientPort\":"sv);
  w.writeUint(r.clientPort);
  str(",\"method\":"sv, r.method);
  str(",\"host\":"sv, r.distributionHost);
  str(",\"hostHeader\":"sv, r.hostHeader);
  str(",\"uri\":"sv, r.uriStem);
  str(",\"query\":"sv, r.query);
  plain(",\"protocol\":\""sv, toString(r.protocol));
  str(",\"protocolVersion\":"sv, r.protocolVersion);
  w.write(",\"status\":"sv);
  w.writeInt(r.status);
  w.write(",\"scBytes\":"sv);
  w.writeUint(r.bytesSent);
  w.write(",\"csBytes\":"sv);
  w.writeUint(r.bytesReceived);
  w.write(",\"timeTakenUs\":"sv);
  w.writeInt(r.timeTaken.count());
  w.write(",\"ttfbUs\":"sv);
  if (r.timeToFirstByte) {
    w.writeInt(r.timeToFirstByte->count());
  } else {
    w.write("null"sv);
  }
  plain(",\"result\":\""sv, emit::toString(r.outcome.result));
  plain(",\"responseResult\":\""sv, emit::toString(r.outcome.responseResult));
  plain(",\"detailed\":\""sv, emit::toString(r.outcome.detailed));
  plain(",\"hitLayer\":\""sv, emit::toString(r.hitLayer));
  w.write(",\"age\":"sv);
  if (r.age) {
    w.writeInt(wholeSeconds(*r.age));
  } else {
    w.write("null"sv);
  }
  w.write(",\"cacheKey\":"sv);
  if (r.cacheKeyHash) {
    constexpr char kHex[] = "0123456789abcdef";
    char* p = w.reserve(18);
    p[0] = p[17] = '"';
    for (int i = 0; i < 16; ++i) p[1 + i] = kHex[(*r.cacheKeyHash >> (60 - 4 * i)) & 15];
    w.advanceTo(p + 18);
  } else {
    w.write("null"sv);
  }
  w.write(",\"cacheKeyText\":"sv);
  if (!r.cacheKeyText.empty()) {
    putJsonString(r.cacheKeyText, w);
  } else {
    w.write("null"sv);
  }
  str(",\"contentType\":"sv, r.contentType);
  optUint(",\"contentLength\":"sv, r.contentLength);
  optUint(",\"rangeStart\":"sv, r.rangeStart);
  optUint(",\"rangeEnd\":"sv, r.rangeEnd);
  str(",\"userAgent\":"sv, r.userAgent);
  str(",\"referer\":"sv, r.referer);
  w.write(",\"headers\":["sv);
  bool first = true;
  for (const auto& f : emittedFields) {
    if (!first) w.put(',');
    first = false;
    w.put('[');
    putJsonString(f.name, w);
    w.put(',');
    putJsonString(f.value, w);
    w.put(']');
  }
  w.write("]}\n"sv);
}

}  // namespace

void appendTraceJsonLine(const RequestRecord& r, const http::Headers& emittedHeaders,
                         std::string& out) {
  appendTraceJsonLineFrom(r, emittedHeaders.fields(), out);
}

void appendTraceJsonLine(const RequestRecord& r, const http::HeaderFieldList& emittedHeaders,
                         std::string& out) {
  appendTraceJsonLineFrom(r, emittedHeaders, out);
}

}  // namespace cdnsim::core::record
