#pragma once
// Independent simulations run side by side on a pool of threads: compare's columns, sweep's
// points. The simulator is single-threaded per run and shares nothing between runs (each
// TieredSimulation owns its world, caches, queue and random streams; the loaders' tables are
// immutable), so N threads run N simulations at once and each result is exactly what a run alone
// gives, whatever the number of threads.

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/config/scenario_source.h"
#include "sim/run/tiered_simulation.h"

namespace cdnsim::sim {

// Sees each run start and finish, on the thread that runs it (progress meters).
class BatchObserver {
 public:
  virtual ~BatchObserver() = default;
  virtual void starting(std::size_t run, TieredSimulation& simulation) = 0;
  virtual void finished(std::size_t run) = 0;
};

// Runs every scenario on up to `threads` threads (at least one) and returns their summaries as
// summary.json objects, in the order of `runs`. After an exception in a run (std::bad_alloc) no
// new run starts, and it is rethrown once every thread has stopped (with several, the first in
// run order). `observer` may be null.
std::vector<nlohmann::ordered_json> runBatch(const std::vector<core::config::LoadedScenario>& runs,
                                             unsigned threads, BatchObserver* observer = nullptr);

// The calls runBatch makes on `threads` threads: job(i) for i in [0, count), each once.
void runParallel(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job);

}  // namespace cdnsim::sim
