#pragma once
// A progress meter (progress_meter.h) over a batch of runs (sim/sweep/run_batch.h): every run's
// requests count towards one line, and finished runs are counted.

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/scenario_source.h"
#include "sim/sweep/run_batch.h"
#include "tools/cdnsim/progress_meter.h"

namespace cdnsim::tools {

class BatchProgress final : public sim::BatchObserver {
 public:
  BatchProgress(std::string what, const std::vector<core::config::LoadedScenario>& runs)
      : meter_(std::move(what), totalRequests(runs), runs.size()),
        taps_(runs.size(), ProgressTap(&meter_)) {}

  void starting(std::size_t run, sim::TieredSimulation& simulation) override {
    taps_[run].attach(simulation);
  }
  void finished(std::size_t) override { meter_.runDone(); }

 private:
  static std::uint64_t totalRequests(const std::vector<core::config::LoadedScenario>& runs) {
    std::uint64_t total = 0;
    for (const auto& r : runs) total += r.scenario.requests;
    return total;
  }

  ProgressMeter meter_;
  std::vector<ProgressTap> taps_;  // one per run: each reports its own run's count
};

}  // namespace cdnsim::tools
