// Standard access log writing and reading (see access_log.h).

#include "core/record/access_log.h"

#include <charconv>
#include <cstring>

#include "core/record/civil_time.h"
#include "core/record/log_field_values.h"
#include "core/record/text_append.h"
#include "core/record/text_writer.h"

namespace cdnsim::core::record {

namespace {

constexpr std::array<std::string_view, kAccessLogFieldCount> kFieldNames{
    "date",
    "time",
    "x-edge-location",
    "sc-bytes",
    "c-ip",
    "cs-method",
    "cs(Host)",
    "cs-uri-stem",
    "sc-status",
    "cs(Referer)",
    "cs(User-Agent)",
    "cs-uri-query",
    "cs(Cookie)",
    "x-edge-result-type",
    "x-edge-request-id",
    "x-host-header",
    "cs-protocol",
    "cs-bytes",
    "time-taken",
    "x-forwarded-for",
    "ssl-protocol",
    "ssl-cipher",
    "x-edge-response-result-type",
    "cs-protocol-version",
    "fle-status",
    "fle-encrypted-fields",
    "c-port",
    "time-to-first-byte",
    "x-edge-detailed-result-type",
    "sc-content-type",
    "sc-content-len",
    "sc-range-start",
    "sc-range-end",
};

// Printable bytes the log writes as %XX besides controls, space and non-ASCII (access_log.h).
constexpr std::string_view kEncodedPunctuation = "<>\"#%{}|\\^~[]`'";

// One lookup per byte: which bytes the log writes as %XX (see access_log.h).
constexpr std::array<bool, 256> kMustEncode = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c <= 0x20 || c >= 0x7F;
  for (unsigned char c : kEncodedPunctuation) t[c] = true;
  return t;
}();

bool mustEncode(unsigned char c) { return kMustEncode[c]; }

// The same test on 16 bytes at once, as ranges of the table above (fewer compares than one per
// punctuation byte): controls, space and non-ASCII are the signed bytes <= 0x20; `{ | } ~` and DEL
// are >= 0x7B; `[ \ ] ^` are 0x5B..0x5E; `" #`, `< >` are pairs one bit apart.
bool lanesMustEncode(Bytes16 v) {
  const auto any = (v <= 0x20) | (v >= 0x7B) | ((v & ~1) == 0x22) | (v == '%') | (v == '\'') |
                   ((v | 2) == 0x3E) | ((v > 0x5A) & (v < 0x5F)) | (v == '`');
  return anyLane(any);
}

bool blockMustEncode(const char* p) { return lanesMustEncode(loadBytes16(p)); }

// Whether a value shorter than a block needs encoding: its bytes as one vector (two overlapping
// words, padded with a plain byte), or byte by byte when shorter than four.
bool shortMustEncode(std::string_view s) {
  const std::size_t n = s.size();
  if (n < 4) return anyByteIn(s, kMustEncode.data());
  return lanesMustEncode(shortAsBytes16(s.data(), n));
}

bool anyMustEncode(std::string_view value) {
  return value.size() < 16 ? shortMustEncode(value) : anyBlock(value, blockMustEncode);
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool parseFixed(std::string_view s, int& v) {
  if (s.empty()) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  return true;
}

std::optional<std::uint64_t> parseU64(std::string_view s) {
  std::uint64_t v = 0;
  if (s.empty()) return std::nullopt;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// "12.345" seconds -> Duration; up to 6 decimals.
std::optional<Duration> parseSeconds(std::string_view s) {
  const auto dot = s.find('.');
  const auto whole = parseU64(s.substr(0, dot));
  if (!whole || *whole > 1'000'000'000ULL) return std::nullopt;
  std::int64_t us = static_cast<std::int64_t>(*whole) * 1'000'000;
  if (dot != std::string_view::npos) {
    const auto frac = s.substr(dot + 1);
    if (frac.empty() || frac.size() > 6) return std::nullopt;
    std::int64_t scale = 100'000;
    for (char c : frac) {
      if (c < '0' || c > '9') return std::nullopt;
      us += (c - '0') * scale;
      scale /= 10;
    }
  }
  return Duration(us);
}

std::optional<TimePoint> parseDateTime(std::string_view date, std::string_view time) {
  // YYYY-MM-DD and HH:MM:SS, exactly.
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  if (time.size() != 8 || time[2] != ':' || time[5] != ':') return std::nullopt;
  CivilTime c;
  if (!parseFixed(date.substr(0, 4), c.year) || !parseFixed(date.substr(5, 2), c.month) ||
      !parseFixed(date.substr(8, 2), c.day) || !parseFixed(time.substr(0, 2), c.hour) ||
      !parseFixed(time.substr(3, 2), c.minute) || !parseFixed(time.substr(6, 2), c.second)) {
    return std::nullopt;
  }
  return fromCivil(c);
}

std::string_view orEmpty(std::string_view field) {
  return field == "-" ? std::string_view{} : field;
}

}  // namespace

const std::array<std::string_view, kAccessLogFieldCount>& accessLogFieldNames() {
  return kFieldNames;
}

void appendAccessLogHeader(std::string& out) {
  out.append("#Version: 1.0\n#Fields:");
  for (auto name : kFieldNames) {
    out.push_back(' ');
    out.append(name);
  }
  out.push_back('\n');
}

namespace {

// The encoding case, out of line (see putLogValue).
[[gnu::noinline]] void writeEncoded(std::string_view value, TextWriter& w) {
  const std::size_t n = value.size();
  constexpr char kHex[] = "0123456789ABCDEF";
  std::size_t run = 0;  // start of the pending run of characters written as they are
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (!mustEncode(c)) continue;
    w.write(value.substr(run, i - run));
    char* p = w.reserve(3);
    p[0] = '%';
    p[1] = kHex[c >> 4];
    p[2] = kHex[c & 15];
    w.advanceTo(p + 3);
    run = i + 1;
  }
  w.write(value.substr(run));
}

// writeLogValue's body, inlined where a line is written: the plain cases without a call.
[[gnu::always_inline]] inline void putLogValue(std::string_view value, TextWriter& w) {
  const std::size_t n = value.size();
  if (n == 0) {
    w.put('-');
    return;
  }
  if (anyMustEncode(value)) {
    writeEncoded(value, w);
    return;
  }
  char* p = w.reserve(n < 16 ? 16 : n);
  if (n < 16) {
    copyShort(p, value.data(), n);
  } else {
    std::memcpy(p, value.data(), n);
  }
  w.advanceTo(p + n);
}

}  // namespace

void writeLogValue(std::string_view value, TextWriter& w) { putLogValue(value, w); }

void appendLogValue(std::string_view value, std::string& out) {
  TextWriter w(out, 3 * value.size() + 1);
  writeLogValue(value, w);
}

void percentDecode(std::string_view encoded, std::string& out) {
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%' && i + 2 < encoded.size()) {
      const int hi = hexValue(encoded[i + 1]);
      const int lo = hexValue(encoded[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(encoded[i]);
  }
}

// Room for a typical line (about 330 bytes in the shipped scenarios) in one step: the writer
// zero-fills what it makes room for, so it should not be much more than a line.
constexpr std::size_t kLineRoom = 512;

void appendAccessLogLine(const RequestRecord& r, std::string& out) {
  using namespace std::string_view_literals;
  TextWriter w(out, kLineRoom);
  auto tab = [&] { w.put('\t'); };
  // A value then its tab: most fields.
  auto value = [&](std::string_view v) {
    putLogValue(v, w);
    tab();
  };
  auto number = [&](std::uint64_t v) {
    w.writeUint(v);
    tab();
  };
  // Seconds with three decimals (see appendSeconds3), then a tab.
  auto seconds = [&](Duration d) {
    std::int64_t us = d.count();
    if (us < 0) us = 0;
    const std::int64_t ms = (us + 500) / 1000;
    w.writeUint(static_cast<std::uint64_t>(ms / 1000));
    char* p = w.reserve(5);
    p[0] = '.';
    writePadded(p + 1, static_cast<unsigned>(ms % 1000), 3);
    p[4] = '\t';
    w.advanceTo(p + 5);
  };
  auto optional = [&](const std::optional<std::uint64_t>& v) {
    if (v) {
      w.writeUint(*v);
    } else {
      w.put('-');
    }
  };
  {
    const CivilTime c = toCivil(r.timestamp);
    char* p = w.reserve(10 + 1 + 8 + 1 + emit::PopCode::kMaxLength + 1);
    p = writeDate(c, p);
    *p++ = '\t';
    p = writeClock(c, p);
    *p++ = '\t';
    if (r.pop.valid()) {
      p += r.pop.write(p);
    } else {
      *p++ = '-';
    }
    *p++ = '\t';
    w.advanceTo(p);
  }
  number(r.bytesSent);
  value(r.clientIp);
  value(r.method);
  value(r.distributionHost);
  value(r.uriStem);
  if (r.status <= 0) {  // 000 when the viewer closed the connection first (DG/AccessLogs.html)
    w.write("000\t"sv);
  } else {
    number(static_cast<std::uint64_t>(r.status));
  }
  value(r.referer);
  value(r.userAgent);
  value(r.query);
  value(r.cookie);
  w.write(emit::toString(r.outcome.result));
  tab();
  value(r.requestId);
  value(r.hostHeader);
  w.write(toString(r.protocol));
  tab();
  number(r.bytesReceived);
  seconds(r.timeTaken);
  value(r.forwardedFor);
  value(r.sslProtocol);
  value(r.sslCipher);
  w.write(emit::toString(r.outcome.responseResult));
  tab();
  value(r.protocolVersion);
  w.write("-\t-\t"sv);  // fle-status, fle-encrypted-fields: field-level encryption is not modelled
  if (r.clientPort != 0) {
    number(r.clientPort);
  } else {
    w.write("-\t"sv);
  }
  if (r.timeToFirstByte) {
    seconds(*r.timeToFirstByte);
  } else {
    w.write("-\t"sv);
  }
  w.write(emit::toString(r.outcome.detailed));
  tab();
  value(r.contentType);
  optional(r.contentLength);
  tab();
  optional(r.rangeStart);
  tab();
  optional(r.rangeEnd);
  w.put('\n');
}

std::optional<ParsedLogLine> parseAccessLogLine(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.empty() || line.front() == '#') return std::nullopt;
  ParsedLogLine p;
  std::size_t n = 0;
  while (n < kAccessLogFieldCount) {
    const auto t = line.find('\t');
    p.fields[n++] = line.substr(0, t);
    if (t == std::string_view::npos) break;
    line.remove_prefix(t + 1);
  }
  p.fieldCount = n;  // fields past the 33rd (a newer format) are ignored
  if (n < 9) return std::nullopt;
  const auto& f = p.fields;
  const auto ts = parseDateTime(f[0], f[1]);
  if (!ts) return std::nullopt;
  p.timestamp = *ts;
  if (f[8].size() != 3 || !parseFixed(f[8], p.status)) return std::nullopt;
  p.pop = emit::parsePopCode(f[2]);
  p.bytesSent = parseU64(f[3]).value_or(0);
  p.clientIp = orEmpty(f[4]);
  p.method = orEmpty(f[5]);
  p.distributionHost = orEmpty(f[6]);
  p.uriStem = orEmpty(f[7]);
  auto field = [&](std::size_t i) { return i < n ? orEmpty(f[i]) : std::string_view{}; };
  p.query = field(11);
  p.result = emit::parseEdgeResultType(field(13));
  p.requestId = field(14);
  p.hostHeader = field(15);
  p.bytesReceived = parseU64(field(17)).value_or(0);
  p.timeTaken = parseSeconds(field(18));
  p.responseResult = emit::parseEdgeResultType(field(22));
  p.timeToFirstByte = parseSeconds(field(27));
  p.detailed = emit::parseDetailedResultType(field(28));
  p.contentType = field(29);
  p.contentLength = parseU64(field(30));
  p.rangeStart = parseU64(field(31));
  p.rangeEnd = parseU64(field(32));
  return p;
}

}  // namespace cdnsim::core::record
