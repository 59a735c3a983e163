// OutputSet: a staging folder inside the destination, swapped in by renames (see output_set.h).
#include "io/output_set.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <system_error>

#include <fmt/format.h>

#include "io/errno_text.h"

namespace cdnsim::io {

namespace {

std::atomic<std::uint64_t> stagingCounter{0};

// A folder where an output file should go could be neither removed nor replaced.
IoStatus checkNoFolderInTheWay(const std::filesystem::path& dir, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    struct stat st {};
    if (::lstat((dir / name).c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      return IoStatus::failure(
          fmt::format("'{}' is a directory: cannot replace it with the output file", (dir / name).string()), EISDIR);
    }
  }
  return IoStatus::success();
}

// Blocks the terminating signals on this thread for its lifetime.
class SignalBlock {
 public:
  SignalBlock() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    ::pthread_sigmask(SIG_BLOCK, &set, &saved_);
  }
  ~SignalBlock() { ::pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;

 private:
  sigset_t saved_;
};

}  // namespace

bool OutputNamePattern::matches(std::string_view name) const {
  return name.size() > prefix.size() + suffix.size() && name.substr(0, prefix.size()) == prefix &&
         name.substr(name.size() - suffix.size()) == suffix;
}

OutputSet::OutputSet(std::filesystem::path dir, std::vector<std::string> knownNames,
                     std::vector<OutputNamePattern> knownPatterns)
    : dir_(std::move(dir)), knownNames_(std::move(knownNames)), knownPatterns_(std::move(knownPatterns)) {
  if (dir_.empty()) dir_ = ".";
  status_ = ensureDirectory(dir_);
  if (status_.ok()) status_ = checkNoFolderInTheWay(dir_, knownNames_);
  if (!status_.ok()) return;
  std::filesystem::path staging =
      dir_ / fmt::format(".cdnsim-out.tmp-{}-{}", static_cast<long>(::getpid()),
                         stagingCounter.fetch_add(1, std::memory_order_relaxed));
  // Registered before it exists, as AtomicFile's temporaries are: rmdir(2) of a folder that was
  // never made, or is not empty, does nothing.
  stagingCleanup_ = CleanupPath(staging, CleanupKind::Folder);
  if (::mkdir(staging.c_str(), 0777) != 0) {
    const int err = errno;
    stagingCleanup_.release();
    status_ = IoStatus::failure(
        fmt::format("cannot write into output directory '{}': {}", dir_.string(), errnoText(err)), err);
    return;
  }
  staging_ = std::move(staging);
}

OutputSet::~OutputSet() {
  if (!finished_) removeStaged();
}

std::filesystem::path OutputSet::stagedPath(std::string_view name) {
  const std::string n(name);
  if (std::find(staged_.begin(), staged_.end(), n) == staged_.end()) {
    staged_.push_back(n);
    if (!staging_.empty()) cleanup_.emplace_back(staging_ / n, CleanupKind::File);
  }
  return staging_.empty() ? dir_ / n : staging_ / n;
}

void OutputSet::removeStaged() {
  if (staging_.empty()) return;
  for (const std::string& name : staged_) ::unlink((staging_ / name).c_str());
  ::rmdir(staging_.c_str());  // fails, harmlessly, if a writer left something of its own
  cleanup_.clear();
  stagingCleanup_.release();
}

IoStatus OutputSet::commit() {
  if (finished_) return IoStatus::failure(fmt::format("outputs in '{}' were already committed", dir_.string()));
  finished_ = true;
  if (!status_.ok()) return status_;
  for (const std::string& name : staged_) {
    struct stat st {};
    if (::stat((staging_ / name).c_str(), &st) != 0) {
      const int err = errno;
      removeStaged();
      return IoStatus::failure(fmt::format("output '{}' was not written: {}", (staging_ / name).string(),
                                           errnoText(err)), err);
    }
  }
  // 1. Nothing is touched if a known or staged name is taken by a folder (made since the
  // constructor looked).
  std::vector<std::string> names = knownNames_;
  names.insert(names.end(), staged_.begin(), staged_.end());
  if (auto s = checkNoFolderInTheWay(dir_, names); !s.ok()) {
    removeStaged();
    return s;
  }
  const SignalBlock block;
  // 2. The earlier run's outputs go first, so its files never stand beside this run's.
  for (const std::string& name : knownNames_) {
    if (::unlink((dir_ / name).c_str()) != 0 && errno != ENOENT) {
      const int err = errno;
      removeStaged();
      return IoStatus::failure(fmt::format("cannot remove earlier output '{}': {}", (dir_ / name).string(),
                                           errnoText(err)), err);
    }
  }
  // Files that fit a pattern: an earlier run's outputs whose names that run chose.
  if (!knownPatterns_.empty()) {
    std::error_code ec;
    std::vector<std::filesystem::path> earlier;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
      const std::string name = entry.path().filename().string();
      std::error_code typeError;
      if (entry.is_directory(typeError)) continue;  // never ours; folders are left alone
      for (const auto& pattern : knownPatterns_) {
        if (pattern.matches(name)) earlier.push_back(entry.path());
      }
    }
    std::sort(earlier.begin(), earlier.end());
    for (const auto& path : earlier) {
      if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        const int err = errno;
        removeStaged();
        return IoStatus::failure(fmt::format("cannot remove earlier output '{}': {}", path.string(),
                                             errnoText(err)), err);
      }
    }
  }
  // 3. The new set, in staging order.
  for (const std::string& name : staged_) {
    if (::rename((staging_ / name).c_str(), (dir_ / name).c_str()) != 0) {
      const int err = errno;
      removeStaged();
      return IoStatus::failure(fmt::format("cannot move '{}' into '{}': {}", (staging_ / name).string(),
                                           dir_.string(), errnoText(err)), err);
    }
  }
  cleanup_.clear();
  ::rmdir(staging_.c_str());
  stagingCleanup_.release();
  // The renames are durable once the folder is synced (as AtomicFile does for one file).
  const int fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    const bool synced = ::fsync(fd) == 0 || errno == EINVAL;
    const int err = errno;
    ::close(fd);
    if (!synced) {
      return IoStatus::failure(fmt::format("cannot sync directory '{}': {}", dir_.string(), errnoText(err)), err);
    }
  }
  return IoStatus::success();
}

}  // namespace cdnsim::io
