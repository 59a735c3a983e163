// `cdnsim validate [--kind topology|scenario] FILE.yaml...`: check topologies and scenarios (a
// scenario's topology too) and report the first error of each file as file:line:col. Each file is
// parsed once; its kind comes from --kind or from its keys (core/config/config_kind.h).

#include <iostream>
#include <optional>

#include "core/config/config_error.h"
#include "core/config/config_kind.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"
#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

namespace {

using core::config::ConfigKind;

void validateFile(const std::string& path, std::optional<ConfigKind> kind) {
  const auto root = core::config::YamlNode::loadFile(path);
  if (!kind) kind = core::config::detectConfigKind(root);
  if (*kind == ConfigKind::Scenario) {
    const auto scenario = core::config::readScenario(root);
    core::config::loadScenarioTopology(scenario);
    std::cout << path << ": valid scenario (topology " << scenario.topologyPath << ")\n";
  } else {
    const auto topology = core::config::readTopology(root);
    std::cout << path << ": valid topology '" << topology.name << "' (POPs: " << topology.pops.size();
    if (topology.popsOutsidePriceClass > 0) {
      std::cout << " of " << topology.pops.size() + topology.popsOutsidePriceClass << " in "
                << core::config::toString(topology.priceClass);
    }
    std::cout << ", regional edge caches: " << topology.regionalEdgeCaches.size()
              << ", origins: " << topology.origins.size() << ")\n";
  }
}

}  // namespace

void registerValidateCommand(CLI::App& app, int& status) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto kind = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("validate", "Check topology and scenario files");
  cmd->add_option("files", *files, "YAML files to check")->required();
  cmd->add_option("--kind", *kind,
                  "Read every file as this kind instead of telling it from its keys")
      ->check(CLI::IsMember({"topology", "scenario"}));
  cmd->callback([files, kind, &status] {
    status = kExitOk;
    std::optional<ConfigKind> forced;
    if (*kind == "topology") forced = ConfigKind::Topology;
    if (*kind == "scenario") forced = ConfigKind::Scenario;
    for (const auto& file : *files) {
      try {
        validateFile(file, forced);
      } catch (const core::config::ConfigError& e) {
        std::cerr << e.what() << "\n";
        status = kExitBadInput;
      }
    }
  });
}

}  // namespace cdnsim::tools
