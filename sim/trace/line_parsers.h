#pragma once
// Parsers for one line of each text trace format, in place (std::from_chars, no allocation). Each
// returns whether the line is a record, a line to pass over (blank, comment, header) or malformed,
// with a static message naming the bad field.

#include <climits>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "sim/trace/trace_reader.h"

namespace cdnsim::sim::trace {

// Decimal digits at `p` into `out` (1 to 20 digits, no overflow); advances `p`. False, with `p`
// unspecified, when there is no digit or the value exceeds 64 bits. One digit at a time: the
// reference for digits(), and its path near the end of the input.
inline bool digitsScalar(const char*& p, const char* end, std::uint64_t& out) {
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

namespace detail {

// How many of the 8 bytes of `word` (first character in the low byte: little-endian) are ASCII
// digits before the first non-digit. A byte is a digit when its high nibble is 3 and adding 6
// keeps it 3 (low nibble ≤ 9). A carry out of a non-digit byte can only disturb the bytes after
// it, which do not matter.
inline unsigned leadingDigitCount(std::uint64_t word) {
  constexpr std::uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ULL, kThrees = 0x3030303030303030ULL;
  const std::uint64_t bad =
      ((word & kHigh) ^ kThrees) | (((word + 0x0606060606060606ULL) & kHigh) ^ kThrees);
  // Set the top bit of every non-zero byte of `bad`, then find the lowest.
  const std::uint64_t flags =
      (((bad & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | bad) & 0x8080808080808080ULL;
  return flags == 0 ? 8 : static_cast<unsigned>(__builtin_ctzll(flags)) >> 3;
}

// The value of the first `count` (1..8) digit characters of `word`, in three multiplications
// instead of a chain of `count` (the "eight digits at once" technique described by W. Muła and
// D. Lemire): the digits are moved to the top, so missing ones read as leading zeros, then pairs,
// quads and octets are combined.
inline std::uint64_t eightDigitValue(std::uint64_t word, unsigned count) {
  std::uint64_t v = (word & 0x0F0F0F0F0F0F0F0FULL) << (8 * (8 - count));
  v = (v * (10 * 256 + 1)) >> 8;
  v = ((v & 0x00FF00FF00FF00FFULL) * (100 * 65536 + 1)) >> 16;
  v = ((v & 0x0000FFFF0000FFFFULL) * (10000 * 4294967296ULL + 1)) >> 32;
  return v;
}

}  // namespace detail

// digitsScalar(), eight bytes at a time while eight bytes are readable.
inline bool digits(const char*& p, const char* end, std::uint64_t& out) {
  static constexpr std::uint64_t kPow10[] = {1,      10,      100,      1000,     10000,
                                             100000, 1000000, 10000000, 100000000};
  const char* q = p;
  std::uint64_t v = 0;
  unsigned total = 0;
  for (;;) {
    if (end - q < 8) {
      // The tail: finish one digit at a time with the same overflow rules.
      if (total == 0) {
        p = q;
        return digitsScalar(p, end, out);
      }
      while (q < end && static_cast<unsigned>(*q - '0') < 10) {
        if (++total > 20 || __builtin_mul_overflow(v, 10, &v) ||
            __builtin_add_overflow(v, static_cast<unsigned>(*q - '0'), &v))
          return false;
        ++q;
      }
      break;
    }
    std::uint64_t word;
    std::memcpy(&word, q, 8);
    const unsigned count = detail::leadingDigitCount(word);
    if (count == 0) break;
    const std::uint64_t chunk = detail::eightDigitValue(word, count);
    total += count;
    if (total > 20) return false;
    if (total > 19) {
      if (__builtin_mul_overflow(v, kPow10[count], &v) || __builtin_add_overflow(v, chunk, &v))
        return false;
    } else {
      v = v * kPow10[count] + chunk;
    }
    q += count;
    if (count < 8) break;
  }
  if (total == 0) return false;
  p = q;
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
