#pragma once
// Scenario text for the workload tests: one place for the YAML every test starts from.

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

}  // namespace cdnsim::testing
