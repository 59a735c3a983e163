#pragma once
// The requests of several replayed files, one stream in time order, with bounded memory.
//
// CloudFront writes several log files per period, and the lines inside one file are not in time
// order (DG/standard-logs-reference.html). Each file is read through a window of `window` lines
// held in a min-heap by (time, line): a file's next request is the earliest of its window, so a
// line up to `window` lines early or late in its file comes out in place. The files' windows are
// merged by their earliest request (ties: the lower file index, then the lower line). A request
// that still comes out earlier than one already handed out (its file is more disordered than the
// window) is handed out at the later time and counted late.
//
// Memory: at most files × window buffered requests (bufferedRequests() ≤ capacity()), however long
// the files are; slots are reused, so their strings stop allocating once grown. Each step costs
// O(log window + files).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config/replay.h"
#include "sim/replay/log_file_reader.h"
#include "sim/replay/replay_request.h"

namespace cdnsim::sim::replay {

// A malformed line, where it is and what is wrong.
struct BadLine {
  std::uint32_t file = 0;
  std::uint64_t line = 0;
  std::string message;
};

class TimeOrderedMerge {
 public:
  // Opens every file of `config` (throws core::config::ConfigError when one cannot be opened).
  // `onBad` is told of each malformed line as it is read.
  TimeOrderedMerge(const core::config::ReplayConfig& config, std::function<void(const BadLine&)> onBad);
  // For tests: readers given directly.
  TimeOrderedMerge(std::vector<std::unique_ptr<LogFileReader>> readers, std::size_t window,
                   std::function<void(const BadLine&)> onBad);

  // The next request in time order, or nullptr at the end. Valid until the next call. Its `time`
  // is never earlier than the previous one's (see late()).
  const ReplayRequest* next();

  // Requests handed out at a later time than logged, their file being out of order by more than
  // the window.
  std::uint64_t late() const { return late_; }
  std::size_t bufferedRequests() const { return buffered_; }
  std::size_t capacity() const { return window_ * files_.size(); }

 private:
  struct File {
    std::unique_ptr<LogFileReader> reader;
    std::vector<std::uint32_t> heap;  // slot indices, earliest at the front
    bool ended = false;
  };
  void fill(std::uint32_t file);
  bool earlier(std::uint32_t a, std::uint32_t b) const;

  std::size_t window_;
  std::function<void(const BadLine&)> onBad_;
  std::vector<File> files_;
  std::vector<ReplayRequest> slots_;
  std::vector<std::uint32_t> freeSlots_;
  std::optional<std::uint32_t> handedOut_;  // the slot next() returned last, freed on the next call
  std::optional<std::int64_t> lastTime_;
  std::size_t buffered_ = 0;
  std::uint64_t late_ = 0;
};

}  // namespace cdnsim::sim::replay
