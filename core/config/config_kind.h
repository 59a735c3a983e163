#pragma once
// Telling a topology file from a scenario file by the keys it has, for `cdnsim validate`.

#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

enum class ConfigKind {
  Topology,  // has pops, regional_edge_caches, origins, behaviors, ...
  Scenario,  // has topology, catalogue, clients, requests, ...
};

// The kind of file `root` is. Fails at the root when it has keys of both kinds (naming them) or
// of neither, since guessing would report every key of the other kind as unknown.
ConfigKind detectConfigKind(const YamlNode& root);

}  // namespace cdnsim::core::config
