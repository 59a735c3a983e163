#include "tools/cdnsim/run_expectation.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "io/atomic_file.h"
#include "io/sha256.h"
#include "sim/report/summary_paths.h"
#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

namespace {

// Values the file pins: every leaf of its summary, each metric, the trace.
std::size_t pinnedCount(const sim::ExpectedOutputs& e) {
  return (e.summary ? sim::flattenSummary(*e.summary).size() : 0) + e.metrics.size() + (e.traceSha256 ? 1 : 0);
}

}  // namespace

std::optional<RunExpectation> RunExpectation::prepare(const std::string& path, bool bless, bool writesTrace) {
  RunExpectation e;
  e.path_ = path;
  e.bless_ = bless;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (bless && !std::filesystem::exists(path)) return e;  // --bless creates it
    std::cerr << fmt::format("cdnsim run: --expect {}: cannot read it{}\n", path,
                             bless ? "" : "; write it first with --expect FILE --bless");
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  e.existing_ = sim::parseExpectedOutputs(text.str(), error);
  if (!e.existing_) {
    std::cerr << fmt::format("cdnsim run: --expect {}: {}\n", path, error);
    return std::nullopt;
  }
  if (e.existing_->traceSha256 && !writesTrace) {
    std::cerr << fmt::format(
        "cdnsim run: --expect {}: it pins the trace's SHA-256, so the run must write one: add --out DIR "
        "(without --no-trace)\n",
        path);
    return std::nullopt;
  }
  return e;
}

int RunExpectation::finish(const std::string& summaryJson, const std::optional<std::filesystem::path>& trace) const {
  const auto summary = nlohmann::ordered_json::parse(summaryJson);
  sim::ActualOutputs actual;
  actual.summary = &summary;
  if (trace) {
    io::IoStatus status = io::IoStatus::success();
    actual.traceSha256 = io::sha256OfFileContents(*trace, status);
    if (!actual.traceSha256) {
      std::cerr << "cdnsim run: --expect: " << status.message() << "\n";
      return kExitFailure;
    }
  }
  if (existing_) {
    if (const auto unknown = sim::unknownMetrics(*existing_, summary); !unknown.empty()) {
      for (const auto& problem : unknown) std::cerr << fmt::format("cdnsim run: --expect {}: {}\n", path_, problem);
      return kExitBadInput;
    }
  }

  if (!bless_) {
    const auto differences = sim::compareOutputs(*existing_, actual);
    if (differences.empty()) {
      std::cerr << fmt::format("cdnsim run: outputs match {} ({} values pinned)\n", path_, pinnedCount(*existing_));
      return kExitOk;
    }
    std::cerr << fmt::format("cdnsim run: outputs differ from {}: {} of {} pinned values\n{}"
                             "(if the change is intended, accept it with --expect {} --bless)\n",
                             path_, differences.size(), pinnedCount(*existing_), sim::formatDifferences(differences),
                             path_);
    return kExitFailure;
  }

  const std::string text = sim::blessedExpectedOutputs(existing_ ? &*existing_ : nullptr, actual);
  if (const auto status = io::writeFileAtomically(path_, text); !status.ok()) {
    std::cerr << "cdnsim run: --bless: " << status.message() << "\n";
    return status.isPathProblem() ? kExitBadInput : kExitFailure;
  }
  if (!existing_) {
    std::cerr << fmt::format("cdnsim run: wrote {}: pins the whole summary{}\n", path_,
                             actual.traceSha256 ? " and the trace's SHA-256" : "");
    return kExitOk;
  }
  const auto moved = sim::compareOutputs(*existing_, actual, /*ignoreTolerances=*/true);
  if (moved.empty()) {
    std::cerr << fmt::format("cdnsim run: blessed {}: nothing moved\n", path_);
  } else {
    std::cerr << fmt::format("cdnsim run: blessed {}: {} of {} pinned values moved\n{}", path_, moved.size(),
                             pinnedCount(*existing_), sim::formatDifferences(moved));
  }
  return kExitOk;
}

}  // namespace cdnsim::tools
