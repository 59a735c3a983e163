#include "sim/replay/log_file_reader.h"

#include <fmt/format.h>

#include <iterator>
#include <vector>

#include "core/config/config_error.h"
#include "sim/replay/cloudfront_log_line.h"
#include "sim/trace/line_parsers.h"
#include "sim/trace/line_source.h"
#include "sim/trace/trace_reader.h"

namespace cdnsim::sim::replay {

namespace {

using core::config::ConfigError;
using core::config::ReplayConfig;

// A bad line's message quotes its start, so the user sees what was wrong.
std::string describe(std::string_view what, std::string_view line) {
  constexpr std::size_t kQuote = 60;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string quoted(line.substr(0, kQuote));
  for (char& c : quoted) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return fmt::format("{} in \"{}{}\"", what, quoted, line.size() > kQuote ? "..." : "");
}

void appendId(std::string& path, std::string_view prefix, std::uint64_t id) {
  path.assign(prefix);
  fmt::format_to(std::back_inserter(path), "{}", id);
}

void traceFields(ReplayRequest& out) {
  out.method.assign("GET");
  out.edgeLocation.clear();
  out.clientIp.clear();
  out.host.clear();
  out.query.clear();
  out.cookie.clear();
  out.userAgent.clear();
}

// Text formats: lines from a LineSource through a parser.
template <typename Derived>
class TextFileReader : public LogFileReader {
 public:
  TextFileReader(const ReplayConfig& config, std::uint32_t index) : config_(config), index_(index) {
    if (std::string why = source_.open(config.files[index]); !why.empty()) {
      throw ConfigError(config.fileMarks[index],
                        fmt::format("cannot read replay file '{}': {}", config.files[index], why));
    }
  }

  ReadOutcome next(ReplayRequest& out) override {
    std::string_view line;
    for (;;) {
      if (!source_.nextLine(line)) {
        if (!source_.ioError().empty()) damaged(source_.ioError());
        return ReadOutcome::End;
      }
      out.file = index_;
      out.line = source_.lineNumber();
      const char* bad = static_cast<Derived*>(this)->parseLine(line, out);
      if (bad == nullptr) continue;  // a header or comment
      if (*bad == '\0') return ReadOutcome::Request;
      // Garbage inflated from a damaged gzip stream is the file's fault, not the line's.
      if (std::string damage = source_.gzipDamage(); !damage.empty()) damaged(damage);
      message_ = describe(bad, line);
      return ReadOutcome::Bad;
    }
  }

 protected:
  const ReplayConfig& config_;

 private:
  [[noreturn]] void damaged(const std::string& why) {
    throw ConfigError({config_.files[index_], static_cast<int>(source_.lineNumber() + 1), 1},
                      why);
  }

  std::uint32_t index_;
  trace::LineSource source_;
};

class CloudFrontFileReader final : public TextFileReader<CloudFrontFileReader> {
 public:
  using TextFileReader::TextFileReader;
  // nullptr: not a request; "": a request; else what is wrong.
  const char* parseLine(std::string_view line, ReplayRequest& out) {
    const LogLineResult r = parser_.parse(line, out);
    if (r.kind == LogLineKind::Header) return nullptr;
    return r.kind == LogLineKind::Request ? "" : r.message;
  }

 private:
  CloudFrontLogLineParser parser_;
};

class CsvFileReader final : public TextFileReader<CsvFileReader> {
 public:
  CsvFileReader(const ReplayConfig& config, std::uint32_t index)
      : TextFileReader(config, index), parser_(config.csvDelimiter) {}
  const char* parseLine(std::string_view line, ReplayRequest& out) {
    trace::TraceRequest r;
    const trace::LineResult result = parser_.parse(line, r);
    if (result.kind == trace::LineKind::Skip) return nullptr;
    if (result.kind == trace::LineKind::Bad) return result.message;
    out.time = r.timestamp;
    out.objectId = r.id;
    out.bytes = r.size;
    traceFields(out);
    appendId(out.path, config_.pathPrefix, r.id);
    return "";
  }

 private:
  trace::CsvLineParser parser_;
};

// oracleGeneral: fixed records, so the only bad "line" is a truncated last record.
class OracleGeneralFileReader final : public LogFileReader {
 public:
  OracleGeneralFileReader(const ReplayConfig& config, std::uint32_t index)
      : config_(config), index_(index) {
    trace::ReaderOptions options;
    options.format = trace::TraceFormat::OracleGeneral;
    auto opened = trace::openTrace(config.files[index], options);
    if (!opened.reader) {
      throw ConfigError(config.fileMarks[index], fmt::format("cannot read replay file '{}': {}",
                                                             config.files[index], opened.error));
    }
    reader_ = std::move(opened.reader);
    cursor_ = std::make_unique<trace::TraceCursor>(*reader_, 1024);
  }

  ReadOutcome next(ReplayRequest& out) override {
    trace::TraceRequest r;
    if (!cursor_->next(r)) {
      if (reader_->error() && !reported_) {
        reported_ = true;
        out.file = index_;
        out.line = reader_->error()->line;
        message_ = reader_->error()->message;
        return ReadOutcome::Bad;
      }
      return ReadOutcome::End;
    }
    out.file = index_;
    out.line = ++records_;
    out.time = r.timestamp;
    out.objectId = r.id;
    out.bytes = r.size;
    traceFields(out);
    appendId(out.path, config_.pathPrefix, r.id);
    return ReadOutcome::Request;
  }

 private:
  const ReplayConfig& config_;
  std::uint32_t index_;
  std::unique_ptr<trace::TraceReader> reader_;
  std::unique_ptr<trace::TraceCursor> cursor_;
  std::uint64_t records_ = 0;
  bool reported_ = false;
};

}  // namespace

std::unique_ptr<LogFileReader> openLogFile(const ReplayConfig& config, std::uint32_t index) {
  switch (config.format) {
    case core::config::ReplayFormat::CloudFront:
      return std::make_unique<CloudFrontFileReader>(config, index);
    case core::config::ReplayFormat::Csv:
      return std::make_unique<CsvFileReader>(config, index);
    case core::config::ReplayFormat::OracleGeneral:
      return std::make_unique<OracleGeneralFileReader>(config, index);
  }
  return nullptr;
}

}  // namespace cdnsim::sim::replay
