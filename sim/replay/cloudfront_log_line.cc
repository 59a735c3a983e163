#include "sim/replay/cloudfront_log_line.h"

#include <charconv>

#include "sim/trace/line_parsers.h"

namespace cdnsim::sim::replay {

namespace {

bool fixedDigits(std::string_view s, unsigned& out) {
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned>(c - '0');
  }
  return !s.empty();
}

// `YYYY-MM-DD` and `HH:MM:SS` (UTC) to Unix seconds.
bool parseLogTime(std::string_view date, std::string_view time, std::int64_t& out) {
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !fixedDigits(date.substr(0, 4), y) ||
      !fixedDigits(date.substr(5, 2), mo) || !fixedDigits(date.substr(8, 2), d))
    return false;
  if (time.size() != 8 || time[2] != ':' || time[5] != ':' || !fixedDigits(time.substr(0, 2), h) ||
      !fixedDigits(time.substr(3, 2), mi) || !fixedDigits(time.substr(6, 2), s))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  out = trace::daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  return true;
}

// An HTTP method token (RFC 9110 §9.1: a token; CloudFront logs upper-case names).
bool isMethod(std::string_view m) {
  if (m.empty() || m.size() > 16) return false;
  for (char c : m) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

void assignField(std::string& out, std::string_view field) {
  if (field == "-") field = {};
  out.assign(field.data(), field.size());
}

}  // namespace

LogLineResult CloudFrontLogLineParser::parse(std::string_view line, ReplayRequest& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty()) return {LogLineKind::Header, ""};
  if (line.front() == '#') {
    constexpr std::string_view kFields = "#Fields:";
    if (line.starts_with(kFields)) {
      std::size_t names = 0;
      bool inName = false;
      for (char c : line.substr(kFields.size())) {
        const bool blank = c == ' ' || c == '\t';
        if (!blank && !inName) ++names;
        inName = !blank;
      }
      if (names < 13) return {LogLineKind::Bad, "#Fields: names fewer than the 13 fields a replay reads"};
      expectedFields_ = names;
    }
    return {LogLineKind::Header, ""};
  }
  constexpr std::size_t kRead = 13;
  std::string_view f[kRead];
  std::size_t count = 0;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    const std::string_view field =
        line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (count < kRead) f[count] = field;
    ++count;
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (count != expectedFields_) {
    return {LogLineKind::Bad, count < expectedFields_ ? "too few tab-separated fields"
                                                      : "too many tab-separated fields"};
  }
  if (!parseLogTime(f[0], f[1], out.time)) return {LogLineKind::Bad, "bad date or time (expected YYYY-MM-DD<tab>HH:MM:SS)"};
  if (f[2].empty() || f[2] == "-") return {LogLineKind::Bad, "empty x-edge-location"};
  {
    const char* b = f[3].data();
    const char* e = b + f[3].size();
    auto [ptr, ec] = std::from_chars(b, e, out.bytes);
    if (f[3].empty() || ec != std::errc() || ptr != e) return {LogLineKind::Bad, "bad sc-bytes (expected a byte count)"};
  }
  if (!isMethod(f[5])) return {LogLineKind::Bad, "bad cs-method (expected an upper-case method such as GET)"};
  if (f[6].empty() || f[6] == "-") return {LogLineKind::Bad, "empty cs(Host)"};
  if (f[7].empty() || f[7].front() != '/') return {LogLineKind::Bad, "bad cs-uri-stem (expected a path starting with '/')"};
  assignField(out.edgeLocation, f[2]);
  assignField(out.clientIp, f[4]);
  assignField(out.method, f[5]);
  assignField(out.host, f[6]);
  assignField(out.path, f[7]);
  assignField(out.userAgent, f[10]);
  assignField(out.query, f[11]);
  assignField(out.cookie, f[12]);
  out.objectId = 0;
  return {LogLineKind::Request, ""};
}

}  // namespace cdnsim::sim::replay
