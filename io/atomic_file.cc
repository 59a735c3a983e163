// AtomicFile: temporary file + rename (see atomic_file.h). POSIX only (open/write/fsync/rename).
#include "io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "io/errno_text.h"

namespace cdnsim::io {

namespace {

std::atomic<std::uint64_t> temporaryCounter{0};

// fsync of a directory makes a rename in it durable (POSIX leaves this to the application).
std::optional<std::string> syncDirectory(const std::filesystem::path& dir) {
  const std::filesystem::path target = dir.empty() ? std::filesystem::path(".") : dir;
  const int fd = ::open(target.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return fmt::format("cannot open directory '{}': {}", target.string(), errnoText(errno));
  std::optional<std::string> error;
  if (::fsync(fd) != 0 && errno != EINVAL) {  // EINVAL: the filesystem cannot sync directories
    error = fmt::format("cannot sync directory '{}': {}", target.string(), errnoText(errno));
  }
  ::close(fd);
  return error;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path path, AtomicFileOptions options)
    : path_(std::move(path)), options_(options) {
  // A temporary left by a crashed process with the same pid would make O_EXCL fail: step over it.
  constexpr int kAttempts = 100;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const std::uint64_t n = temporaryCounter.fetch_add(1, std::memory_order_relaxed);
    tempPath_ = path_;
    tempPath_ += fmt::format(".tmp-{}-{}", static_cast<long>(::getpid()), n);
    // Registered before it exists: a signal between open(2) and a later registration would leave
    // the file behind. Should the name be taken (EEXIST), a signal in this short window removes
    // a temporary of a dead process with our pid, which is garbage anyway.
    cleanup_ = CleanupPath(tempPath_, CleanupKind::File);
    const int fd = ::open(tempPath_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      fd_ = fd;
      buffer_.resize(options_.bufferBytes);
      return;
    }
    cleanup_.release();
    if (errno != EEXIST) {
      const int err = errno;
      fail(fmt::format("cannot create '{}': {}", tempPath_.string(), errnoText(err)), err);
      tempPath_.clear();  // nothing of ours to remove
      return;
    }
  }
  fail(fmt::format("cannot create a temporary file for '{}': {} names taken", path_.string(), kAttempts));
  tempPath_.clear();  // the names taken are not ours to remove
}

AtomicFile::~AtomicFile() {
  if (!finished_) abandon();
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      tempPath_(std::move(other.tempPath_)),
      options_(other.options_),
      fd_(std::exchange(other.fd_, std::nullopt)),
      buffer_(std::move(other.buffer_)),
      used_(std::exchange(other.used_, 0)),
      size_(std::exchange(other.size_, 0)),
      error_(std::move(other.error_)),
      errorNumber_(other.errorNumber_),
      cleanup_(std::move(other.cleanup_)),
      finished_(std::exchange(other.finished_, true)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    if (!finished_) abandon();
    path_ = std::move(other.path_);
    tempPath_ = std::move(other.tempPath_);
    options_ = other.options_;
    fd_ = std::exchange(other.fd_, std::nullopt);
    buffer_ = std::move(other.buffer_);
    used_ = std::exchange(other.used_, 0);
    size_ = std::exchange(other.size_, 0);
    error_ = std::move(other.error_);
    errorNumber_ = other.errorNumber_;
    cleanup_ = std::move(other.cleanup_);
    finished_ = std::exchange(other.finished_, true);
  }
  return *this;
}

void AtomicFile::fail(std::string message, int errorNumber) {
  if (error_) return;
  error_ = std::move(message);
  errorNumber_ = errorNumber;
}

void AtomicFile::append(std::string_view bytes) {
  if (bytes.empty() || error_ || finished_ || !fd_) return;
  size_ += bytes.size();
  if (used_ + bytes.size() > buffer_.size()) {
    flushBuffer();
    if (bytes.size() >= buffer_.size()) {
      writeAll(bytes.data(), bytes.size());
      return;
    }
  }
  std::memcpy(buffer_.data() + used_, bytes.data(), bytes.size());
  used_ += bytes.size();
}

void AtomicFile::flushBuffer() {
  if (used_ == 0) return;
  writeAll(buffer_.data(), used_);
  used_ = 0;
}

void AtomicFile::writeAll(const char* data, std::size_t size) {
  while (size > 0 && !error_) {
    const ssize_t written = ::write(*fd_, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      fail(fmt::format("cannot write '{}': {}", tempPath_.string(), errnoText(err)), err);
      return;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

IoStatus AtomicFile::commit() {
  if (finished_) {
    return error_ ? IoStatus::failure(*error_, errorNumber_)
                  : IoStatus::failure(fmt::format("'{}' was already committed or abandoned", path_.string()));
  }
  if (fd_ && !error_) {
    flushBuffer();
    if (!error_ && options_.durable && ::fsync(*fd_) != 0) {
      const int err = errno;
      fail(fmt::format("cannot sync '{}': {}", tempPath_.string(), errnoText(err)), err);
    }
    const int fd = *std::exchange(fd_, std::nullopt);
    // close() can report a deferred write error (NFS, quotas): it must be checked.
    if (::close(fd) != 0 && !error_) {
      const int err = errno;
      fail(fmt::format("cannot close '{}': {}", tempPath_.string(), errnoText(err)), err);
    }
  }
  if (!error_ && ::rename(tempPath_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    fail(fmt::format("cannot rename '{}' to '{}': {}", tempPath_.string(), path_.string(), errnoText(err)), err);
  }
  if (error_) {
    closeAndRemove();
    finished_ = true;
    return IoStatus::failure(*error_, errorNumber_);
  }
  finished_ = true;
  cleanup_.release();  // renamed: the temporary name is gone, and the destination is not ours to remove
  buffer_ = {};
  if (options_.durable) {
    if (auto e = syncDirectory(path_.parent_path())) return IoStatus::failure(*e);
  }
  return IoStatus::success();
}

void AtomicFile::abandon() {
  if (finished_) return;
  closeAndRemove();
  finished_ = true;
}

void AtomicFile::closeAndRemove() {
  if (fd_) ::close(*std::exchange(fd_, std::nullopt));
  if (!tempPath_.empty()) ::unlink(tempPath_.c_str());  // may not exist if creation failed
  cleanup_.release();
  buffer_ = {};
  used_ = 0;
}

bool IoStatus::isPathProblem() const {
  switch (errorNumber_) {
    case EACCES: case EPERM: case EROFS: case ENOTDIR: case EISDIR: case EEXIST: case ENAMETOOLONG:
    case ELOOP: case ENOENT:
      return true;
    default:
      return false;
  }
}

IoStatus writeFileAtomically(const std::filesystem::path& path, std::string_view contents, AtomicFileOptions options) {
  AtomicFile file(path, options);
  file.append(contents);
  return file.commit();
}

IoStatus ensureDirectory(const std::filesystem::path& dir) {
  if (dir.empty()) return IoStatus::success();  // the current directory
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    // create_directories reports an existing non-directory as EEXIST: say what is in the way.
    if (ec == std::errc::file_exists || ec == std::errc::not_a_directory) {
      return IoStatus::failure(fmt::format("output path '{}' is not a directory", dir.string()), ENOTDIR);
    }
    return IoStatus::failure(fmt::format("cannot create output directory '{}': {}", dir.string(), ec.message()),
                             ec.value());
  }
  if (!std::filesystem::is_directory(dir, ec)) {
    return IoStatus::failure(fmt::format("output path '{}' exists and is not a directory", dir.string()), ENOTDIR);
  }
  return IoStatus::success();
}

}  // namespace cdnsim::io
