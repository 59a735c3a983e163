#include "core/config/scenario_source.h"

#include <fmt/format.h>

#include "core/config/scenario_events.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

// The error an override caused, placed at the override(s).
ConfigError blame(const std::vector<const Override*>& culprits, const ConfigError& error) {
  std::string label;
  for (const Override* o : culprits) label += (label.empty() ? "" : ", ") + o->label();
  if (culprits.size() > 1) label += " (together)";
  // Nodes an override wrote carry no mark: an error with a line is about the file's own text.
  return ConfigError({label, 0, 0}, error.mark().line > 0 ? error.what() : error.message());
}

template <typename Config>
Config loadOverridden(const std::string& text, const std::string& name,
                      const std::vector<const Override*>& overrides,
                      Config (*read)(const YamlNode&)) {
  YamlNode all = YamlNode::loadString(text, name);
  if (overrides.empty()) return read(all);
  for (const Override* o : overrides) applyOverride(*o, all.raw());
  try {
    return read(all);
  } catch (const ConfigError& together) {
    for (const Override* o : overrides) {
      YamlNode alone = YamlNode::loadString(text, name);
      applyOverride(*o, alone.raw());
      try {
        read(alone);
      } catch (const ConfigError& e) {
        throw blame({o}, e);
      }
    }
    throw blame(overrides, together);
  }
}

bool setsTopologyKey(const Override& o) {
  return o.target == OverrideTarget::Scenario && o.path.size() == 1 && o.path[0].key == "topology";
}

}  // namespace

ScenarioSource::ScenarioSource(std::string scenarioPath, std::string topologyPath)
    : scenarioPath_(std::move(scenarioPath)), topologyPath_(std::move(topologyPath)) {
  readScenario(YamlNode::loadString(text(scenarioPath_), scenarioPath_));
}

const std::string& ScenarioSource::text(const std::string& path) {
  auto found = texts_.find(path);
  if (found == texts_.end()) found = texts_.emplace(path, readConfigFile(path)).first;
  return found->second;
}

LoadedScenario ScenarioSource::load(const std::vector<Override>& overrides) {
  std::vector<const Override*> scenarioOverrides, topologyOverrides;
  const Override* topologyKey = nullptr;
  for (const auto& o : overrides) {
    (o.target == OverrideTarget::Scenario ? scenarioOverrides : topologyOverrides).push_back(&o);
    if (setsTopologyKey(o)) topologyKey = &o;
  }
  LoadedScenario loaded;
  loaded.scenario =
      loadOverridden(text(scenarioPath_), scenarioPath_, scenarioOverrides, &readScenario);
  if (!topologyPath_.empty()) {
    loaded.scenario.topologyPath = topologyPath_;
  } else if (auto reason = unreadableReason(loaded.scenario.topologyPath)) {
    // Reported where the scenario names it (or at the override that named it).
    const std::string message =
        fmt::format("cannot open topology '{}': {}; expected a topology file",
                    loaded.scenario.topologyPath, *reason);
    if (topologyKey != nullptr) throw ConfigError({topologyKey->label(), 0, 0}, message);
    throw ConfigError(loaded.scenario.topologyMark, message);
  }
  const std::string& path = loaded.scenario.topologyPath;
  const std::string& topologyText = text(path);
  if (checked_.count(path) == 0) {
    readTopology(YamlNode::loadString(topologyText, path));  // the file's own mistakes, as they are
    checked_.insert(path);
  }
  loaded.topology = loadOverridden(topologyText, path, topologyOverrides, &readTopology);
  validateScenarioEvents(loaded.scenario.events, loaded.topology);
  return loaded;
}

}  // namespace cdnsim::core::config
