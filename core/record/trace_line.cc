// JSONL trace lines (see trace_line.h for the schema).

#include "core/record/trace_line.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "core/record/civil_time.h"
#include "core/record/text_append.h"

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

bool needsCare(std::string_view s) { return anyBlock(s, blockNeedsCare); }

void appendEscapedByte(unsigned char c, std::string& out) {
  constexpr char kHex[] = "0123456789abcdef";
  out.append("\\u00");
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 15]);
}

}  // namespace

void appendJsonString(std::string_view s, std::string& out) {
  out.push_back('"');
  if (!needsCare(s)) {  // the common case: nothing to escape, one copy
    out.append(s);
    out.push_back('"');
    return;
  }
  std::size_t run = 0;  // start of the pending run copied as it is
  auto flush = [&](std::size_t i) { out.append(s.data() + run, i - run); };
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
        out.append("\\\"", 2);
        break;
      case '\\':
        out.append("\\\\", 2);
        break;
      case '\n':
        out.append("\\n", 2);
        break;
      case '\r':
        out.append("\\r", 2);
        break;
      case '\t':
        out.append("\\t", 2);
        break;
      case '\b':
        out.append("\\b", 2);
        break;
      case '\f':
        out.append("\\f", 2);
        break;
      default:
        appendEscapedByte(c, out);  // control bytes and invalid UTF-8
    }
    ++i;
    run = i;
  }
  flush(s.size());
  out.push_back('"');
}

namespace {

// The line, once, for either form of the emitted header list.
template <class Fields>
void appendTraceJsonLineFrom(const RequestRecord& r, const Fields& emittedFields, std::string& out) {
  using namespace std::string_view_literals;
  // Each key comes with its separator as one literal: the key order is fixed, so the first is
  // always "ts" and there is no per-key bookkeeping.
  auto str = [&](std::string_view prefix, std::string_view v) {
    out.append(prefix);
    appendJsonString(v, out);
  };
  // Values we produce ourselves (enum spellings) need no escaping.
  auto plain = [&](std::string_view prefix, std::string_view v) {
    out.append(prefix);
    out.append(v);
    out.push_back('"');
  };
  auto optUint = [&](std::string_view prefix, const std::optional<std::uint64_t>& v) {
    out.append(prefix);
    if (v) {
      appendUint(*v, out);
    } else {
      out.append("null"sv);
    }
  };
  out.append("{\"ts\":"sv);
  appendInt(r.timestamp.time_since_epoch().count(), out);
  out.append(",\"time\":\""sv);
  appendIso8601(toCivil(r.timestamp), out);
  out.append("\",\"pop\":\""sv);
  if (r.pop.valid()) {
    char buf[emit::PopCode::kMaxLength];
    out.append(buf, r.pop.write(buf));
  }
  out.push_back('"');
  str(",\"rid\":"sv, r.requestId);
  str(",\"clientIp\":"sv, r.clientIp);
  out.append(",\"clientPort\":"sv);
  appendUint(r.clientPort, out);
  str(",\"method\":"sv, r.method);
  str(",\"host\":"sv, r.distributionHost);
  str(",\"hostHeader\":"sv, r.hostHeader);
  str(",\"uri\":"sv, r.uriStem);
  str(",\"query\":"sv, r.query);
  plain(",\"protocol\":\""sv, toString(r.protocol));
  str(",\"protocolVersion\":"sv, r.protocolVersion);
  out.append(",\"status\":"sv);
  appendInt(r.status, out);
  out.append(",\"scBytes\":"sv);
  appendUint(r.bytesSent, out);
  out.append(",\"csBytes\":"sv);
  appendUint(r.bytesReceived, out);
  out.append(",\"timeTakenUs\":"sv);
  appendInt(r.timeTaken.count(), out);
  out.append(",\"ttfbUs\":"sv);
  if (r.timeToFirstByte) {
    appendInt(r.timeToFirstByte->count(), out);
  } else {
    out.append("null"sv);
  }
  plain(",\"result\":\""sv, emit::toString(r.outcome.result));
  plain(",\"responseResult\":\""sv, emit::toString(r.outcome.responseResult));
  plain(",\"detailed\":\""sv, emit::toString(r.outcome.detailed));
  plain(",\"hitLayer\":\""sv, emit::toString(r.hitLayer));
  out.append(",\"age\":"sv);
  if (r.age) {
    appendInt(wholeSeconds(*r.age), out);
  } else {
    out.append("null"sv);
  }
  out.append(",\"cacheKey\":"sv);
  if (r.cacheKeyHash) {
    constexpr char kHex[] = "0123456789abcdef";
    char buf[18];
    buf[0] = buf[17] = '"';
    for (int i = 0; i < 16; ++i) buf[1 + i] = kHex[(*r.cacheKeyHash >> (60 - 4 * i)) & 15];
    out.append(buf, sizeof(buf));
  } else {
    out.append("null"sv);
  }
  out.append(",\"cacheKeyText\":"sv);
  if (!r.cacheKeyText.empty()) {
    appendJsonString(r.cacheKeyText, out);
  } else {
    out.append("null"sv);
  }
  str(",\"contentType\":"sv, r.contentType);
  optUint(",\"contentLength\":"sv, r.contentLength);
  optUint(",\"rangeStart\":"sv, r.rangeStart);
  optUint(",\"rangeEnd\":"sv, r.rangeEnd);
  str(",\"userAgent\":"sv, r.userAgent);
  str(",\"referer\":"sv, r.referer);
  out.append(",\"headers\":["sv);
  bool first = true;
  for (const auto& f : emittedFields) {
    out.append(first ? "["sv : ",["sv);
    first = false;
    appendJsonString(f.name, out);
    out.push_back(',');
    appendJsonString(f.value, out);
    out.push_back(']');
  }
  out.append("]}\n"sv);
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
