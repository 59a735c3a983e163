#pragma once
// Command-line overrides of a scenario or topology value by its YAML path:
//
//   pops[*].cache.capacity=4GiB          every POP's cache capacity
//   pops[IAD89-C1].cache.policy=s3fifo   the list element whose `code:` (or `name:`) is IAD89-C1
//   behaviors[0].cache_policy=CachingDisabled
//   requests=20000                       a scenario key
//   topology.name=bigger                 `topology.` / `scenario.` say which file when a key
//                                        (here `name`) is in both
//
// A path is keys joined by '.', each optionally followed by selectors: [N] (an index from 0), [*]
// (every element) or [NAME] (the element whose `code:` or `name:` is NAME). Without a prefix the
// first key decides the file: scenario keys (and `name`) go to the scenario, topology keys to the
// topology. `topology=FILE` is the scenario's own `topology:` key.
//
// The value is YAML text, parsed as YAML (`4GiB`, `"max-age=60, public"`, `{capacity: 4GiB,
// policy: lru}`), and written into the parsed file before its loader runs, so every check the
// loader makes applies to it. Missing mappings on the way are created (a misspelt key is then
// refused by the loader); list elements are never created.
//
// Errors are ConfigErrors whose place is the override itself ("--set pops[*].cache.capasity=4GiB:
// unknown key 'capasity' in pop cache; did you mean 'capacity'? ...").

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config_error.h"

namespace cdnsim::core::config {

enum class OverrideTarget { Scenario, Topology };

struct PathStep {
  enum class Kind {
    Key,    // a mapping key
    Index,  // [N]
    Every,  // [*]
    Named,  // [NAME]: the element whose `code:` or `name:` is NAME
  };
  Kind kind = Kind::Key;
  std::string key;        // Key: the key; Named: the name
  std::size_t index = 0;  // Index
};

struct Override {
  std::string origin;  // what the user typed it after, for messages: "--set", "--grid"
  std::string text;    // "pops[*].cache.capacity=4GiB", as given
  OverrideTarget target = OverrideTarget::Scenario;
  std::vector<PathStep> path;  // without the `scenario.` / `topology.` prefix
  YAML::Node value;            // parsed once; each application writes a fresh copy

  // "--set pops[*].cache.capacity=4GiB": the place of every error about this override.
  std::string label() const { return origin + " " + text; }
};

// Where PATH ends in "PATH=VALUE": the first '=' outside brackets, or npos.
std::size_t findOverrideAssignment(std::string_view text);

// Parses "PATH=VALUE" (the first '=' outside brackets splits them). Throws ConfigError placed at
// `origin text` for a malformed path, an unknown first key or a value that is not YAML.
Override parseOverride(std::string_view text, std::string_view origin = "--set");

// Writes the override's value at its path in `root`, a parsed file of the override's target.
// Throws ConfigError placed at the override when the path does not fit the file (an index past
// the end, a key into a list, a name no element has).
void applyOverride(const Override& override, YAML::Node root);

}  // namespace cdnsim::core::config
