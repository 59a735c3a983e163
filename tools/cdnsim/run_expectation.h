#pragma once
// `run --expect FILE [--bless]`: the run's outputs checked against, or written into, an expected
// file (sim/report/expected_outputs.h has the format). The file is read before the run, so a
// broken one costs no simulation time; the check happens after the outputs are written.

#include <filesystem>
#include <optional>
#include <string>

#include "sim/report/expected_outputs.h"

namespace cdnsim::tools {

class RunExpectation {
 public:
  // Reads `path` (absent is fine only with `bless`). `writesTrace`: the run will write trace.jsonl
  // (--out without --no-trace), needed when the file pins the trace's digest. On bad input prints
  // "cdnsim run: ..." and returns nullopt (exit 2).
  static std::optional<RunExpectation> prepare(const std::string& path, bool bless, bool writesTrace);

  // Compares (or blesses) the run's summary.json text and its trace (the file in the output
  // folder, nullopt without one); prints the differences on stderr. Returns the exit status:
  // 0 when it matches or was blessed, 1 when the run differs or the file cannot be written,
  // 2 when the file names a metric the summary lacks or its path is wrong.
  int finish(const std::string& summaryJson, const std::optional<std::filesystem::path>& trace) const;

 private:
  std::string path_;
  bool bless_ = false;
  std::optional<sim::ExpectedOutputs> existing_;
};

}  // namespace cdnsim::tools
