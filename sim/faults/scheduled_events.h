#pragma once
// The scenario's scheduled events (core/config/scenario_events.h) on the run's event queue. Each
// event is one queue event at its `at` (and one at its `until`), which flips the simulation's
// state through its hooks (TieredSimulation::originCondition, deploy, invalidate, setPopDown,
// setRecDown);
// requests never look at an event list.
//
//  origin_down / origin_slow / origin_errors: the origin's condition is set at `at`; at `until` the
//    fields the event set get back the values they had when it started.
//  pop_down: DNS sends the POP's viewers to the next nearest POP that is up; its cache survives.
//  rec_down: the POPs behind the REC send GET/HEAD to the next layer up (the shield, else the
//    origin), as CloudFront's REC-skip path does; the REC's cache survives.
//  invalidation: at `at` + completes_after, every matching object's copy is removed from every
//    cache (POPs, RECs, the shield). Patterns are expanded against the catalogue's paths.
//  deploy: at `at`, the matching objects get a new version (a new ETag) and optionally a size.

#include <cstdint>
#include <vector>

#include "core/config/scenario_events.h"
#include "core/origin/origin_condition.h"

namespace cdnsim::sim {

class TieredSimulation;
class Catalogue;

// The catalogue objects an invalidation path matches (DG/Invalidation.html: case-sensitive;
// a trailing '*' matches zero or more characters). O(objects) path comparisons.
std::vector<std::uint64_t> objectsMatchingPath(const Catalogue& catalogue, const std::string& path);
// The same over every object the simulation knows: the catalogue's, the missing keys viewers ask
// for and custom error pages (a cached 404 is invalidated like any copy).
std::vector<std::uint64_t> objectsMatchingPath(const TieredSimulation& sim, const std::string& path);
// The objects a deploy changes: those under its path prefix and within its index range.
std::vector<std::uint64_t> objectsOfDeploy(const Catalogue& catalogue,
                                           const core::config::ScenarioEventConfig& deploy);

class ScheduledEvents {
 public:
  // Both must outlive the run.
  ScheduledEvents(const std::vector<core::config::ScenarioEventConfig>& events,
                  TieredSimulation& sim)
      : events_(events), sim_(sim), saved_(events.size()) {}
  // Puts every event on the simulation's queue.
  void schedule();

 private:
  void start(std::size_t event);
  void end(std::size_t event);

  const std::vector<core::config::ScenarioEventConfig>& events_;
  TieredSimulation& sim_;
  std::vector<core::origin::OriginCondition> saved_;  // per event: the origin's condition at `at`
};

}  // namespace cdnsim::sim
