#pragma once
// Runs `cdnsim cachesim`: every (policy, size) pair replays the trace through its own cache, as
// independent jobs on a pool of threads. Each job opens its own reader (the trace is streamed, so
// jobs share nothing but the kernel's page cache). When a size is a fraction of the working set,
// one streaming pass measures the working set first.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/eviction_policy.h"
#include "sim/cachesim/cache_size.h"
#include "sim/cachesim/replay.h"
#include "sim/cachesim/working_set.h"
#include "sim/trace/trace_reader.h"

namespace cdnsim::sim::cachesim {

struct CachesimConfig {
  std::string tracePath{};
  trace::ReaderOptions reader{};        // format, CSV delimiter, skip bad lines
  std::vector<std::string> policies{};  // in output order
  std::vector<CacheSize> sizes{};       // in output order
  bool ignoreObjectSize{false};         // capacities and sizes in objects, not bytes
  std::uint64_t warmupRequests{0};      // uncounted requests at the start of each replay
  unsigned jobs{1};                     // worker threads, ≥ 1

  // Empty when usable, else what is wrong.
  std::string validate() const;
};

struct CachesimResult {
  std::string policy;
  std::string size;  // as typed
  std::uint64_t capacityUnits{0};
  ReplayCounts counts{};
  std::chrono::nanoseconds elapsed{0};  // wall time of this replay (a measurement, not sim time)
  std::chrono::nanoseconds cpuTime{
      0};  // CPU time of the replaying thread: robust on a busy machine

  // Requests processed per second of wall time (or of CPU time), warm-up and zero-size requests
  // included (they cost work too).
  double requestsPerSecond() const;
  double requestsPerCpuSecond() const;
};

struct CachesimReport {
  std::optional<WorkingSet> workingSet;  // measured only when a size is a fraction
  std::uint64_t skippedLines{0};         // malformed lines skipped (with skipBadLines)
  std::vector<CachesimResult> results;   // policies × sizes, policy-major, in the given order
  std::string error;  // one line (`file:line: message` for trace errors); empty if ok
};

using PolicyFactory = std::function<std::unique_ptr<core::store::EvictionPolicy>(
    std::string_view policy, std::uint64_t capacityUnits)>;
// Called from worker threads (serialised) after each finished job.
using ProgressCallback = std::function<void(std::size_t done, std::size_t total)>;

// Precondition: config.validate() is empty. Exceptions thrown by `makeCache` become `error`.
CachesimReport runCachesim(const CachesimConfig& config, const PolicyFactory& makeCache,
                           const ProgressCallback& progress = {});

}  // namespace cdnsim::sim::cachesim
