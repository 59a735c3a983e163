#pragma once
// Hands out the lines of a text trace without copying them: from a memory mapping for plain files,
// or from a chunk buffer refilled by zlib's gzread for gzip files. Lines are views into the mapping
// or the buffer, valid until the next call; the trailing '\n' is removed ('\r' is left to the
// parsers).

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace/mapped_file.h"

namespace cdnsim::sim::trace {

class LineSource {
 public:
  LineSource() = default;
  ~LineSource();
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // Opens `path`, inflating it when it starts with gzip's magic bytes. Empty string on success.
  std::string open(const std::string& path);

  // The next line, or false at the end of the input (or on an I/O error: see ioError()).
  bool nextLine(std::string_view& line) {
    if (cur_ == end_ && !refill()) return false;
    const auto* nl =
        static_cast<const char*>(std::memchr(cur_, '\n', static_cast<std::size_t>(end_ - cur_)));
    const char* stop = nl != nullptr ? nl : end_;
    line = std::string_view(cur_, static_cast<std::size_t>(stop - cur_));
    cur_ = nl != nullptr ? nl + 1 : end_;
    ++lineNumber_;
    return true;
  }

  // Fast path: lets `parser.parseFast(p, end, out)` parse the next line straight from the window,
  // newline included, in one pass. When it declines (anything unusual), nothing is consumed and the
  // caller takes the general path through nextLine().
  template <typename Parser, typename Record>
  bool parseFast(Parser& parser, Record& out) {
    const char* p = cur_;
    if (p == end_ || !parser.parseFast(p, end_, out)) return false;
    cur_ = p;
    ++lineNumber_;
    return true;
  }

  // For a gzip source, whether the rest of the stream is damaged: inflates it to its end (into
  // scratch space; lines are not handed out) and returns zlib's error as ioError() words it, or
  // empty. A corrupt deflate stream can inflate to garbage before zlib notices, so a bad line in a
  // gzip file is blamed on the file only once this says it is intact. Empty for plain files.
  std::string gzipDamage();

  // 1-based number of the line last returned.
  std::uint64_t lineNumber() const { return lineNumber_; }
  const std::string& ioError() const { return ioError_; }

 private:
  // Makes [cur_, end_) hold whole lines again; false at the end of the input.
  bool refill() { return gz_ != nullptr ? refillGzip() : refillMapped(); }
  // Mapped: the next window of whole lines; the pages already parsed are released.
  bool refillMapped();
  // gzip: moves the unfinished last line to the front of the buffer and inflates more. The buffer
  // grows only for lines longer than it.
  bool refillGzip();
  // zlib's last error, with how far into the stream (uncompressed and compressed) it broke.
  std::string describeGzipError(const char* fallback);

  MappedFile map_;
  gzFile gz_{nullptr};
  std::string path_;  // of the gzip file, as zlib's messages quote it
  bool eof_{false};
  std::vector<char> buffer_;
  const char* cur_{nullptr};
  const char* end_{nullptr};      // end of the whole lines ready to hand out
  const char* dataEnd_{nullptr};  // end of the inflated bytes (a partial line may follow end_)
  std::uint64_t lineNumber_{0};
  std::string ioError_;
};

}  // namespace cdnsim::sim::trace
