#pragma once
// An object group's `release:` (new objects published at a time or periodically, with an optional
// flash crowd), read from YAML with its checks.

#include "core/config/workload.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

ReleaseConfig readRelease(const YamlNode& node);

}  // namespace cdnsim::core::config
