#include "core/config/config_kind.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace cdnsim::core::config {

namespace {

// The top-level keys of `set` that the other kind's top level does not have (`name` both have).
// The key sets' strings are static, so the views stay valid.
std::vector<std::string_view> onlyIn(const KeySet& set, const KeySet& other) {
  std::vector<std::string_view> out;
  for (auto k : set.keys) {
    if (std::find(other.keys.begin(), other.keys.end(), k) == other.keys.end()) out.emplace_back(k);
  }
  return out;
}

std::vector<std::string> keysPresent(const YamlNode& root, const std::vector<std::string_view>& keys) {
  std::vector<std::string> found;
  for (const auto& entry : root.raw()) {
    if (!entry.first.IsScalar()) continue;
    for (const auto& k : keys) {
      if (entry.first.Scalar() == k) found.emplace_back(k);
    }
  }
  return found;
}

}  // namespace

std::vector<std::string_view> scenarioOnlyKeys() { return onlyIn(keys::kScenario, keys::kTopology); }

std::vector<std::string_view> topologyOnlyKeys() { return onlyIn(keys::kTopology, keys::kScenario); }

ConfigKind detectConfigKind(const YamlNode& root) {
  if (!root.isMap()) root.fail("a topology or scenario must be a mapping of keys to values");
  const auto scenarioKeys = scenarioOnlyKeys();
  const auto topologyKeys = topologyOnlyKeys();
  const auto scenario = keysPresent(root, scenarioKeys);
  const auto topology = keysPresent(root, topologyKeys);
  if (!scenario.empty() && !topology.empty()) {
    root.fail(fmt::format(
        "cannot tell whether this is a topology or a scenario: it has topology keys ({}) and "
        "scenario keys ({}); expected the keys of one kind (or pass --kind topology|scenario)",
        joinNames(topology), joinNames(scenario)));
  }
  if (scenario.empty() && topology.empty()) {
    root.fail(fmt::format(
        "cannot tell whether this is a topology or a scenario: it has none of the topology keys "
        "({}) nor of the scenario keys ({}); expected one kind's keys (or pass --kind "
        "topology|scenario)",
        fmt::join(topologyKeys, ", "), fmt::join(scenarioKeys, ", ")));
  }
  return scenario.empty() ? ConfigKind::Topology : ConfigKind::Scenario;
}

}  // namespace cdnsim::core::config
