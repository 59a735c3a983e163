#include "sim/trace/line_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>

namespace cdnsim::sim::trace {

namespace {
constexpr std::size_t kChunk = std::size_t{1} << 20;     // bytes inflated per gzread call
constexpr std::size_t kWindow = std::size_t{8} << 20;    // mapped bytes handed out per refill
constexpr std::size_t kMaxLine = std::size_t{64} << 20;  // a longer "line" is not a trace
}  // namespace

LineSource::~LineSource() {
  if (gz_ != nullptr) gzclose(gz_);
}

std::string LineSource::open(const std::string& path) {
  // Sniff gzip's magic bytes (RFC 1952 §2.3.1) instead of trusting the file name.
  unsigned char magic[2] = {0, 0};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return std::string("cannot open: ") + std::strerror(errno);
  const std::size_t got = std::fread(magic, 1, 2, f);
  std::fclose(f);
  if (got == 2 && magic[0] == 0x1F && magic[1] == 0x8B) {
    path_ = path;
    gz_ = gzopen(path.c_str(), "rb");
    if (gz_ == nullptr) return "cannot open gzip stream";
    gzbuffer(gz_, 256 * 1024);
    buffer_.resize(kChunk);
    return {};
  }
  std::string why = map_.open(path);
  if (!why.empty()) return "cannot open: " + why;
  cur_ = end_ = dataEnd_ = map_.bytes().data();  // the first nextLine() maps in a window
  return {};
}

bool LineSource::refillMapped() {
  const char* base = map_.bytes().data();
  const char* mapEnd = base + map_.bytes().size();
  if (cur_ == mapEnd) return false;
  map_.releaseBefore(static_cast<std::size_t>(cur_ - base));
  const char* windowEnd = mapEnd;
  if (static_cast<std::size_t>(mapEnd - cur_) > kWindow) {
    // End the window after its last '\n' so that no line is cut (or, for a line longer than the
    // window, after that line).
    const std::string_view window(cur_, kWindow);
    const std::size_t lastNl = window.rfind('\n');
    if (lastNl != std::string_view::npos) {
      windowEnd = cur_ + lastNl + 1;
    } else {
      const auto* nl = static_cast<const char*>(
          std::memchr(cur_ + kWindow, '\n', static_cast<std::size_t>(mapEnd - cur_) - kWindow));
      windowEnd = nl != nullptr ? nl + 1 : mapEnd;
    }
  }
  end_ = dataEnd_ = windowEnd;
  return true;
}

std::string LineSource::describeGzipError(const char* fallback) {
  int code = 0;
  const char* msg = gzerror(gz_, &code);
  std::string_view what = msg != nullptr && *msg != '\0' ? msg : fallback;
  // zlib words it "path: message"; the caller names the file once already.
  if (what.starts_with(path_) && what.substr(path_.size()).starts_with(": "))
    what.remove_prefix(path_.size() + 2);
  return fmt::format(
      "gzip: damaged stream: {} ({} bytes inflated, near byte {} of the compressed file)", what,
      gztell(gz_), gzoffset(gz_));
}

std::string LineSource::gzipDamage() {
  if (gz_ == nullptr) return {};
  if (!ioError_.empty()) return ioError_;
  std::vector<char> scratch(kChunk);
  while (!eof_) {
    const int n = gzread(gz_, scratch.data(), static_cast<unsigned>(scratch.size()));
    int code = 0;
    gzerror(gz_, &code);
    if (n < 0 || (n == 0 && code != Z_OK && code != Z_STREAM_END)) {
      ioError_ = describeGzipError("read error");
      return ioError_;
    }
    if (n == 0) eof_ = true;
  }
  return {};
}

bool LineSource::refillGzip() {
  if (!ioError_.empty()) return false;
  const std::size_t tail = static_cast<std::size_t>(dataEnd_ - end_);
  if (tail > 0) std::memmove(buffer_.data(), end_, tail);
  std::size_t have = tail;
  for (;;) {
    if (eof_) {
      if (have == 0) return false;
      cur_ = buffer_.data();  // the last line has no '\n'
      end_ = dataEnd_ = cur_ + have;
      return true;
    }
    if (have == buffer_.size()) {
      if (buffer_.size() >= kMaxLine) {
        ioError_ = "line longer than 64 MiB";
        return false;
      }
      buffer_.resize(buffer_.size() * 2);
    }
    const std::size_t want = std::min<std::size_t>(buffer_.size() - have, INT_MAX);
    const int n = gzread(gz_, buffer_.data() + have, static_cast<unsigned>(want));
    if (n < 0) {
      ioError_ = describeGzipError("read error");
      return false;
    }
    if (n == 0) {
      // gzread returns 0 at the end, and also for a truncated stream: tell them apart.
      int code = 0;
      gzerror(gz_, &code);
      if (code != Z_OK && code != Z_STREAM_END) {
        ioError_ = describeGzipError("read error");
        return false;
      }
      eof_ = true;
      continue;
    }
    const std::size_t scanFrom = have;
    have += static_cast<std::size_t>(n);
    const std::string_view fresh(buffer_.data() + scanFrom, have - scanFrom);
    const std::size_t lastNl = fresh.rfind('\n');
    if (lastNl != std::string_view::npos) {
      cur_ = buffer_.data();
      end_ = buffer_.data() + scanFrom + lastNl + 1;
      dataEnd_ = buffer_.data() + have;
      return true;
    }
  }
}

}  // namespace cdnsim::sim::trace
