#include "sim/trace/line_parsers.h"

#include <charconv>

namespace cdnsim::sim::trace {

namespace {

constexpr bool isBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (isBlank(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (isBlank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The whole of `field` must be a number.
template <typename T>
bool parseInt(std::string_view field, T& out) {
  if (field.empty()) return false;
  const char* b = field.data();
  const char* e = b + field.size();
  if (*b == '+') ++b;  // from_chars refuses a leading '+'
  auto [ptr, ec] = std::from_chars(b, e, out);
  return ec == std::errc() && ptr == e;
}

// An integer timestamp, optionally followed by a fractional part that is dropped.
bool parseTimestamp(std::string_view field, std::int64_t& out) {
  const std::size_t dot = field.find('.');
  if (dot != std::string_view::npos) {
    for (char c : field.substr(dot + 1))
      if (c < '0' || c > '9') return false;
    field = field.substr(0, dot);
  }
  return parseInt(field, out);
}

// Splits off the text before the next `delim` (or the rest of the line).
std::string_view nextField(std::string_view& rest, char delim, bool& more) {
  const std::size_t at = rest.find(delim);
  if (at == std::string_view::npos) {
    std::string_view f = rest;
    rest = {};
    more = false;
    return f;
  }
  std::string_view f = rest.substr(0, at);
  rest.remove_prefix(at + 1);
  more = true;
  return f;
}

bool allBlank(std::string_view s) { return trim(s).empty(); }

}  // namespace

LineResult CsvLineParser::parse(std::string_view line, TraceRequest& out) {
  const bool first = first_;
  first_ = false;
  if (allBlank(line)) return {LineKind::Skip, ""};
  std::string_view rest = line;
  bool more = true;
  const std::string_view ts = trim(nextField(rest, delimiter_, more));
  if (first && (ts.empty() || !((ts[0] >= '0' && ts[0] <= '9') || ts[0] == '-' || ts[0] == '+')))
    return {LineKind::Skip, ""};  // header line
  if (!parseTimestamp(ts, out.timestamp)) return {LineKind::Bad, "bad timestamp"};
  if (!more) return {LineKind::Bad, "missing object id and size"};
  if (!parseInt(trim(nextField(rest, delimiter_, more)), out.id))
    return {LineKind::Bad, "bad object id"};
  if (!more) return {LineKind::Bad, "missing size"};
  if (!parseInt(trim(nextField(rest, delimiter_, more)), out.size))
    return {LineKind::Bad, "bad size"};
  return {LineKind::Record, ""};
}

LineResult TextLineParser::parse(std::string_view line, TraceRequest& out) {
  std::string_view rest = trim(line);
  if (rest.empty() || rest.front() == '#') return {LineKind::Skip, ""};
  std::string_view fields[3];
  for (int i = 0; i < 3; ++i) {
    while (!rest.empty() && isBlank(rest.front())) rest.remove_prefix(1);
    std::size_t n = 0;
    while (n < rest.size() && !isBlank(rest[n])) ++n;
    fields[i] = rest.substr(0, n);
    rest.remove_prefix(n);
  }
  if (!parseTimestamp(fields[0], out.timestamp)) return {LineKind::Bad, "bad timestamp"};
  if (fields[1].empty()) return {LineKind::Bad, "missing object id and size"};
  if (!parseInt(fields[1], out.id)) return {LineKind::Bad, "bad object id"};
  if (fields[2].empty()) return {LineKind::Bad, "missing size"};
  if (!parseInt(fields[2], out.size)) return {LineKind::Bad, "bad size"};
  return {LineKind::Record, ""};
}

std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day) {
  // Count from 1 March so that the leap day ends the year; eras are 400-year cycles of 146097 days.
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yearOfEra = static_cast<std::int64_t>(year - era * 400);
  const std::int64_t monthFromMarch = month > 2 ? month - 3 : month + 9;
  const std::int64_t dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
  const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

namespace {

// Exactly `width` digits.
bool fixedDigits(std::string_view s, std::size_t width, unsigned& out) {
  if (s.size() != width) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  return true;
}

// `YYYY-MM-DD` and `HH:MM:SS` (UTC) to Unix seconds.
bool parseLogTime(std::string_view date, std::string_view time, std::int64_t& out) {
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  if (!fixedDigits(date.substr(0, 4), 4, y) || !fixedDigits(date.substr(5, 2), 2, mo) ||
      !fixedDigits(date.substr(8, 2), 2, d))
    return false;
  if (time.size() != 8 || time[2] != ':' || time[5] != ':') return false;
  if (!fixedDigits(time.substr(0, 2), 2, h) || !fixedDigits(time.substr(3, 2), 2, mi) ||
      !fixedDigits(time.substr(6, 2), 2, s))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  out = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return true;
}

}  // namespace

LineResult CloudFrontLineParser::parse(std::string_view line, TraceRequest& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty() || line.front() == '#') return {LineKind::Skip, ""};
  // Fields 0..7 are all we need: date, time, x-edge-location, sc-bytes, c-ip, cs-method, cs(Host),
  // cs-uri-stem.
  std::string_view fields[8];
  std::string_view rest = line;
  bool more = true;
  for (int i = 0; i < 8; ++i) {
    if (!more) return {LineKind::Bad, "fewer than 8 tab-separated fields"};
    fields[i] = nextField(rest, '\t', more);
  }
  if (!parseLogTime(fields[0], fields[1], out.timestamp))
    return {LineKind::Bad, "bad date or time"};
  if (!parseInt(fields[3], out.size)) return {LineKind::Bad, "bad sc-bytes"};
  if (fields[6].empty() || fields[7].empty()) return {LineKind::Bad, "empty host or uri-stem"};
  out.id = fnv1a64(fields[7], fnv1a64(fields[6]));
  return {LineKind::Record, ""};
}

}  // namespace cdnsim::sim::trace
