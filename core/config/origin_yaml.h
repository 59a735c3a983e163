#pragma once
// The parts of a topology that say how origins answer and fail, read from YAML with their checks:
// where an origin is and which Origin Shield it uses, its answering model and connection settings,
// origin groups, and the distribution's custom error responses. Used by readTopology(); every
// mistake is a ConfigError at its value.

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/config/topology.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

// An origin's `region:`, else for S3 the Region its domain names. An explicit Region must be a
// Region code and agree with an S3 domain that names one.
std::string readOriginRegion(const YamlMap& m, const OriginConfig& o);

// `origin_shield: {region: ...}`: an Origin Shield Region that a REC of the topology is in, since
// cdnsim runs the shield on that REC. RECs are read before origins; `recByRegion` maps a Region to
// its REC's index.
OriginShieldConfig readOriginShield(const YamlNode& node, const TopologyConfig& t,
                                   const std::unordered_map<std::string, std::size_t>& recByRegion);

// Reads the model keys (list_bucket, paths, errors, response_time, concurrency, validators,
// content_type, condition, connection_attempts, connection_timeout, response_timeout,
// keepalive_timeout) of one origin into `o` (whose kind is already known): refuses keys that do
// not apply to its kind (an S3 bucket has no response time distribution, ...).
void readOriginModel(const YamlMap& m, OriginConfig& o);

// `origin_groups:`; `originNames` are the topology's origins. Group names must not collide with
// them.
std::vector<OriginGroupConfig> readOriginGroups(const YamlNode& node, const TopologyConfig& t,
                                                UniqueNames& originNames);

// `custom_error_responses:`.
std::vector<cache::CustomErrorResponse> readCustomErrorResponses(const YamlNode& node);

}  // namespace cdnsim::core::config
