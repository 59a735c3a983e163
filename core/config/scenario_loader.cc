// loadScenario(): YAML → ScenarioConfig, checking every key and value.

#include <fmt/format.h>

#include <chrono>
#include <string_view>
#include <filesystem>

#include "core/config/geo_yaml.h"
#include "core/config/scenario.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

SizeDistributionConfig readSizes(const YamlNode& node) {
  YamlMap m(node, "catalogue sizes", {"distribution", "size", "median", "scale", "sigma", "alpha",
                                      "min", "max"});
  SizeDistributionConfig s;
  auto kind = m.require("distribution").asChoice("size distribution", {"fixed", "lognormal", "pareto"});
  auto requireOnly = [&](std::string_view key, std::initializer_list<std::string_view> forbidden) {
    for (auto f : forbidden) {
      if (auto v = m.get(f)) v->fail(fmt::format("'{}' does not apply to a {} distribution", f, kind));
    }
    return m.require(key);
  };
  if (kind == "fixed") {
    s.kind = SizeDistributionKind::Fixed;
    s.medianBytes = requireOnly("size", {"median", "scale", "sigma", "alpha"}).asByteSize("size");
  } else if (kind == "lognormal") {
    s.kind = SizeDistributionKind::Lognormal;
    s.medianBytes = requireOnly("median", {"size", "scale", "alpha"}).asByteSize("median");
    if (auto v = m.get("sigma")) s.shape = v->asDouble("sigma", 0.01, 10);
  } else {
    s.kind = SizeDistributionKind::Pareto;
    s.medianBytes = requireOnly("scale", {"size", "median", "sigma"}).asByteSize("scale");
    if (auto v = m.get("alpha")) s.shape = v->asDouble("alpha", 0.1, 10);
  }
  if (auto v = m.get("min")) s.minBytes = v->asByteSize("min");
  if (auto v = m.get("max")) s.maxBytes = v->asByteSize("max");
  if (s.minBytes == 0 || s.minBytes > s.maxBytes) {
    node.fail("object sizes need 0 < min <= max");
  }
  // Sizes are clamped to [min, max]: a size, median or scale outside it would quietly make every
  // object (or nearly every one) the same size, so it is refused at its key.
  const std::string_view key = kind == "fixed" ? "size" : kind == "lognormal" ? "median" : "scale";
  const auto value = m.require(key);
  if (s.medianBytes == 0) value.fail(fmt::format("{} must be above zero", key));
  if (s.medianBytes < s.minBytes || s.medianBytes > s.maxBytes) {
    value.fail(fmt::format("{} {} is outside the object sizes {}..{} (min..max), so every object "
                           "would be clamped to one of them; expected a {} within min..max",
                           key, s.medianBytes, s.minBytes, s.maxBytes, key));
  }
  if (s.kind == SizeDistributionKind::Pareto && s.medianBytes == s.maxBytes) {
    value.fail(fmt::format("scale {} equals max, and a Pareto size is never below its scale, so "
                           "every object would be {} bytes; expected a scale below max",
                           s.medianBytes, s.maxBytes));
  }
  return s;
}

// "2026-01-01T00:00:00Z": ISO 8601 in UTC, to the second.
bool looksLikeIsoTime(std::string_view t) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool ok = kShape[i] == 'd' ? (t[i] >= '0' && t[i] <= '9') : t[i] == kShape[i];
    if (!ok) return false;
  }
  return true;
}

int digits(std::string_view t, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (t[i] - '0');
  return value;
}

TimePoint readStart(const YamlNode& node) {
  std::string text = node.asString("start");
  if (looksLikeIsoTime(text)) {
    using namespace std::chrono;
    const int y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
    const int h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
    // std::chrono would normalise 2026-02-31 to March 3: check the calendar first.
    const year_month_day date{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
    if (y < 1970 || !date.ok()) {
      const auto last = year_month_day_last(year(y), month_day_last(month(static_cast<unsigned>(mo))));
      node.fail(fmt::format(
          "start '{}' is not a calendar date{}; expected a date from 1970-01-01 on, such as "
          "2026-01-01T00:00:00Z",
          text,
          y < 1970                 ? " in Unix time (before 1970)"
          : mo < 1 || mo > 12      ? fmt::format(" (month {} does not exist)", mo)
                                   : fmt::format(" ({}-{:02} has {} days)", y, mo,
                                                 static_cast<unsigned>(last.day()))));
    }
    // No leap seconds: Unix time has none, and 23:59:60 would alias the next midnight.
    if (h > 23 || mi > 59 || s > 59) {
      node.fail(fmt::format("start '{}' is not a time of day; expected 00:00:00 to 23:59:59 UTC",
                            text));
    }
    const auto days = sys_days(date);
    return fromUnixSeconds(days.time_since_epoch().count() * 86400LL + h * 3600 + mi * 60 + s);
  }
  return fromUnixSeconds(node.asInt("start (ISO 8601 like 2026-01-01T00:00:00Z, or Unix seconds)",
                                    0, 253402300799));
}

}  // namespace

