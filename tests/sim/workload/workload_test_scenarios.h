#pragma once
// Scenario text for the workload tests: one place for the YAML every test starts from, and the
// sampling tolerance their share checks use.

#include <cmath>
#include <string>

#include "core/config/scenario.h"

namespace cdnsim::testing {

// A scenario whose `object_groups:` are `groups` (indented as list items under the key) and whose
// clients are `clients` (likewise); the rest is fixed.
inline core::config::ScenarioConfig workloadScenario(const std::string& groups,
                                                     const std::string& clients,
                                                     const std::string& top = "") {
  const std::string text = "name: w\ntopology: t.yaml\nseed: 99\nstart: 2026-01-01T00:00:00Z\n"
                           "requests: 100000\n" + top + "object_groups:\n" + groups + "clients:\n" + clients;
  return core::config::loadScenarioFromString(text, "w.yaml");
}

inline const std::string kOneClient =
    "  - {name: paris, city: Paris, requests_per_second: 100}\n";

// The margin for a sampled share `p` over `n` draws: about five standard errors, so a fixed seed
// passes with room while a wrong share fails.
inline double samplingTolerance(double p, double n) { return 5 * std::sqrt(p * (1 - p) / n) + 1e-9; }

}  // namespace cdnsim::testing
