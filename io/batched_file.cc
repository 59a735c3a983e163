// BatchedFile: double-buffered, optionally gzip-compressed writes on a background thread (see
// batched_file.h). Compression is zlib's deflate with a gzip wrapper (windowBits 15 + 16).
#include "io/batched_file.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace cdnsim::io {

// The deflate stream and its output buffer. Compressed bytes are collected until the buffer is
// full, so the file sees a few large writes rather than one per deflate block.
struct BatchedFile::Deflater {
  z_stream stream{};
  bool initialised = false;
  std::vector<char> out;
  std::size_t used = 0;

  ~Deflater() {
    if (initialised) deflateEnd(&stream);
  }
};

namespace {
// At least this much compressed output is collected before a write(2).
constexpr std::size_t kMinDeflateOutBytes = 64 << 10;
}  // namespace

BatchedFile::BatchedFile(std::filesystem::path finalPath, BatchedFileOptions options)
    : options_(options),
      // Batches reach the file whole: AtomicFile's own buffer would only add a copy (0 = bypass).
      file_(std::move(finalPath), AtomicFileOptions{.durable = options.durable, .bufferBytes = 0}) {
  if (!file_.isOpen()) {
    failed_ = true;  // commit() reports AtomicFile's error; nothing is compressed or written
    return;
  }
  if (options_.gzip) {
    deflater_ = std::make_unique<Deflater>();
    constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip header and trailer
    constexpr int kMemLevel = 8;              // zlib's default
    const int rc = deflateInit2(&deflater_->stream, options_.gzipLevel, Z_DEFLATED, kGzipWindowBits,
                                kMemLevel, Z_DEFAULT_STRATEGY);
    if (rc != Z_OK) {
      fail(fmt::format("cannot start gzip stream for '{}' (level {}): zlib error {}", file_.path().string(),
                       options_.gzipLevel, rc));
      return;
    }
    deflater_->initialised = true;
    deflater_->out.resize(std::max(options_.batchBytes, kMinDeflateOutBytes));
  }
  // Room for the line that crosses the mark, so neither buffer grows after the first batches.
  const std::size_t reserve = options_.batchBytes + options_.batchBytes / 2;
  front_.reserve(reserve);
  if (options_.background) {
    back_.reserve(reserve);
    writer_ = std::thread([this] { writerLoop(); });
  }
}

BatchedFile::~BatchedFile() {
  if (writer_.joinable()) {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
      finish_ = false;
    }
    writerWake_.notify_one();
    writer_.join();
  }
  // file_'s destructor removes the temporary unless commit() succeeded.
}

void BatchedFile::handOff() {
  if (!writer_.joinable()) {
    writeBatch(front_);
    front_.clear();  // keeps its capacity
    return;
  }
  {
    std::unique_lock lock(mutex_);
    callerWake_.wait(lock, [this] { return !backFull_; });
    front_.swap(back_);  // back_ was cleared by the writer; both keep their capacity
    backFull_ = true;
  }
  writerWake_.notify_one();
}

void BatchedFile::writerLoop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    writerWake_.wait(lock, [this] { return backFull_ || stop_; });
    if (stop_ && !finish_) return;  // destroyed without commit: the batch is not wanted
    if (backFull_) {
      lock.unlock();  // the caller does not touch back_ while backFull_
      writeBatch(back_);
      back_.clear();
      lock.lock();
      backFull_ = false;
      callerWake_.notify_one();
      continue;
    }
    break;  // stop_ with finish_, and the last batch written
  }
  lock.unlock();
  finishStream();
}

void BatchedFile::fail(std::string message) {
  if (!error_) error_ = std::move(message);
  failed_.store(true, std::memory_order_relaxed);
}

void BatchedFile::writeBatch(const std::string& batch) {
  if (batch.empty() || error_ || !file_.status().ok()) return;  // after an error batches are dropped
  if (!deflater_) {
    file_.append(batch);
    if (!file_.status().ok()) failed_.store(true, std::memory_order_relaxed);
    return;
  }
  Deflater& d = *deflater_;
  const char* next = batch.data();
  std::size_t left = batch.size();
  while (left > 0 && !error_) {
    const std::size_t chunk = std::min<std::size_t>(left, UINT_MAX);  // avail_in is an unsigned int
    d.stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(next));
    d.stream.avail_in = static_cast<uInt>(chunk);
    // Deflate until all input is taken; write out the collected output whenever it fills up.
    do {
      d.stream.next_out = reinterpret_cast<Bytef*>(d.out.data() + d.used);
      d.stream.avail_out = static_cast<uInt>(d.out.size() - d.used);
      const int rc = deflate(&d.stream, Z_NO_FLUSH);
      if (rc == Z_STREAM_ERROR) {
        fail(fmt::format("gzip stream for '{}' failed: zlib error {}", file_.path().string(), rc));
        return;
      }
      d.used = d.out.size() - d.stream.avail_out;
      if (d.used == d.out.size()) {
        file_.append(std::string_view(d.out.data(), d.used));
        d.used = 0;
      }
    } while (d.stream.avail_in > 0);
    next += chunk;
    left -= chunk;
  }
  if (!file_.status().ok()) failed_.store(true, std::memory_order_relaxed);
}

void BatchedFile::finishStream() {
  if (!deflater_ || !deflater_->initialised || error_ || !file_.status().ok()) return;
  Deflater& d = *deflater_;
  d.stream.next_in = nullptr;
  d.stream.avail_in = 0;
  for (;;) {
    d.stream.next_out = reinterpret_cast<Bytef*>(d.out.data() + d.used);
    d.stream.avail_out = static_cast<uInt>(d.out.size() - d.used);
    const int rc = deflate(&d.stream, Z_FINISH);
    if (rc != Z_OK && rc != Z_STREAM_END) {  // there is always output space: no Z_BUF_ERROR
      fail(fmt::format("cannot finish gzip stream for '{}': zlib error {}", file_.path().string(), rc));
      return;
    }
    d.used = d.out.size() - d.stream.avail_out;
    if (rc == Z_STREAM_END || d.used == d.out.size()) {
      file_.append(std::string_view(d.out.data(), d.used));
      d.used = 0;
    }
    if (rc == Z_STREAM_END) break;
  }
  if (!file_.status().ok()) failed_.store(true, std::memory_order_relaxed);
}

IoStatus BatchedFile::commit() {
  if (committed_) {
    return IoStatus::failure(fmt::format("'{}' was already committed", file_.path().string()));
  }
  committed_ = true;
  if (writer_.joinable()) {
    if (!front_.empty()) handOff();
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
      finish_ = true;
    }
    writerWake_.notify_one();
    writer_.join();  // the writer wrote every batch and ended the stream; its state is ours now
  } else {
    writeBatch(front_);
    front_.clear();
    finishStream();
  }
  if (error_) {
    file_.abandon();  // a truncated gzip stream must not reach the final path
    return IoStatus::failure(*error_);
  }
  return file_.commit();  // AtomicFile's first error (create, write, sync, rename), if any
}

}  // namespace cdnsim::io
