#include "core/config/config_kind.h"

#include <fmt/format.h>

#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace cdnsim::core::config {

namespace {

// Keys only one kind of file has (`name` both have).
constexpr std::string_view kScenarioKeys[] = {"topology", "catalogue", "clients", "requests", "seed",
                                              "start",    "events"};
constexpr std::string_view kTopologyKeys[] = {"pops",      "regional_edge_caches", "origins",
                                              "behaviors", "cache_policies",       "network",
                                              "domain",    "price_class",          "origin_groups",
                                              "custom_error_responses"};

template <std::size_t N>
std::vector<std::string> keysPresent(const YamlNode& root, const std::string_view (&keys)[N]) {
  std::vector<std::string> found;
  for (const auto& entry : root.raw()) {
    if (!entry.first.IsScalar()) continue;
    for (auto k : keys) {
      if (entry.first.Scalar() == k) found.emplace_back(k);
    }
  }
  return found;
}

template <std::size_t N>
std::vector<std::string> all(const std::string_view (&keys)[N]) {
  return std::vector<std::string>(std::begin(keys), std::end(keys));
}

}  // namespace

std::vector<std::string_view> scenarioOnlyKeys() {
  return {std::begin(kScenarioKeys), std::end(kScenarioKeys)};
}

std::vector<std::string_view> topologyOnlyKeys() {
  return {std::begin(kTopologyKeys), std::end(kTopologyKeys)};
}

ConfigKind detectConfigKind(const YamlNode& root) {
  if (!root.isMap()) root.fail("a topology or scenario must be a mapping of keys to values");
  const auto scenario = keysPresent(root, kScenarioKeys);
  const auto topology = keysPresent(root, kTopologyKeys);
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
        joinNames(all(kTopologyKeys)), joinNames(all(kScenarioKeys))));
  }
  return scenario.empty() ? ConfigKind::Topology : ConfigKind::Scenario;
}

}  // namespace cdnsim::core::config
