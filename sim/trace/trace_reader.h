#pragma once
// Streaming trace readers for cache replay (`cdnsim cachesim`): CSV, webcachesim's text,
// libCacheSim's oracleGeneral binary and CloudFront standard access logs. A trace is never loaded
// whole: plain files are memory-mapped and parsed in place, gzip files are inflated through zlib in
// large chunks, so memory does not grow with the trace length.
//
// Readers hand out records in batches (one virtual call per batch, none per record) and stop at the
// first malformed line with a {line, message} error, unless `skipBadLines` is set, in which case
// bad lines are counted and skipped.

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cdnsim::sim::trace {

// One request of a trace. `timestamp` is in the trace's own unit (seconds for oracleGeneral and
// CloudFront logs; whatever the file holds for CSV and text).
struct TraceRequest {
  std::int64_t timestamp{0};
  std::uint64_t id{0};
  std::uint64_t size{0};
  bool operator==(const TraceRequest&) const = default;
};

enum class TraceFormat {
  Csv,            // `timestamp,object_id,size`, optional header line, configurable delimiter
  Text,           // webcachesim: `timestamp id size`, separated by spaces or tabs
  OracleGeneral,  // libCacheSim: packed 24-byte little-endian records (u32 time, u64 id, u32 size,
                  // i64 next)
  CloudFront,     // CloudFront standard access log (W3C, tab-separated), plain or gzip
};

std::string_view toString(TraceFormat format);
// "csv", "txt" (or "text"), "oracleGeneral", "cloudfront"; case-insensitive.
std::optional<TraceFormat> parseTraceFormat(std::string_view name);
// From the file name, ignoring a trailing ".gz" except that a bare "*.gz" is taken as a CloudFront
// log (CloudFront delivers its logs gzipped): ".csv" → Csv, ".txt" → Text, ".oracleGeneral", ".bin"
// or "oracleGeneral" anywhere in the name → OracleGeneral, ".log" / ".gz" → CloudFront. nullopt
// otherwise.
std::optional<TraceFormat> guessTraceFormat(std::string_view path);

// A malformed line (or, for binary traces, record: both numbered from 1), or an I/O failure.
struct TraceError {
  std::uint64_t line{0};
  std::string message;
  bool operator==(const TraceError&) const = default;
};

struct ReaderOptions {
  TraceFormat format{TraceFormat::Csv};
  // CSV field delimiter.
  char delimiter{','};
  // Count and skip malformed lines instead of stopping at the first one.
  bool skipBadLines{false};
};

class TraceReader {
 public:
  virtual ~TraceReader() = default;

  // Writes up to out.size() records from the start of `out` and returns how many. Returns 0 only at
  // the end of the trace or on an error; check error() then. Records before a bad line are
  // delivered.
  virtual std::size_t nextBatch(std::span<TraceRequest> out) = 0;

  const std::optional<TraceError>& error() const { return error_; }
  // Malformed lines skipped so far (only with skipBadLines).
  std::uint64_t skippedLines() const { return skippedLines_; }
  // The line (for oracleGeneral, the record) number of out.back() after a nextBatch() that filled
  // `out` completely: names a record that is found wrong only after it was read (lineOfRecord()).
  virtual std::uint64_t lastRecordLine() const = 0;

 protected:
  std::optional<TraceError> error_;
  std::uint64_t skippedLines_{0};
};

struct OpenedTrace {
  std::unique_ptr<TraceReader> reader;  // null on failure
  std::string error;                    // why it could not be opened
};

// Opens `path` for streaming. Gzip is recognised by its magic bytes, whatever the file is called
// (oracleGeneral traces must be uncompressed: they are mapped, not inflated).
OpenedTrace openTrace(const std::string& path, const ReaderOptions& options);

// The line (for oracleGeneral, the record) number of the `ordinal`-th record (1-based) that a reader
// opened on `path` with `options` hands out, found by reading the trace again up to it; nullopt
// when the trace cannot be opened or has fewer records. For error messages only: costs a pass.
std::optional<std::uint64_t> lineOfRecord(const std::string& path, const ReaderOptions& options,
                                          std::uint64_t ordinal);

// A one-record-at-a-time view over a reader, for code that is not in a hot loop (working-set pass,
// tests). Buffers a batch internally.
class TraceCursor {
 public:
  explicit TraceCursor(TraceReader& reader, std::size_t batch = 4096)
      : reader_(reader), buffer_(batch) {}
  bool next(TraceRequest& out);

 private:
  TraceReader& reader_;
  std::vector<TraceRequest> buffer_;
  std::size_t pos_{0};
  std::size_t filled_{0};
};

// FNV-1a, 64-bit (Fowler, Noll, Vo): the deterministic hash that turns a URL into an object id, the
// same on every machine and standard library (std::hash is neither).
constexpr std::uint64_t fnv1a64(std::string_view bytes,
                                std::uint64_t hash = 0xCBF29CE484222325ULL) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

}  // namespace cdnsim::sim::trace

template <>
struct fmt::formatter<cdnsim::sim::trace::TraceFormat> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(cdnsim::sim::trace::TraceFormat f, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(cdnsim::sim::trace::toString(f), ctx);
  }
};
