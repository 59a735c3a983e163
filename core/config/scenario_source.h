#pragma once
// A scenario and its topology loaded with command-line overrides (core/config/overrides.h): the
// files are read once and loaded once per set of overrides, as compare's columns and sweep's
// points need.
//
// An override that breaks a file is blamed on itself: the files are first checked as they are
// (their own mistakes keep their file:line:col), then with every override; when that fails, each
// override is tried alone to find the one at fault. An error at a value the override wrote reads
// "--set PATH=VALUE: message"; one it caused elsewhere in the file (a reference it broke) keeps
// that place after the override: "--set PATH=VALUE: file:line:col: message".

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/config/overrides.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"

namespace cdnsim::core::config {

struct LoadedScenario {
  ScenarioConfig scenario;
  TopologyConfig topology;
};

class ScenarioSource {
 public:
  // Reads and checks the scenario file. A non-empty `topologyPath` replaces the scenario's own
  // topology (run's --topology). Throws ConfigError.
  explicit ScenarioSource(std::string scenarioPath, std::string topologyPath = {});

  // The scenario and its topology with `overrides` applied in order (a later one wins where two
  // write the same place). Throws ConfigError. Cost: parsing and loading both files once, and
  // once more per override when they fail together.
  LoadedScenario load(const std::vector<Override>& overrides);

  const std::string& scenarioPath() const { return scenarioPath_; }

 private:
  const std::string& text(const std::string& path);

  std::string scenarioPath_;
  std::string topologyPath_;
  std::map<std::string, std::string> texts_;  // path -> contents, read once
  std::set<std::string> checked_;             // topologies whose file alone passed its loader
};

}  // namespace cdnsim::core::config
