#pragma once
// "No partial output files": every output (summary.json, timeseries.csv, traces, logs, reports) is
// written to a temporary file beside its destination and renamed over it only when complete. A
// run that fails or is killed leaves the previous file (or nothing) in place, never half a file;
// rename(2) within one directory is atomic for other processes.
//
// Appends go to a large in-memory buffer flushed with write(2), so writing a multi-gigabyte trace
// costs one system call per megabyte. Errors are sticky, like an ostream's: append() never fails
// loudly; the first error is kept and reported by commit(), which then removes the temporary file.
//
// Not thread-safe: one writer per AtomicFile.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/cleanup_registry.h"

namespace cdnsim::io {

// The outcome of a file operation: ok, or a one-line message naming the file and the cause.
class [[nodiscard]] IoStatus {
 public:
  static IoStatus success() { return IoStatus{}; }
  // errorNumber: the errno behind the failure, 0 when there is none (lets callers tell a path the
  // user got wrong, e.g. EACCES or ENOTDIR, from an I/O error such as ENOSPC).
  static IoStatus failure(std::string message, int errorNumber = 0) {
    return IoStatus{std::move(message), errorNumber};
  }

  bool ok() const { return !error_.has_value(); }
  int errorNumber() const { return errorNumber_; }
  // A failure caused by the path itself rather than by writing: permission denied, read-only
  // filesystem, something that is not a directory in the way, a name too long, a symlink loop.
  bool isPathProblem() const;
  // The message, or "" when ok().
  std::string message() const { return error_.value_or(""); }
  // "ok" or the message, for logs and test output.
  std::string toString() const { return error_.value_or("ok"); }
  friend bool operator==(const IoStatus&, const IoStatus&) = default;

 private:
  IoStatus() = default;
  IoStatus(std::string message, int errorNumber) : error_(std::move(message)), errorNumber_(errorNumber) {}
  std::optional<std::string> error_;
  int errorNumber_ = 0;
};

struct AtomicFileOptions {
  // fsync the file before the rename and the directory after it, so that a machine crash leaves
  // the old or the new file rather than an empty one. Costs one or two disk flushes per file.
  bool durable{true};
  // Bytes buffered before a write(2); appends at least this large bypass the buffer.
  std::size_t bufferBytes{1 << 20};
  friend bool operator==(const AtomicFileOptions&, const AtomicFileOptions&) = default;
};

class AtomicFile {
 public:
  // Creates "<path>.tmp-<pid>-<n>" (n counts AtomicFiles in this process, so two writers of one
  // path never share a temporary) with mode 0666 & ~umask. On failure the object is not open and
  // status()/commit() report why.
  explicit AtomicFile(std::filesystem::path path, AtomicFileOptions options = {});
  // Without a successful commit(), removes the temporary file: the destination is untouched.
  ~AtomicFile();
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Copies into the buffer (amortised O(size)); ignored after an error, commit or abandon.
  void append(std::string_view bytes);
  void append(char c) { append(std::string_view(&c, 1)); }

  // Flushes, (if durable) fsyncs, closes and renames the temporary over the destination. On
  // failure removes the temporary and returns the first error. Only the first call does anything.
  IoStatus commit();
  // Removes the temporary file now; the destination is untouched.
  void abandon();

  bool isOpen() const { return fd_.has_value(); }
  // The first error so far, or success.
  IoStatus status() const { return error_ ? IoStatus::failure(*error_, errorNumber_) : IoStatus::success(); }
  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& temporaryPath() const { return tempPath_; }
  // Bytes appended so far (buffered or written).
  std::uint64_t size() const { return size_; }

 private:
  void flushBuffer();
  void writeAll(const char* data, std::size_t size);
  void fail(std::string message, int errorNumber = 0);
  void closeAndRemove();

  std::filesystem::path path_;
  std::filesystem::path tempPath_;
  AtomicFileOptions options_;
  std::optional<int> fd_;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::uint64_t size_ = 0;
  std::optional<std::string> error_;
  int errorNumber_ = 0;  // errno of error_, when it had one
  CleanupPath cleanup_;    // the temporary, removed if a signal ends the process (cleanup_registry.h)
  bool finished_ = false;  // committed or abandoned
};

// Writes `contents` to `path` through an AtomicFile.
IoStatus writeFileAtomically(const std::filesystem::path& path, std::string_view contents,
                             AtomicFileOptions options = {});

// Creates `dir` and its parents if missing (std::filesystem::create_directories). Fails with a
// message naming the directory when it cannot be created or exists as something else.
IoStatus ensureDirectory(const std::filesystem::path& dir);

}  // namespace cdnsim::io
