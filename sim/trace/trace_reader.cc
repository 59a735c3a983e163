#include "sim/trace/trace_reader.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstring>

#include "sim/trace/line_parsers.h"
#include "sim/trace/line_source.h"
#include "sim/trace/mapped_file.h"

namespace cdnsim::sim::trace {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool iendsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

bool icontains(std::string_view s, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
    if (iequals(s.substr(i, needle.size()), needle)) return true;
  return false;
}

// A bad line's message quotes (the start of) the line, so the user sees what was wrong.
std::string describeBadLine(const char* what, std::string_view line) {
  constexpr std::size_t kQuote = 60;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string quoted(line.substr(0, kQuote));
  for (char& c : quoted)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return fmt::format("{} in \"{}{}\"", what, quoted, line.size() > kQuote ? "..." : "");
}

template <typename Parser>
concept HasFastPath = requires(Parser p, const char*& c, TraceRequest& r) {
  p.parseFast(c, c, r);
};

// Any text format: lines from a LineSource through a LineParser. Templated on the parser so that
// the per-line call is direct (and inlined); only the per-batch call is virtual.
template <typename Parser>
class TextTraceReader final : public TraceReader {
 public:
  TextTraceReader(Parser parser, bool skipBadLines)
      : parser_(parser), skipBadLines_(skipBadLines) {}

  std::string open(const std::string& path) { return source_.open(path); }

  std::size_t nextBatch(std::span<TraceRequest> out) override {
    if (error_) return 0;
    std::size_t n = 0;
    std::string_view line;
    while (n < out.size()) {
      if constexpr (HasFastPath<Parser>) {
        if (source_.parseFast(parser_, out[n])) {
          ++n;
          continue;
        }
      }
      if (!source_.nextLine(line)) break;
      const LineResult r = parser_.parse(line, out[n]);
      if (r.kind == LineKind::Record) {
        ++n;
      } else if (r.kind == LineKind::Bad) {
        if (skipBadLines_) {
          ++skippedLines_;
        } else {
          // Garbage inflated from a damaged gzip stream is the file's fault, not the line's.
          if (std::string damage = source_.gzipDamage(); !damage.empty())
            error_ = TraceError{source_.lineNumber(), std::move(damage)};
          else
            error_ = TraceError{source_.lineNumber(), describeBadLine(r.message, line)};
          return n;
        }
      }
    }
    if (n < out.size() && !source_.ioError().empty())
      error_ = TraceError{source_.lineNumber() + 1, source_.ioError()};
    return n;
  }

  // The loop above leaves a full batch right after its last record's line.
  std::uint64_t lastRecordLine() const override { return source_.lineNumber(); }

 private:
  LineSource source_;
  Parser parser_;
  bool skipBadLines_;
};

// libCacheSim's oracleGeneral: packed little-endian records of 24 bytes,
// {uint32 clock_time, uint64 obj_id, uint32 obj_size, int64 next_access_vtime}. The next-access
// field (for offline-optimal policies) is read past.
class OracleGeneralReader final : public TraceReader {
 public:
  static constexpr std::size_t kRecord = 24;
  static_assert(std::endian::native == std::endian::little,
                "oracleGeneral is little-endian; a big-endian host would need byte swaps here");

  explicit OracleGeneralReader(bool skipBadLines) : skipBadLines_(skipBadLines) {}

  std::string open(const std::string& path) {
    std::string why = map_.open(path);
    if (!why.empty()) return "cannot open: " + why;
    // Records are mapped, not inflated: say so rather than replaying compressed bytes as records.
    const std::string_view head = map_.bytes().substr(0, 4);
    if (head.starts_with("\x1F\x8B")) return "gzip-compressed oracleGeneral: decompress it first";
    if (head == "\x28\xB5\x2F\xFD")
      return "zstd-compressed oracleGeneral: decompress it first (zstd -d)";
    records_ = map_.bytes().size() / kRecord;
    return {};
  }

