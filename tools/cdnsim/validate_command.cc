// `cdnsim validate FILE.yaml...`: check topologies and scenarios (a scenario's topology too) and
// report the first error of each file as file:line:col.

#include <iostream>

#include "core/config/config_error.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"
#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

namespace {

// A file with a `topology:` key is a scenario; anything else is read as a topology.
void validateFile(const std::string& path) {
  auto root = core::config::YamlNode::loadFile(path);
  if (root.isMap() && root.raw()["topology"]) {
    auto scenario = core::config::loadScenario(path);
    core::config::loadTopology(scenario.topologyPath);
    std::cout << path << ": valid scenario (topology " << scenario.topologyPath << ")\n";
  } else {
    auto topology = core::config::loadTopology(path);
    std::cout << path << ": valid topology '" << topology.name << "' (POPs: " << topology.pops.size()
              << ", regional edge caches: " << topology.regionalEdgeCaches.size()
              << ", origins: " << topology.origins.size() << ")\n";
  }
}

}  // namespace

void registerValidateCommand(CLI::App& app, int& status) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("validate", "Check topology and scenario files");
  cmd->add_option("files", *files, "YAML files to check")->required();
  cmd->callback([files, &status] {
    status = kExitOk;
    for (const auto& file : *files) {
      try {
        validateFile(file);
      } catch (const core::config::ConfigError& e) {
        std::cerr << e.what() << "\n";
        status = kExitBadInput;
      }
    }
  });
}

}  // namespace cdnsim::tools
