#pragma once
// Reads one replayed file line by line into ReplayRequests, in file order, for each format a
// replay accepts. The readers of `cdnsim cachesim` do the reading (sim/trace/): a CloudFront log
// and a CSV trace come through trace::LineSource (memory-mapped, or inflated in 1 MiB chunks when
// gzip), an oracleGeneral trace through trace::openTrace. Memory is the source's window, whatever
// the file's length.

#include <cstdint>
#include <memory>
#include <string>

#include "core/config/replay.h"
#include "sim/replay/replay_request.h"

namespace cdnsim::sim::replay {

enum class ReadOutcome {
  Request,  // `out` holds the next request
  Bad,      // a malformed line: `out.line` is its number, message() says what is wrong
  End,      // no more lines
};

class LogFileReader {
 public:
  virtual ~LogFileReader() = default;
  // The next request or bad line. Throws core::config::ConfigError when the file cannot be read
  // (a damaged gzip stream).
  virtual ReadOutcome next(ReplayRequest& out) = 0;
  // What was wrong with the last Bad line, quoting its start.
  const std::string& message() const { return message_; }

 protected:
  std::string message_;
};

// Opens file `index` of the replay; throws core::config::ConfigError (at the scenario's mention
// of the file) when it cannot be opened.
std::unique_ptr<LogFileReader> openLogFile(const core::config::ReplayConfig& config,
                                           std::uint32_t index);

}  // namespace cdnsim::sim::replay
