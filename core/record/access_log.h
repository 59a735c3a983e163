#pragma once
// CloudFront's standard access log (DG/standard-logs-reference.html, CLOUDFRONT.md §8):
// W3C extended format, tab-separated, two header lines, 33 fields per line, `-` for an empty
// value. Writing is a pure function appending to a caller buffer (reuse it: no allocation once
// it has grown); parsing reads a line back for replay, as views into the line.
//
// Percent-encoding: space and < > " # % { } | \ ^ ~ [ ] ` ' are written as %XX (DG). We also
// encode control characters (tab and newline included), DEL and bytes >= 0x80 so that a line
// always splits into its fields: the DG's list is silent on those (unverified). As in CloudFront's
// logs, a value that is exactly "-" cannot be told from an empty one when read back.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/record/request_record.h"
#include "core/record/text_writer.h"

namespace cdnsim::core::record {

inline constexpr std::size_t kAccessLogFieldCount = 33;

// The 33 field names, in order.
const std::array<std::string_view, kAccessLogFieldCount>& accessLogFieldNames();

// "#Version: 1.0\n#Fields: date time ... sc-range-end\n".
void appendAccessLogHeader(std::string& out);

// Appends one line, newline-terminated.
void appendAccessLogLine(const RequestRecord& r, std::string& out);

// Appends `value` percent-encoded per the rule above; `-` when empty.
void appendLogValue(std::string_view value, std::string& out);
// The same through a TextWriter (formatters writing a whole line).
void writeLogValue(std::string_view value, TextWriter& w);

// Decodes %XX escapes (malformed escapes kept as they are). Appends to `out`.
void percentDecode(std::string_view encoded, std::string& out);

// One access-log line read back. Views point into the parsed line (still percent-encoded);
// `-` fields are empty views or nullopt.
struct ParsedLogLine {
  std::array<std::string_view, kAccessLogFieldCount> fields{};  // raw, `-` kept as "-"
  std::size_t fieldCount{0};  // how many the line had (older logs have fewer than 33)
  TimePoint timestamp{};      // date + time
  std::optional<emit::PopCode> pop{};
  std::uint64_t bytesSent{0};
  std::string_view clientIp{};
  std::string_view method{};
  std::string_view distributionHost{};
  std::string_view uriStem{};
  int status{0};  // 0 for "000"
  std::string_view query{};
  std::optional<emit::EdgeResultType> result{};
  std::optional<emit::EdgeResultType> responseResult{};
  std::optional<emit::DetailedResultType> detailed{};
  std::string_view requestId{};
  std::string_view hostHeader{};
  std::uint64_t bytesReceived{0};
  std::optional<Duration> timeTaken{};
  std::optional<Duration> timeToFirstByte{};
  std::string_view contentType{};
  std::optional<std::uint64_t> contentLength{};
  std::optional<std::uint64_t> rangeStart{};
  std::optional<std::uint64_t> rangeEnd{};
};

// Parses one line (a trailing "\r\n" or "\n" is ignored). Returns nullopt for header/comment
// lines, blank lines, fewer than 9 fields (through sc-status), or a bad date, time or status.
// Other malformed fields are left empty/nullopt. Never throws.
std::optional<ParsedLogLine> parseAccessLogLine(std::string_view line);

}  // namespace cdnsim::core::record
