// readScenarioEvents() and validateScenarioEvents(): YAML `events:` → ScenarioEventConfig.

#include <fmt/format.h>

#include <string_view>

#include "core/config/did_you_mean.h"
#include "core/config/scenario_events.h"
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

// In ScenarioEventKind's order.
constexpr std::string_view kKinds[] = {"origin_down", "origin_slow", "origin_errors", "pop_down",
                                       "rec_down",    "invalidation", "deploy"};

// The keys each kind takes besides `kind` and `at`.
std::vector<std::string_view> keysOf(ScenarioEventKind kind) {
  switch (kind) {
    case ScenarioEventKind::OriginDown: return {"origin", "mode", "until"};
    case ScenarioEventKind::OriginSlow: return {"origin", "factor", "until"};
    case ScenarioEventKind::OriginErrors: return {"origin", "rate", "status", "until"};
    case ScenarioEventKind::PopDown: return {"pop", "until"};
    case ScenarioEventKind::RecDown: return {"rec", "until"};
    case ScenarioEventKind::Invalidation: return {"paths", "completes_after"};
    case ScenarioEventKind::Deploy: return {"path_prefix", "first", "last", "size"};
  }
  return {};
}

// An invalidation path (DG/Invalidation.html): starts with '/', at most 4000 characters, and
// '*' only as the last character.
void checkInvalidationPath(const YamlNode& node, const std::string& path) {
  if (path.empty() || path.front() != '/') {
    node.fail(fmt::format("invalidation path '{}' must start with '/'", path));
  }
  if (path.size() > 4000) {
    node.fail(fmt::format("invalidation path is {} characters long; expected at most 4000",
                          path.size()));
  }
  const auto star = path.find('*');
  if (star != std::string::npos && star + 1 != path.size()) {
    node.fail(fmt::format("invalidation path '{}' has '*' at character {}; '*' may only be the "
                          "last character (DG/Invalidation.html)",
                          path, star + 1));
  }
}

ScenarioEventConfig readEvent(const YamlNode& node, std::uint64_t catalogueObjects) {
  YamlMap m(node, "event", keys::kEvent);
  ScenarioEventConfig e;
  const auto kindNode = m.require("kind");
  e.mark = kindNode.mark();
  const auto kind = kindNode.asChoice("event kind", {kKinds[0], kKinds[1], kKinds[2], kKinds[3],
                                                     kKinds[4], kKinds[5], kKinds[6]});
  for (std::size_t i = 0; i < std::size(kKinds); ++i) {
    if (kind == kKinds[i]) e.kind = static_cast<ScenarioEventKind>(i);
  }
  const auto allowed = keysOf(e.kind);
  for (const auto& entry : node.raw()) {
    const auto key = entry.first.as<std::string>();
    if (key == "kind" || key == "at") continue;
    bool ok = false;
    for (auto a : allowed) ok = ok || a == key;
    if (!ok) {
      node.child(entry.first)
          .fail(fmt::format("'{}' does not apply to a {} event; expected one of: kind, at, {}", key,
                            kind, fmt::join(allowed, ", ")));
    }
  }
  e.at = m.require("at").asDuration("event at (time after the scenario's start)");
  if (e.at < Duration::zero()) m.require("at").fail("event at must not be negative");
  if (auto v = m.get("until")) {
    e.until = v->asDuration("event until (time after the scenario's start)");
    if (*e.until <= e.at) {
      v->fail(fmt::format("until ({}) is not after at ({}); expected a time after the event "
                          "starts",
                          v->asString("until"), m.require("at").asString("at")));
    }
  }
  auto target = [&](std::string_view key) {
    const auto t = m.require(key);
    e.target = t.asString(key);
    e.targetMark = t.mark();
  };
  switch (e.kind) {
    case ScenarioEventKind::OriginDown:
      target("origin");
      if (auto v = m.get("mode")) {
        e.downMode = v->asChoice("origin_down mode", {"refusing", "silent"}) == "silent"
                         ? OriginDownMode::Silent
                         : OriginDownMode::Refusing;
      }
      break;
    case ScenarioEventKind::OriginSlow:
      target("origin");
      e.latencyFactor = m.require("factor").asDouble("origin_slow factor", 1e-3, 1e6);
      break;
    case ScenarioEventKind::OriginErrors:
      target("origin");
      e.errorRate = m.require("rate").asDouble("origin_errors rate", 0, 1);
      if (auto v = m.get("status")) {
        e.errorStatus = static_cast<std::uint16_t>(v->asInt("origin_errors status", 400, 599));
      }
      break;
    case ScenarioEventKind::PopDown: target("pop"); break;
    case ScenarioEventKind::RecDown: target("rec"); break;
    case ScenarioEventKind::Invalidation: {
      const auto paths = m.require("paths");
      for (const auto& p : paths.asSequence("invalidation paths")) {
        e.paths.push_back(p.asString("invalidation path"));
        checkInvalidationPath(p, e.paths.back());
      }
      if (e.paths.empty()) paths.fail("an invalidation needs at least one path");
      if (auto v = m.get("completes_after")) {
        e.completesAfter = v->asDuration("completes_after");
        if (e.completesAfter < Duration::zero()) v->fail("completes_after must not be negative");
      }
      break;
    }
    case ScenarioEventKind::Deploy: {
      if (auto v = m.get("path_prefix")) {
        e.pathPrefix = v->asString("path_prefix");
        if (e.pathPrefix->empty() || e.pathPrefix->front() != '/') {
          v->fail("deploy path_prefix must start with '/'");
        }
      }
      const auto maxIndex = static_cast<std::int64_t>(catalogueObjects - 1);
      if (auto v = m.get("first")) {
        e.firstObject = static_cast<std::uint64_t>(v->asInt("deploy first (object index)", 0, maxIndex));
      }
      if (auto v = m.get("last")) {
        e.lastObject = static_cast<std::uint64_t>(v->asInt("deploy last (object index)", 0, maxIndex));
        if (e.firstObject && *e.lastObject < *e.firstObject) {
          v->fail("deploy last is below first; expected first <= last");
        }
      }
      if (!e.pathPrefix && !e.firstObject && !e.lastObject) {
        node.fail("a deploy needs the objects it changes: path_prefix, or first and last "
                  "(catalogue indices), or both");
      }
      if (auto v = m.get("size")) {
        e.newSize = v->asByteSize("deploy size");
        if (*e.newSize == 0) v->fail("deploy size must be above zero");
      }
      break;
    }
  }
  return e;
}