ScenarioConfig readScenario(const YamlNode& root) {
  YamlMap top(root, "scenario",
              {"name", "topology", "seed", "start", "requests", "catalogue", "clients", "events"});
  ScenarioConfig sc;
  sc.file = root.file();
  sc.name = top.require("name").asString("scenario name");
  auto topo = top.require("topology");
  sc.topologyMark = topo.mark();
  std::filesystem::path topoPath = topo.asString("topology");
  if (topoPath.is_relative()) {
    topoPath = std::filesystem::path(root.file()).parent_path() / topoPath;
  }
  sc.topologyPath = topoPath.lexically_normal().string();
  if (auto v = top.get("seed")) {
    sc.seed = static_cast<std::uint64_t>(v->asInt("seed", 0, INT64_MAX));
  }
  if (auto v = top.get("start")) sc.start = readStart(*v);
  sc.requests = static_cast<std::uint64_t>(top.require("requests").asInt("requests", 1, 1LL << 40));

  YamlMap cat(top.require("catalogue"), "catalogue",
              {"objects", "zipf_alpha", "path_prefix", "sizes", "cache_control", "missing"});
  const auto objects = cat.require("objects");
  sc.catalogue.objects =
      static_cast<std::uint64_t>(objects.asInt("catalogue objects", 1, INT64_MAX));
  if (sc.catalogue.objects > kMaxCatalogueObjects) {
    objects.fail(fmt::format(
        "catalogue objects: {} objects would take {:.1f} GiB ({} bytes each) before the run "
        "starts; expected at most {} objects",
        sc.catalogue.objects,
        static_cast<double>(sc.catalogue.objects) * kBytesPerCatalogueObject / (1ULL << 30),
        kBytesPerCatalogueObject, kMaxCatalogueObjects));
  }
  if (auto v = cat.get("zipf_alpha")) sc.catalogue.zipfAlpha = v->asDouble("zipf_alpha", 0, 10);
  if (auto v = cat.get("path_prefix")) {
    sc.catalogue.pathPrefix = v->asString("path_prefix");
    if (sc.catalogue.pathPrefix.empty() || sc.catalogue.pathPrefix.front() != '/') {
      v->fail("path_prefix must start with '/'");
    }
  }
  if (auto v = cat.get("sizes")) sc.catalogue.sizes = readSizes(*v);
  if (auto v = cat.get("cache_control")) sc.catalogue.cacheControl = v->asString("cache_control");
  if (auto v = cat.get("missing")) {
    YamlMap missing(*v, "catalogue missing", {"share", "objects"});
    sc.catalogue.missingShare = missing.require("share").asDouble("missing share", 0, 1);
    const auto count = missing.require("objects");
    sc.catalogue.missingObjects =
        static_cast<std::uint64_t>(count.asInt("missing objects", 1, INT64_MAX));
    if (sc.catalogue.objects + sc.catalogue.missingObjects > kMaxCatalogueObjects) {
      count.fail(fmt::format("catalogue objects and missing objects together must be at most {}",
                             kMaxCatalogueObjects));
    }
  }

  auto clientNodes = top.require("clients").asSequence("clients");
  if (clientNodes.empty()) top.require("clients").fail("a scenario needs at least one client population");
  UniqueNames clientNames("client name");
  for (const auto& node : clientNodes) {
    YamlMap m(node, "client population", {"name", "location", "requests_per_second"});
    ClientPopulationConfig c;
    const auto name = m.require("name");
    c.name = name.asString("client name");
    clientNames.add(c.name, name);
    c.location = readGeoLocation(m.require("location"));
    c.requestsPerSecond = m.require("requests_per_second").asDouble("requests_per_second", 1e-6, 1e9);
    sc.clients.push_back(std::move(c));
  }
  if (auto v = top.get("events")) sc.events = readScenarioEvents(*v, sc.catalogue.objects);
  return sc;
}

ScenarioConfig loadScenario(const std::string& path) {
  return readScenario(YamlNode::loadFile(path));
}

ScenarioConfig loadScenarioFromString(const std::string& text, const std::string& name) {
  return readScenario(YamlNode::loadString(text, name));
}

TopologyConfig loadScenarioTopology(const ScenarioConfig& scenario) {
  if (auto reason = unreadableReason(scenario.topologyPath)) {
    throw ConfigError(scenario.topologyMark,
                      fmt::format("cannot open topology '{}': {}; expected a topology file",
                                  scenario.topologyPath, *reason));
  }
  auto topology = loadTopology(scenario.topologyPath);
  validateScenarioEvents(scenario.events, topology);
  return topology;
}

}  // namespace cdnsim::core::config
