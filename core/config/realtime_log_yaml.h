#pragma once
// A topology's `realtime_log_configs:` entries read from YAML with their checks (DG/real-time-logs.html).

#include "core/config/topology.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

// One entry: a name usable in a file name (one of `names`, which must not repeat), a sampling rate
// of 1..100 percent, and fields CloudFront knows, each once.
RealtimeLogConfig readRealtimeLogConfig(const YamlNode& node, UniqueNames& names);

}  // namespace cdnsim::core::config
