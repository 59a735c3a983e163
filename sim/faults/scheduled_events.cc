#include "sim/faults/scheduled_events.h"

#include <string_view>

#include "sim/run/tiered_simulation.h"
#include "sim/workload/catalogue.h"

namespace cdnsim::sim {

using core::config::ScenarioEventKind;

namespace {

bool pathMatches(std::string_view path, std::string_view pattern) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return path.substr(0, pattern.size()) == pattern;
  }
  return path == pattern;
}

std::uint32_t popIndex(const TieredSimulation& sim, const std::string& code) {
  const auto& pops = sim.topology().pops;
  for (std::uint32_t p = 0; p < pops.size(); ++p) {
    if (pops[p].code == code) return p;
  }
  return 0;  // validateScenarioEvents() refused unknown POPs
}

std::uint32_t recIndex(const TieredSimulation& sim, const std::string& name) {
  const auto& recs = sim.topology().regionalEdgeCaches;
  for (std::uint32_t r = 0; r < recs.size(); ++r) {
    if (recs[r].name == name) return r;
  }
  return 0;  // validateScenarioEvents() refused unknown RECs
}

std::uint16_t originIndex(const TieredSimulation& sim, const std::string& name) {
  const auto& origins = sim.topology().origins;
  for (std::uint16_t o = 0; o < origins.size(); ++o) {
    if (origins[o].name == name) return o;
  }
  return 0;
}

}  // namespace

std::vector<std::uint64_t> objectsMatchingPath(const Catalogue& catalogue, const std::string& path) {
  std::vector<std::uint64_t> out;
  std::string p;
  for (std::uint64_t o = 0; o < catalogue.objectCount(); ++o) {
    p.clear();
    catalogue.appendPath(o, p);
    if (pathMatches(p, path)) out.push_back(o);
  }
  return out;
}

std::vector<std::uint64_t> objectsMatchingPath(const TieredSimulation& sim, const std::string& path) {
  std::vector<std::uint64_t> out;
  std::string p;
  for (std::uint64_t o = 0; o < sim.objectCount(); ++o) {
    p.clear();
    sim.appendPath(o, p);
    if (pathMatches(p, path)) out.push_back(o);
  }
  return out;
}

std::vector<std::uint64_t> objectsOfDeploy(const Catalogue& catalogue,
                                           const core::config::ScenarioEventConfig& deploy) {
  std::vector<std::uint64_t> out;
  const std::uint64_t first = deploy.firstObject.value_or(0);
  const std::uint64_t last = deploy.lastObject.value_or(catalogue.objectCount() - 1);
  std::string p;
  for (std::uint64_t o = first; o <= last && o < catalogue.objectCount(); ++o) {
    if (deploy.pathPrefix) {
      p.clear();
      catalogue.appendPath(o, p);
      if (p.compare(0, deploy.pathPrefix->size(), *deploy.pathPrefix) != 0) continue;
    }
    out.push_back(o);
  }
  return out;
}

void ScheduledEvents::schedule() {
  auto& queue = sim_.queue();
  const auto start = sim_.scenario().start;
  for (std::size_t i = 0; i < events_.size(); ++i) {
    const auto& e = events_[i];
    // An invalidation takes effect when it completes.
    const auto when = e.kind == ScenarioEventKind::Invalidation ? e.at + e.completesAfter : e.at;
    queue.scheduleAt(start + when, [this, i] { this->start(i); });
    if (e.until) queue.scheduleAt(start + *e.until, [this, i] { end(i); });
  }
}

void ScheduledEvents::start(std::size_t i) {
  const auto& e = events_[i];
  auto& summary = sim_.mutableSummary();
  ++summary.eventsApplied;
  if (e.kind == ScenarioEventKind::OriginDown || e.kind == ScenarioEventKind::OriginSlow ||
      e.kind == ScenarioEventKind::OriginErrors) {
    saved_[i] = sim_.originCondition(originIndex(sim_, e.target));
  }
  switch (e.kind) {
    case ScenarioEventKind::OriginDown: {
      auto& c = sim_.originCondition(originIndex(sim_, e.target));
      c.reachability = e.downMode == core::config::OriginDownMode::Silent
                           ? core::origin::Reachability::Silent
                           : core::origin::Reachability::Refusing;
      break;
    }
    case ScenarioEventKind::OriginSlow:
      sim_.originCondition(originIndex(sim_, e.target)).latencyFactor = e.latencyFactor;
      break;
    case ScenarioEventKind::OriginErrors: {
      auto& c = sim_.originCondition(originIndex(sim_, e.target));
      c.errorRate = e.errorRate;
      c.errorStatus = e.errorStatus;
      break;
    }
    case ScenarioEventKind::PopDown: sim_.setPopDown(popIndex(sim_, e.target), true); break;
    case ScenarioEventKind::RecDown: sim_.setRecDown(recIndex(sim_, e.target), true); break;
    case ScenarioEventKind::Invalidation:
      for (const auto& path : e.paths) {
        for (const auto o : objectsMatchingPath(sim_, path)) {
          summary.invalidatedObjects += sim_.invalidate(o);
        }
      }
      break;
    case ScenarioEventKind::Deploy:
      for (const auto o : objectsOfDeploy(sim_.catalogue(), e)) sim_.deploy(o, e.newSize);
      break;
  }
}

void ScheduledEvents::end(std::size_t i) {
  const auto& e = events_[i];
  ++sim_.mutableSummary().eventsApplied;
  const core::origin::OriginCondition& normal = saved_[i];
  switch (e.kind) {
    case ScenarioEventKind::OriginDown:
      sim_.originCondition(originIndex(sim_, e.target)).reachability = normal.reachability;
      break;
    case ScenarioEventKind::OriginSlow:
      sim_.originCondition(originIndex(sim_, e.target)).latencyFactor = normal.latencyFactor;
      break;
    case ScenarioEventKind::OriginErrors: {
      auto& c = sim_.originCondition(originIndex(sim_, e.target));
      c.errorRate = normal.errorRate;
      c.errorStatus = normal.errorStatus;
      break;
    }
    case ScenarioEventKind::PopDown: sim_.setPopDown(popIndex(sim_, e.target), false); break;
    case ScenarioEventKind::RecDown: sim_.setRecDown(recIndex(sim_, e.target), false); break;
    default: break;  // invalidations and deploys have no `until`
  }
}

}  // namespace cdnsim::sim
