// The signal-safe table of paths to remove (see cleanup_registry.h).
#include "io/cleanup_registry.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>

namespace cdnsim::io {

namespace {

// A slot is Free, Claimed (being filled by its owner, not read by the handler) or a live File or
// Folder. The owner publishes the path with a release store; the handler reads it after an acquire.
enum SlotState : int { kFree = 0, kClaimed = 1, kLiveFile = 2, kLiveFolder = 3 };

struct Slot {
  std::atomic<int> state{kFree};
  char path[kMaxCleanupPathBytes];
};

Slot slots[kCleanupSlots];

void removeAll() {
  for (Slot& slot : slots) {
    if (slot.state.load(std::memory_order_acquire) == kLiveFile) ::unlink(slot.path);
  }
  for (Slot& slot : slots) {
    if (slot.state.load(std::memory_order_acquire) == kLiveFolder) ::rmdir(slot.path);
  }
}

extern "C" void onTerminatingSignal(int signal) {
  const int savedErrno = errno;
  removeAll();
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  ::sigaction(signal, &action, nullptr);
  errno = savedErrno;
  ::raise(signal);  // blocked while the handler runs; delivered as it returns, with the default action
}

}  // namespace

CleanupPath::CleanupPath(const std::filesystem::path& path, CleanupKind kind) {
  const std::string& text = path.native();
  if (text.empty() || text.size() >= kMaxCleanupPathBytes) return;
  for (std::size_t i = 0; i < kCleanupSlots; ++i) {
    int expected = kFree;
    if (!slots[i].state.compare_exchange_strong(expected, kClaimed, std::memory_order_acquire)) continue;
    std::memcpy(slots[i].path, text.c_str(), text.size() + 1);
    slots[i].state.store(kind == CleanupKind::File ? kLiveFile : kLiveFolder, std::memory_order_release);
    slot_ = static_cast<int>(i);
    return;
  }
}

CleanupPath::CleanupPath(CleanupPath&& other) noexcept : slot_(std::exchange(other.slot_, -1)) {}

CleanupPath& CleanupPath::operator=(CleanupPath&& other) noexcept {
  if (this != &other) {
    release();
    slot_ = std::exchange(other.slot_, -1);
  }
  return *this;
}

void CleanupPath::release() {
  if (slot_ < 0) return;
  slots[slot_].state.store(kFree, std::memory_order_release);
  slot_ = -1;
}

void installCleanupOnSignals() {
  for (int signal : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current {};
    if (::sigaction(signal, nullptr, &current) != 0 || current.sa_handler == SIG_IGN) continue;
    struct sigaction action {};
    action.sa_handler = &onTerminatingSignal;
    sigemptyset(&action.sa_mask);
    // Block the other terminating signals while one is handled, so two handlers never interleave.
    sigaddset(&action.sa_mask, SIGINT);
    sigaddset(&action.sa_mask, SIGTERM);
    sigaddset(&action.sa_mask, SIGHUP);
    ::sigaction(signal, &action, nullptr);
  }
}

std::size_t registeredCleanupPaths() {
  std::size_t count = 0;
  for (const Slot& slot : slots) {
    const int state = slot.state.load(std::memory_order_acquire);
    count += state == kLiveFile || state == kLiveFolder ? 1 : 0;
  }
  return count;
}

void removeRegisteredPathsForTesting() { removeAll(); }

}  // namespace cdnsim::io
