#pragma once
// Progress on stderr for work that takes over a second: done/total, rate and ETA on one line that
// rewrites itself, cleared when the work ends. Off when stderr is not a terminal, so logs and pipes
// never see it.
//
//   sweep: 7/24 runs, 2.1M of 4.8M requests (44%), 1.9M requests/s, ETA 0:02
//
// Simulations report through a ProgressTap each (their callbacks run on their own threads); a
// thread of the meter's own prints every quarter second.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "sim/run/tiered_simulation.h"

namespace cdnsim::tools {

class ProgressMeter {
 public:
  // `what` starts the line ("run", "compare", "sweep"); `totalRuns` > 1 shows runs finished too.
  ProgressMeter(std::string what, std::uint64_t totalRequests, std::size_t totalRuns = 1);
  ~ProgressMeter();  // stops the printing thread and clears the line
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  void addRequests(std::uint64_t n) { requests_.fetch_add(n, std::memory_order_relaxed); }
  void runDone() { runs_.fetch_add(1, std::memory_order_relaxed); }

  // The line for these counts after `seconds` (for tests of the wording).
  static std::string line(const std::string& what, std::uint64_t requests,
                          std::uint64_t totalRequests, std::size_t runs, std::size_t totalRuns,
                          double seconds);

 private:
  void loop();

  std::string what_;
  std::uint64_t totalRequests_;
  std::size_t totalRuns_;
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<std::size_t> runs_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  // only when stderr is a terminal
};

// One simulation's connection to a meter (which may be null: no progress wanted).
class ProgressTap {
 public:
  explicit ProgressTap(ProgressMeter* meter) : meter_(meter) {}
  void attach(sim::TieredSimulation& simulation) {
    if (meter_ != nullptr) simulation.setProgress(&ProgressTap::onProgress, this);
  }

 private:
  static void onProgress(void* self, std::uint64_t generated) {
    auto& tap = *static_cast<ProgressTap*>(self);
    tap.meter_->addRequests(generated - tap.reported_);
    tap.reported_ = generated;
  }

  ProgressMeter* meter_;
  std::uint64_t reported_ = 0;
};

}  // namespace cdnsim::tools
