#pragma once
// All-or-nothing outputs in one folder: the files of one run appear together or not at all, and
// never beside the files of an earlier run.
//
// Each output is written (through AtomicFile or BatchedFile, at stagedPath(name)) into a staging
// folder "<dir>/.cdnsim-out.tmp-<pid>-<n>" inside the destination, so a later rename(2) into
// <dir> stays on one filesystem. commit(), once every staged file is complete:
//   1. refuses if one of the known names in <dir> is a folder (nothing has been touched then);
//   2. removes every known output name from <dir> (an earlier run's, e.g. trace.jsonl when this
//      run writes none), in the order given, then every file whose name fits a known pattern
//      (outputs whose names a run chooses, e.g. realtime-<name>.log), and nothing else;
//   3. renames the staged files into <dir> in the order they were staged, and removes the staging
//      folder. Put the file that marks a complete set (summary.json) first in the known names and
//      last in the staging order: an interrupted commit then shows no summary at all.
// SIGINT, SIGTERM and SIGHUP are blocked on the calling thread during commit() (precondition: no
// other thread is running then, e.g. the writers' threads have been joined), so a Ctrl-C lands
// before or after the swap, never in the middle. Without a successful commit() the destructor
// removes the staged files and the staging folder; if a signal ends the process, the cleanup
// registry (cleanup_registry.h) does.
//
// Not thread-safe.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "io/atomic_file.h"
#include "io/cleanup_registry.h"

namespace cdnsim::io {

// Output files named "<prefix>...<suffix>" (at least one character between them).
struct OutputNamePattern {
  std::string prefix;
  std::string suffix;
  bool matches(std::string_view name) const;
};

class OutputSet {
 public:
  // Creates `dir` (and its parents) and the staging folder in it. On failure status() says why;
  // status().isPathProblem() tells a path the user got wrong from an I/O error.
  OutputSet(std::filesystem::path dir, std::vector<std::string> knownNames,
            std::vector<OutputNamePattern> knownPatterns = {});
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  IoStatus status() const { return status_; }
  const std::filesystem::path& dir() const { return dir_; }

  // Where to write output `name` (one of the known names, or fitting a known pattern) so that
  // commit() publishes it.
  std::filesystem::path stagedPath(std::string_view name);

  // Publishes every staged file (see above). Each must exist: written and committed by its
  // AtomicFile. On failure nothing of this set is published, unless a rename in step 3 fails
  // (it cannot for lack of space: the bytes are already written).
  IoStatus commit();

 private:
  void removeStaged();

  std::filesystem::path dir_;
  std::vector<std::string> knownNames_;
  std::vector<OutputNamePattern> knownPatterns_;
  std::filesystem::path staging_;  // empty when it could not be created
  std::vector<std::string> staged_;
  std::vector<CleanupPath> cleanup_;  // the staged files, then the staging folder
  CleanupPath stagingCleanup_;
  IoStatus status_ = IoStatus::success();
  bool finished_ = false;
};

}  // namespace cdnsim::io
