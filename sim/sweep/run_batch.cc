#include "sim/sweep/run_batch.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <system_error>
#include <thread>

#include "sim/report/summary_format.h"

namespace cdnsim::sim {

void runParallel(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job) {
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    for (std::size_t i; !failed.load() && (i = next.fetch_add(1)) < count;) {
      // An exception must not escape a thread (std::terminate): it is kept for the caller.
      try {
        job(i);
      } catch (...) {
        errors[i] = std::current_exception();
        failed.store(true);
      }
    }
  };
  const std::size_t wanted = std::min<std::size_t>(std::max(1U, threads), count);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < wanted; ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // fewer threads than asked for: the others do the work
    }
  }
  work();
  for (auto& thread : pool) thread.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

std::vector<nlohmann::ordered_json> runBatch(const std::vector<core::config::LoadedScenario>& runs,
                                             unsigned threads, BatchObserver* observer) {
  std::vector<nlohmann::ordered_json> summaries(runs.size());
  runParallel(runs.size(), threads, [&](std::size_t i) {
    TieredSimulation simulation(runs[i].scenario, runs[i].topology);
    if (observer != nullptr) observer->starting(i, simulation);
    simulation.run(nullptr);
    // Through the text summary.json holds, so a fresh run reads exactly like a run directory.
    summaries[i] = nlohmann::ordered_json::parse(formatSummaryJson(simulation.summary()));
    if (observer != nullptr) observer->finished(i);
  });
  return summaries;
}

}  // namespace cdnsim::sim
