#pragma once
// Paths to remove if a signal ends the process: the temporaries of AtomicFile and the staging folder
// of an OutputSet. Destructors cannot run when SIGINT or SIGTERM kills a process, so without this a
// Ctrl-C during a long run leaves hundreds of megabytes of "*.tmp-*" files behind.
//
// The table is a fixed array of slots (no allocation, no locks) so that the signal handler only
// reads memory and calls unlink(2), rmdir(2), sigaction(2) and raise(3), all async-signal-safe
// (POSIX.1-2017, System Interfaces 2.4.3). The handler removes every registered file, then every
// registered folder (files first, so a staging folder is empty by then), restores the default
// action and raises the signal again: the process ends with the signal's status, as if uncaught.
//
// Registering is cheap (one compare-and-swap and a path copy) and does nothing visible unless
// installCleanupOnSignals() was called. A path longer than kMaxCleanupPathBytes, or one past the
// kCleanupSlots-th, is not registered: it would then be left behind by a signal, as before.

#include <cstddef>
#include <filesystem>

namespace cdnsim::io {

inline constexpr std::size_t kCleanupSlots = 64;
inline constexpr std::size_t kMaxCleanupPathBytes = 4096;

enum class CleanupKind {
  File,    // unlink(2)
  Folder,  // rmdir(2), after every file: only an empty folder is removed
};

// One registered path, unregistered by the destructor (or release()). Movable, not copyable.
class CleanupPath {
 public:
  CleanupPath() = default;
  CleanupPath(const std::filesystem::path& path, CleanupKind kind);
  ~CleanupPath() { release(); }
  CleanupPath(CleanupPath&& other) noexcept;
  CleanupPath& operator=(CleanupPath&& other) noexcept;
  CleanupPath(const CleanupPath&) = delete;
  CleanupPath& operator=(const CleanupPath&) = delete;

  // Stops watching the path (it was renamed into place or removed by its owner).
  void release();
  bool registered() const { return slot_ >= 0; }

 private:
  int slot_ = -1;
};

// Installs the handler for SIGINT, SIGTERM and SIGHUP (each unless it is ignored, as in a
// background job of a non-interactive shell). Call once, from the main thread, before work starts.
void installCleanupOnSignals();

// Paths registered now, for tests.
std::size_t registeredCleanupPaths();

// Runs what the handler runs, without the signal: removes every registered path. For tests.
void removeRegisteredPathsForTesting();

}  // namespace cdnsim::io
