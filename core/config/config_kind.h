#pragma once
// Telling a topology file from a scenario file by the keys it has, for `cdnsim validate`.

#include <string_view>
#include <vector>

#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

enum class ConfigKind {
  Topology,  // has pops, regional_edge_caches, origins, behaviors, ...
  Scenario,  // has topology, catalogue, clients, requests, ...
};

// The kind of file `root` is. Fails at the root when it has keys of both kinds (naming them) or
// of neither, since guessing would report every key of the other kind as unknown.
ConfigKind detectConfigKind(const YamlNode& root);

// The top-level keys only one kind of file has (`name`, which both have, is in neither).
std::vector<std::string_view> scenarioOnlyKeys();
std::vector<std::string_view> topologyOnlyKeys();

}  // namespace cdnsim::core::config
