#pragma once
// compare's named sets of overrides: `--variant 'big-cache: pops[*].cache.capacity=8GiB,
// regional_edge_caches[*].cache.capacity=64GiB'`. The name ends at the first ':' that comes before
// any '=' ('name:' alone is the scenario as it is); without a name, the overrides' text names it.
// Overrides are separated by commas outside brackets, braces and quotes, as grid values are.

#include <string>
#include <string_view>
#include <vector>

#include "core/config/overrides.h"

namespace cdnsim::sim {

struct Variant {
  std::string name;
  std::vector<core::config::Override> overrides;  // placed at "--variant NAME:"
};

// Throws core::config::ConfigError placed at "--variant TEXT" (a malformed override inside names
// itself: "--variant big: pops[*].cache.capasity=8GiB: ...").
Variant parseVariant(std::string_view text);

// Splits at commas outside [], {} and quotes (sweep_grid.cc's values, variant's overrides).
std::vector<std::string> splitTopLevel(std::string_view text);

}  // namespace cdnsim::sim
