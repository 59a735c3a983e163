// JSONL trace lines (see trace_line.h for the schema).

#include "core/record/trace_line.h"

#include <fmt/format.h>

#include <iterator>

#include "core/record/civil_time.h"

namespace cdnsim::core::record {

namespace {

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

void appendEscapedByte(unsigned char c, std::string& out) {
  constexpr char kHex[] = "0123456789abcdef";
  out.append("\\u00");
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 15]);
}

struct JsonObject {
  std::string& out;
  bool first = true;
  void key(std::string_view k) {
    out.push_back(first ? '{' : ',');
    first = false;
    out.push_back('"');
    out.append(k);  // our keys need no escaping
    out.append("\":");
  }
  void str(std::string_view k, std::string_view v) {
    key(k);
    appendJsonString(v, out);
  }
  template <typename T>
  void num(std::string_view k, T v) {
    key(k);
    fmt::format_to(std::back_inserter(out), "{}", v);
  }
  template <typename T>
  void optNum(std::string_view k, const std::optional<T>& v) {
    key(k);
    if (v) {
      fmt::format_to(std::back_inserter(out), "{}", *v);
    } else {
      out.append("null");
    }
  }
  void close() { out.append(first ? "{}" : "}"); }
};

}  // namespace

void appendJsonString(std::string_view s, std::string& out) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
          if (c < 0x20) {
            appendEscapedByte(c, out);
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    const auto len = utf8Length(s, i);
    if (len == 0) {
      appendEscapedByte(c, out);
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  out.push_back('"');
}

void appendTraceJsonLine(const RequestRecord& r, const http::Headers& emittedHeaders,
                         std::string& out) {
  JsonObject o{out};
  o.num("ts", r.timestamp.time_since_epoch().count());
  o.key("time");
  out.push_back('"');
  appendIso8601(toCivil(r.timestamp), out);
  out.push_back('"');
  o.key("pop");
  out.push_back('"');
  if (r.pop.valid()) {
    char buf[emit::PopCode::kMaxLength];
    out.append(buf, r.pop.write(buf));
  }
  out.push_back('"');
  o.str("rid", r.requestId);
  o.str("clientIp", r.clientIp);
  o.num("clientPort", r.clientPort);
  o.str("method", r.method);
  o.str("host", r.distributionHost);
  o.str("hostHeader", r.hostHeader);
  o.str("uri", r.uriStem);
  o.str("query", r.query);
  o.str("protocol", toString(r.protocol));
  o.str("protocolVersion", r.protocolVersion);
  o.num("status", r.status);
  o.num("scBytes", r.bytesSent);
  o.num("csBytes", r.bytesReceived);
  o.num("timeTakenUs", r.timeTaken.count());
  o.key("ttfbUs");
  if (r.timeToFirstByte) {
    fmt::format_to(std::back_inserter(out), "{}", r.timeToFirstByte->count());
  } else {
    out.append("null");
  }
  o.str("result", emit::toString(r.outcome.result));
  o.str("responseResult", emit::toString(r.outcome.responseResult));
  o.str("detailed", emit::toString(r.outcome.detailed));
  o.str("hitLayer", emit::toString(r.hitLayer));
  o.key("age");
  if (r.age) {
    fmt::format_to(std::back_inserter(out), "{}", wholeSeconds(*r.age));
  } else {
    out.append("null");
  }
  o.key("cacheKey");
  if (r.cacheKeyHash) {
    fmt::format_to(std::back_inserter(out), "\"{:016x}\"", *r.cacheKeyHash);
  } else {
    out.append("null");
  }
  o.str("contentType", r.contentType);
  o.optNum("contentLength", r.contentLength);
  o.optNum("rangeStart", r.rangeStart);
  o.optNum("rangeEnd", r.rangeEnd);
  o.str("userAgent", r.userAgent);
  o.str("referer", r.referer);
  o.key("headers");
  out.push_back('[');
  bool first = true;
  for (const auto& f : emittedHeaders.fields()) {
    if (!first) out.push_back(',');
    first = false;
    out.push_back('[');
    appendJsonString(f.name, out);
    out.push_back(',');
    appendJsonString(f.value, out);
    out.push_back(']');
  }
  out.push_back(']');
  o.close();
  out.push_back('\n');
}

}  // namespace cdnsim::core::record
