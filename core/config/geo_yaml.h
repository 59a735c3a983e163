#pragma once
// A location in YAML: `{lat: 38.94, lon: -77.46}`.
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

inline GeoLocation readGeoLocation(const YamlNode& node) {
  YamlMap m(node, "location", keys::kLocation);
  return GeoLocation{m.require("lat").asDouble("latitude", -90, 90),
                     m.require("lon").asDouble("longitude", -180, 180)};
}

}  // namespace cdnsim::core::config
