#include "sim/cachesim/cachesim_run.h"

#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <new>
#include <thread>

namespace cdnsim::sim::cachesim {

namespace {

std::string traceErrorLine(const std::string& path, const trace::TraceError& e) {
  return fmt::format("{}:{}: {}", path, e.line, e.message);
}

std::string sizeOverflowError(const CachesimConfig& config, const SizeOverflow& overflow,
                              std::string_view total, std::uint64_t sum) {
  const auto line = trace::lineOfRecord(config.tracePath, config.reader, overflow.record);
  return fmt::format(
      "{}:{}: size {} cannot be added to {} {} bytes so far: the total would pass 2^64-1 bytes",
      config.tracePath, line ? fmt::format("{}", *line) : "?", overflow.size, total, sum);
}

// A replay that counted no request has no ratio to print (0/0): say why instead.
std::string emptyTraceError(const CachesimConfig& config, std::uint64_t sizedRequests) {
  if (sizedRequests > 0)
    return fmt::format("{}: the warm-up of {} requests leaves none of its {} to count",
                       config.tracePath, config.warmupRequests, sizedRequests);
  return fmt::format("{}: the trace is empty: no request of non-zero size{}", config.tracePath,
                     config.reader.skipBadLines ? " (bad lines skipped)" : "");
}

}  // namespace

std::string CachesimConfig::validate() const {
  if (tracePath.empty()) return "no trace file given";
  if (policies.empty()) return "no policy given";
  if (sizes.empty()) return "no cache size given";
  if (jobs == 0) return "jobs must be at least 1";
  if (ignoreObjectSize) {
    for (const CacheSize& s : sizes)
      if (s.hasByteUnit)
        return fmt::format("size '{}' is in bytes but --ignore-obj-size counts objects", s.text);
  }
  return {};
}

namespace {

double perSecond(const ReplayCounts& counts, std::chrono::nanoseconds time) {
  const double seconds = std::chrono::duration<double>(time).count();
  const auto processed = counts.requests + counts.warmupRequests + counts.zeroSizeSkipped;
  return seconds > 0 ? static_cast<double>(processed) / seconds : 0.0;
}

std::chrono::nanoseconds threadCpuTime() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
}

}  // namespace

double CachesimResult::requestsPerSecond() const { return perSecond(counts, elapsed); }
double CachesimResult::requestsPerCpuSecond() const { return perSecond(counts, cpuTime); }

CachesimReport runCachesim(const CachesimConfig& config, const PolicyFactory& makeCache,
                           const ProgressCallback& progress) {
  CachesimReport report;

  // Sizes first: fractions need the working set (unique objects, or unique bytes in byte mode).
  const bool needWorkingSet =
      std::any_of(config.sizes.begin(), config.sizes.end(),
                  [](const CacheSize& s) { return s.kind == CacheSize::Kind::Fraction; });
  if (needWorkingSet) {
    trace::OpenedTrace opened = trace::openTrace(config.tracePath, config.reader);
    if (!opened.reader) {
      report.error = fmt::format("{}: {}", config.tracePath, opened.error);
      return report;
    }
    report.workingSet = measureWorkingSet(*opened.reader);
    if (const auto& overflow = report.workingSet->overflow) {
      report.error = sizeOverflowError(config, *overflow, "the working set's",
                                       report.workingSet->uniqueBytes);
      return report;
    }
    if (opened.reader->error()) {
      report.error = traceErrorLine(config.tracePath, *opened.reader->error());
      return report;
    }
    if (report.workingSet->requests == 0) {
      report.error = emptyTraceError(config, report.workingSet->requests);
      return report;
    }
  }
  std::vector<std::uint64_t> capacities;
  for (const CacheSize& s : config.sizes) {
    const std::uint64_t ws = !report.workingSet        ? 0
                             : config.ignoreObjectSize ? report.workingSet->uniqueObjects
                                                       : report.workingSet->uniqueBytes;
    const std::uint64_t capacity = s.resolve(ws);
    if (capacity == 0) {
      report.error = fmt::format("size '{}' of a working set of {} {} is 0", s.text, ws,
                                 config.ignoreObjectSize ? "objects" : "bytes");
      return report;
    }
    capacities.push_back(capacity);
  }

  const std::size_t total = config.policies.size() * config.sizes.size();
  report.results.resize(total);
  std::vector<std::string> errors(total);
  std::vector<std::uint64_t> skipped(total, 0);
  std::atomic<std::size_t> nextJob{0};
  std::atomic<bool> stop{false};
  std::atomic<std::size_t> done{0};
  std::mutex progressMutex;

  auto runJob = [&](std::size_t j) {
    CachesimResult& result = report.results[j];
    result.policy = config.policies[j / config.sizes.size()];
    result.size = config.sizes[j % config.sizes.size()].text;
    result.capacityUnits = capacities[j % config.sizes.size()];
    std::unique_ptr<core::store::EvictionPolicy> cache;
    try {
      cache = makeCache(result.policy, result.capacityUnits);
    } catch (const std::exception& e) {
      errors[j] = e.what();
      return;
    }
    if (!cache) {
      errors[j] = fmt::format("unknown policy '{}'", result.policy);
      return;
    }
    trace::OpenedTrace opened = trace::openTrace(config.tracePath, config.reader);
    if (!opened.reader) {
      errors[j] = fmt::format("{}: {}", config.tracePath, opened.error);
      return;
    }
    const auto cpuStart = threadCpuTime();
    const auto start = std::chrono::steady_clock::now();
    result.counts = replay(*opened.reader, *cache,
                           ReplayOptions{config.warmupRequests, config.ignoreObjectSize}, &stop);
    result.elapsed = std::chrono::steady_clock::now() - start;
    result.cpuTime = threadCpuTime() - cpuStart;
    skipped[j] = opened.reader->skippedLines();
    if (result.counts.bytesOverflow)
      errors[j] = sizeOverflowError(config, *result.counts.bytesOverflow, "the requested",
                                    result.counts.bytes);
    else if (opened.reader->error())
      errors[j] = traceErrorLine(config.tracePath, *opened.reader->error());
  };

  auto worker = [&] {
    for (std::size_t j; !stop.load() && (j = nextJob.fetch_add(1)) < total;) {
      // An exception must not escape a worker thread (std::terminate): it becomes the job's error,
      // e.g. "std::bad_alloc" for a cache too large for memory.
      try {
        runJob(j);
      } catch (const std::bad_alloc& e) {
        errors[j] = fmt::format("out of memory: {}", e.what());
      } catch (const std::exception& e) {
        errors[j] = e.what();
      }
      if (!errors[j].empty()) stop.store(true);
      const std::size_t finished = done.fetch_add(1) + 1;
      if (progress) {
        std::lock_guard lock(progressMutex);
        progress(finished, total);
      }
    }
  };
  const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(config.jobs, total));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    // A thread that cannot be started (std::system_error) only means fewer workers; unwinding with
    // running threads in `pool` would call std::terminate.
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error&) {
      break;
    }
  }
  worker();
  for (auto& t : pool) t.join();

  // The first error in job order, so the message does not depend on thread timing.
  for (const std::string& e : errors)
    if (!e.empty()) {
      report.error = e;
      report.results.clear();
      return report;
    }
  report.skippedLines = total > 0 ? skipped[0] : 0;
  if (total > 0 && report.results[0].counts.requests == 0) {
    const ReplayCounts& c = report.results[0].counts;
    report.error = emptyTraceError(config, c.warmupRequests);
    report.results.clear();
  }
  return report;
}

}  // namespace cdnsim::sim::cachesim