void checkName(const SourceMark& at, std::string_view what, const std::string& name,
               const std::vector<std::string_view>& names) {
  for (auto n : names) {
    if (n == name) return;
  }
  const auto hint = closestName(name, names);
  throw ConfigError(at, fmt::format("{} '{}' is not in the topology; expected one of: {}{}", what,
                                    name, fmt::join(names, ", "),
                                    hint ? fmt::format("; did you mean '{}'?", *hint) : ""));
}

}  // namespace

std::vector<ScenarioEventConfig> readScenarioEvents(const YamlNode& node,
                                                    std::uint64_t catalogueObjects) {
  std::vector<ScenarioEventConfig> events;
  for (const auto& e : node.asSequence("events")) events.push_back(readEvent(e, catalogueObjects));
  return events;
}

void validateScenarioEvents(const std::vector<ScenarioEventConfig>& events,
                            const TopologyConfig& topology) {
  std::vector<std::string_view> origins, pops, recs;
  for (const auto& o : topology.origins) origins.push_back(o.name);
  for (const auto& p : topology.pops) pops.push_back(p.code);
  for (const auto& r : topology.regionalEdgeCaches) recs.push_back(r.name);
  for (const auto& e : events) {
    switch (e.kind) {
      case ScenarioEventKind::OriginDown:
      case ScenarioEventKind::OriginSlow:
      case ScenarioEventKind::OriginErrors: checkName(e.targetMark, "origin", e.target, origins); break;
      case ScenarioEventKind::PopDown: checkName(e.targetMark, "POP", e.target, pops); break;
      case ScenarioEventKind::RecDown: {
        checkName(e.targetMark, "regional edge cache", e.target, recs);
        const auto* rec = topology.findRegionalEdgeCache(e.target);
        for (const auto& o : topology.origins) {
          if (o.originShield && o.originShield->region == rec->region) {
            throw ConfigError(e.targetMark,
                              fmt::format("regional edge cache '{}' is the origin shield of origin "
                                          "'{}'; rec_down takes down only RECs that are no "
                                          "origin's shield",
                                          e.target, o.name));
          }
        }
        break;
      }
      default: break;
    }
  }
}

}  // namespace cdnsim::core::config
