#pragma once
// Scheduled events of a scenario (YAML `events:`): changes to the world at a time after the start,
// some of them undone at `until`. Read by readScenario(); references to the topology (origin
// names, POP codes, REC names) are checked by validateScenarioEvents() once the topology is known.
// sim/faults/ schedules them on the run's event queue.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config_error.h"
#include "core/time.h"

namespace cdnsim::core::config {

class YamlNode;
struct TopologyConfig;

enum class ScenarioEventKind : std::uint8_t {
  OriginDown,    // an origin refuses connections or is silent (firewalled)
  OriginSlow,    // an origin's first-byte latency is multiplied by `latencyFactor`
  OriginErrors,  // a share `errorRate` of an origin's answers is `errorStatus`
  PopDown,       // a POP is out of DNS: its viewers go to the next nearest POP
  RecDown,       // a regional edge cache is out: its POPs go to the shield or the origin
  Invalidation,  // paths removed from every cache when the invalidation completes
  Deploy,        // new versions (ETag) and optionally a new size of a set of objects
};

// How a down origin fails (DG/http-502-bad-gateway.html, DG/http-504-gateway-timeout.html).
enum class OriginDownMode : std::uint8_t { Refusing, Silent };

// The default time an invalidation takes to complete. CloudFront publishes no figure
// (DG/Invalidation.html); a minute is a typical observed value.
inline constexpr Duration kDefaultInvalidationDelay = std::chrono::seconds(60);

struct ScenarioEventConfig {
  ScenarioEventKind kind{ScenarioEventKind::Deploy};
  SourceMark mark;                 // the event's `kind:` value, for reports
  Duration at{0};                  // after the scenario's start
  std::optional<Duration> until;   // origin_*, pop_down, rec_down: restored then (else never)
  std::string target;              // origin name, POP code or REC name
  SourceMark targetMark;
  OriginDownMode downMode{OriginDownMode::Refusing};
  double latencyFactor{1.0};       // origin_slow
  double errorRate{0.0};           // origin_errors: 0..1
  std::uint16_t errorStatus{503};  // origin_errors
  std::vector<std::string> paths;  // invalidation: exact paths, or a prefix ending in '*'
  Duration completesAfter{kDefaultInvalidationDelay};  // invalidation
  // deploy: the objects whose path starts with `pathPrefix`, and/or catalogue indices
  // firstObject..lastObject (inclusive); `newSize` when the new version has another size.
  std::optional<std::string> pathPrefix;
  std::optional<std::uint64_t> firstObject;
  std::optional<std::uint64_t> lastObject;
  std::optional<std::uint64_t> newSize;
};

// Reads the `events:` list; throws ConfigError at the offending value.
std::vector<ScenarioEventConfig> readScenarioEvents(const YamlNode& node,
                                                    std::uint64_t catalogueObjects);
// Checks that every event names an origin, POP or REC of `topology`; throws ConfigError at the
// event's reference, with a did-you-mean. A REC that is an origin's shield cannot be taken down
// (the shield's outage is not modelled).
void validateScenarioEvents(const std::vector<ScenarioEventConfig>& events,
                            const TopologyConfig& topology);

}  // namespace cdnsim::core::config
