#pragma once
// Parsers for one line of each text trace format, in place (std::from_chars, no allocation). Each
// returns whether the line is a record, a line to pass over (blank, comment, header) or malformed,
// with a static message naming the bad field.

#include <cstdint>
#include <string_view>

#include "sim/trace/trace_reader.h"

namespace cdnsim::sim::trace {

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

 private:
  char delimiter_;
  bool first_{true};
};

// webcachesim's text format: `timestamp id size`, fields separated by runs of spaces or tabs; extra
// fields are ignored; lines starting with '#' are comments.
class TextLineParser {
 public:
  LineResult parse(std::string_view line, TraceRequest& out);
};

// CloudFront standard access log (CLOUDFRONT.md §8, DG/standard-logs-reference.html): tab-separated
// W3C fields; '#Version'/'#Fields' lines are skipped. Uses field 1-2 `date time` (UTC) → timestamp in
// Unix seconds; field 4 `sc-bytes` → size (bytes sent to the viewer, headers included: the closest
// size a log gives); fields 7-8 `cs(Host)` + `cs-uri-stem` → id = FNV-1a 64 of host then path. The
// query string is left out of the id, as in CloudFront's default CachingOptimized cache key.
class CloudFrontLineParser {
 public:
  LineResult parse(std::string_view line, TraceRequest& out);
};

// Days since 1970-01-01 of a proleptic Gregorian date (valid for any year this format can hold).
std::int64_t daysFromCivil(std::int64_t year, unsigned month, unsigned day);

}  // namespace cdnsim::sim::trace