  std::size_t nextBatch(std::span<TraceRequest> out) override {
    if (error_) return 0;
    const std::size_t n = std::min<std::size_t>(out.size(), records_ - next_);
    const char* p = map_.bytes().data() + next_ * kRecord;
    for (std::size_t i = 0; i < n; ++i, p += kRecord) {
      std::uint32_t time = 0, size = 0;
      std::uint64_t id = 0;
      std::memcpy(&time, p, 4);
      std::memcpy(&id, p + 4, 8);
      std::memcpy(&size, p + 12, 4);
      out[i] = TraceRequest{time, id, size};
    }
    next_ += n;
    // Keep resident memory flat: drop the pages already decoded, every 8 MiB or so.
    if (next_ * kRecord - releasedUpTo_ >= (std::size_t{8} << 20)) {
      releasedUpTo_ = next_ * kRecord;
      map_.releaseBefore(releasedUpTo_);
    }
    if (n == 0 && !trailerSeen_ && map_.bytes().size() % kRecord != 0) {
      // A partial record at the end: the file was cut short (or is not oracleGeneral).
      trailerSeen_ = true;
      if (skipBadLines_) {
        ++skippedLines_;
      } else {
        error_ = TraceError{records_ + 1, fmt::format("truncated record ({} of {} bytes)",
                                                      map_.bytes().size() % kRecord, kRecord)};
      }
    }
    return n;
  }

  std::uint64_t lastRecordLine() const override { return next_; }

 private:
  MappedFile map_;
  std::size_t records_{0};
  std::size_t next_{0};
  std::size_t releasedUpTo_{0};
  bool trailerSeen_{false};
  bool skipBadLines_;
};

template <typename Reader, typename... Args>
OpenedTrace openWith(const std::string& path, Args&&... args) {
  auto reader = std::make_unique<Reader>(std::forward<Args>(args)...);
  std::string why = reader->open(path);
  if (!why.empty()) return {nullptr, why};
  return {std::move(reader), {}};
}

}  // namespace

std::string_view toString(TraceFormat format) {
  switch (format) {
    case TraceFormat::Csv:
      return "csv";
    case TraceFormat::Text:
      return "txt";
    case TraceFormat::OracleGeneral:
      return "oracleGeneral";
    case TraceFormat::CloudFront:
      return "cloudfront";
  }
  return "unknown";
}

std::optional<TraceFormat> parseTraceFormat(std::string_view name) {
  if (iequals(name, "csv")) return TraceFormat::Csv;
  if (iequals(name, "txt") || iequals(name, "text")) return TraceFormat::Text;
  if (iequals(name, "oracleGeneral")) return TraceFormat::OracleGeneral;
  if (iequals(name, "cloudfront")) return TraceFormat::CloudFront;
  return std::nullopt;
}

std::optional<TraceFormat> guessTraceFormat(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (icontains(name, "oracleGeneral")) return TraceFormat::OracleGeneral;
  const bool gz = iendsWith(name, ".gz");
  if (gz) name.remove_suffix(3);
  if (iendsWith(name, ".csv")) return TraceFormat::Csv;
  if (iendsWith(name, ".txt")) return TraceFormat::Text;
  if (iendsWith(name, ".bin")) return TraceFormat::OracleGeneral;
  if (iendsWith(name, ".log") || gz) return TraceFormat::CloudFront;
  return std::nullopt;
}

OpenedTrace openTrace(const std::string& path, const ReaderOptions& options) {
  switch (options.format) {
    case TraceFormat::Csv:
      return openWith<TextTraceReader<CsvLineParser>>(path, CsvLineParser(options.delimiter),
                                                      options.skipBadLines);
    case TraceFormat::Text:
      return openWith<TextTraceReader<TextLineParser>>(path, TextLineParser(),
                                                       options.skipBadLines);
    case TraceFormat::CloudFront:
      return openWith<TextTraceReader<CloudFrontLineParser>>(path, CloudFrontLineParser(),
                                                             options.skipBadLines);
    case TraceFormat::OracleGeneral:
      return openWith<OracleGeneralReader>(path, options.skipBadLines);
  }
  return {nullptr, "unknown trace format"};
}

std::optional<std::uint64_t> lineOfRecord(const std::string& path, const ReaderOptions& options,
                                          std::uint64_t ordinal) {
  if (ordinal == 0) return std::nullopt;
  OpenedTrace opened = openTrace(path, options);
  if (!opened.reader) return std::nullopt;
  std::vector<TraceRequest> batch(4096);
  // Whole batches up to the record before, then a batch of exactly one: it ends on the record.
  for (std::uint64_t before = ordinal - 1; before > 0;) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(before, batch.size()));
    const std::size_t got = opened.reader->nextBatch(std::span(batch.data(), want));
    if (got != want) return std::nullopt;
    before -= got;
  }
  if (opened.reader->nextBatch(std::span(batch.data(), 1)) != 1) return std::nullopt;
  return opened.reader->lastRecordLine();
}

bool TraceCursor::next(TraceRequest& out) {
  if (pos_ == filled_) {
    filled_ = reader_.nextBatch(buffer_);
    pos_ = 0;
    if (filled_ == 0) return false;
  }
  out = buffer_[pos_++];
  return true;
}

}  // namespace cdnsim::sim::trace
