#pragma once
// The caching parts of a topology read from YAML with their checks: a node's cache and the
// distribution's cache policies. Used by readTopology(); every mistake is a ConfigError at its value.

#include <string_view>

#include "core/cache/cache_policy.h"
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

// A POP's or regional edge cache's `cache: {capacity, policy}`; `owner` names it in messages.
CacheConfig readCache(const YamlNode& node, std::string_view owner);

// One `cache_policies:` entry; `policyNames` are the names read so far (a name may not repeat nor
// be a managed policy's).
cache::CachePolicyConfig readCachePolicy(const YamlNode& node, UniqueNames& policyNames);

}  // namespace cdnsim::core::config
