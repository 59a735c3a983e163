#pragma once
// Parsers for one line of each text trace format, in place (std::from_chars, no allocation). Each
// returns whether the line is a record, a line to pass over (blank, comment, header) or malformed,
// with a static message naming the bad field.

#include <climits>
#include <cstdint>
#include <string_view>

#include "sim/trace/trace_reader.h"

namespace cdnsim::sim::trace {

// Decimal digits at `p` into `out` (1 to 20 digits, no overflow); advances `p`. False, with `p`
// unspecified, when there is no digit or the value exceeds 64 bits.
inline bool digits(const char*& p, const char* end, std::uint64_t& out) {
  const char* start = p;
  std::uint64_t v = 0;
  // Up to 19 digits cannot overflow; a 20th is checked.
  const char* stop = end - p > 19 ? p + 19 : end;
  while (p < stop && static_cast<unsigned>(*p - '0') < 10)
    v = v * 10 + static_cast<unsigned>(*p++ - '0');
  if (p == start) return false;
  if (p < end && static_cast<unsigned>(*p - '0') < 10) {  // a 20th digit (19 were read)
    if (__builtin_mul_overflow(v, 10, &v) ||
        __builtin_add_overflow(v, static_cast<unsigned>(*p - '0'), &v))
      return false;
    ++p;
    if (p < end && static_cast<unsigned>(*p - '0') < 10) return false;  // 21 digits
  }
  out = v;
  return true;
}

enum class LineKind {
  Record,  // `out` holds the request
  Skip,    // blank line, comment or header: not a request, not an error
  Bad,     // malformed; `message` says which field
};

struct LineResult {
  LineKind kind{LineKind::Record};
  const char* message{""};
};

// `timestamp<d>object_id<d>size[<d>ignored...]`: integer timestamp (a fractional part is dropped),
// decimal object id and size. Spaces around fields and a trailing '\r' are tolerated; extra columns
// are ignored. The first line is a header, and skipped, when its first field does not start with a
// digit or a sign.
class CsvLineParser {
 public:
  explicit CsvLineParser(char delimiter = ',') : delimiter_(delimiter) {}
  LineResult parse(std::string_view line, TraceRequest& out);

  // The common case in one pass: `digits<d>digits<d>digits` then '\n' or `end`. Advances `p` past
  // the line and returns true, or returns false (touching nothing) so that parse() decides.
  bool parseFast(const char*& p, const char* end, TraceRequest& out) {
    if (!threeNumbers(p, end, delimiter_, out)) return false;
    first_ = false;
    return true;
  }

  // Shared with TextLineParser: three unsigned decimal numbers separated by single `delim`s.
  static bool threeNumbers(const char*& p, const char* end, char delim, TraceRequest& out) {
    const char* q = p;
    std::uint64_t ts = 0, id = 0, size = 0;
    if (!digits(q, end, ts) || q == end || *q != delim ||
        ts > static_cast<std::uint64_t>(INT64_MAX))
      return false;
    ++q;
    if (!digits(q, end, id) || q == end || *q != delim) return false;
    ++q;
    if (!digits(q, end, size)) return false;
    if (q != end) {
      if (*q != '\n') return false;
      ++q;
    }
    out = TraceRequest{static_cast<std::int64_t>(ts), id, size};
    p = q;
    return true;
  }

 private:
  char delimiter_;
  bool first_{true};
};

// webcachesim's text format: `timestamp id size`, fields separated by runs of spaces or tabs; extra
// fields are ignored; lines starting with '#' are comments.
class TextLineParser {
 public:
  LineResult parse(std::string_view line, TraceRequest& out);
  // `digits digits digits` with single spaces, then '\n' or `end`; else parse() decides.
  bool parseFast(const char*& p, const char* end, TraceRequest& out) {
    return CsvLineParser::threeNumbers(p, end, ' ', out);
  }
};

// CloudFront standard access log (CLOUDFRONT.md §8, DG/standard-logs-reference.html): tab-separated
// W3C fields; '#Version'/'#Fields' lines are skipped. Uses field 1-2 `date time` (UTC) → timestamp
// in Unix seconds; field 4 `sc-bytes` → size (bytes sent to the viewer, headers included: the
// closest size a log gives); fields 7-8 `cs(Host)` + `cs-uri-stem` → id = FNV-1a 64 of host then
// path. The query string is left out of the id, as in CloudFront's default CachingOptimized cache
// key.
class CloudFrontLineParser {
 public:
  LineResult parse(std::string_view line, TraceRequest& out);
};

// Days since 1970-01-01 of a proleptic Gregorian date (valid for any year this format can hold).
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);

}  // namespace cdnsim::sim::trace
