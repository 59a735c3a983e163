// loadScenario(): YAML → ScenarioConfig, checking every key and value.

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
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
  return s;
}

TimePoint readStart(const YamlNode& node) {
  std::string text = node.asString("start");
  // ISO 8601 "2026-01-01T00:00:00Z", or Unix seconds.
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) == 7 &&
      z == 'Z' && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && s < 61) {
    using namespace std::chrono;
    auto days = sys_days(year(y) / month(static_cast<unsigned>(mo)) / day(static_cast<unsigned>(d)));
    return fromUnixSeconds(days.time_since_epoch().count() * 86400LL + h * 3600 + mi * 60 + s);
  }
  return fromUnixSeconds(node.asInt("start (ISO 8601 like 2026-01-01T00:00:00Z, or Unix seconds)",
                                    0, 253402300799));
}

ScenarioConfig readScenario(const YamlNode& root) {
  YamlMap top(root, "scenario",
              {"name", "topology", "seed", "start", "requests", "catalogue", "clients"});
  ScenarioConfig sc;
  sc.file = root.file();
  sc.name = top.require("name").asString("scenario name");
  auto topo = top.require("topology");
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
              {"objects", "zipf_alpha", "path_prefix", "sizes", "cache_control"});
  sc.catalogue.objects =
      static_cast<std::uint64_t>(cat.require("objects").asInt("catalogue objects", 1, 1LL << 32));
  if (auto v = cat.get("zipf_alpha")) sc.catalogue.zipfAlpha = v->asDouble("zipf_alpha", 0, 10);
  if (auto v = cat.get("path_prefix")) {
    sc.catalogue.pathPrefix = v->asString("path_prefix");
    if (sc.catalogue.pathPrefix.empty() || sc.catalogue.pathPrefix.front() != '/') {
      v->fail("path_prefix must start with '/'");
    }
  }
  if (auto v = cat.get("sizes")) sc.catalogue.sizes = readSizes(*v);
  if (auto v = cat.get("cache_control")) sc.catalogue.cacheControl = v->asString("cache_control");

  auto clientNodes = top.require("clients").asSequence("clients");
  if (clientNodes.empty()) top.require("clients").fail("a scenario needs at least one client population");
  for (const auto& node : clientNodes) {
    YamlMap m(node, "client population", {"name", "location", "requests_per_second"});
    ClientPopulationConfig c;
    c.name = m.require("name").asString("client name");
    c.location = readGeoLocation(m.require("location"));
    c.requestsPerSecond = m.require("requests_per_second").asDouble("requests_per_second", 1e-6, 1e9);
    sc.clients.push_back(std::move(c));
  }
  return sc;
}

}  // namespace

ScenarioConfig loadScenario(const std::string& path) {
  return readScenario(YamlNode::loadFile(path));
}

ScenarioConfig loadScenarioFromString(const std::string& text, const std::string& name) {
  return readScenario(YamlNode::loadString(text, name));
}

}  // namespace cdnsim::core::config
