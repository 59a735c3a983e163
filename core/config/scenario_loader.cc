// loadScenario(): YAML → ScenarioConfig, checking every key and value.

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <string_view>
#include <filesystem>

#include "core/config/did_you_mean.h"
#include "core/config/geo_yaml.h"
#include "core/config/places.h"
#include "core/config/scenario.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

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

void readCatalogue(const YamlNode& node, CatalogueConfig& catalogue) {
  YamlMap cat(node, "catalogue", keys::kCatalogue);
  const auto objects = cat.require("objects");
  catalogue.objects =
      static_cast<std::uint64_t>(objects.asInt("catalogue objects", 1, INT64_MAX));
  if (catalogue.objects > kMaxCatalogueObjects) {
    objects.fail(fmt::format(
        "catalogue objects: {} objects would take {:.1f} GiB ({} bytes each) before the run "
        "starts; expected at most {} objects",
        catalogue.objects,
        static_cast<double>(catalogue.objects) * kBytesPerCatalogueObject / (1ULL << 30),
        kBytesPerCatalogueObject, kMaxCatalogueObjects));
  }
  if (auto v = cat.get("zipf_alpha")) catalogue.zipfAlpha = v->asDouble("zipf_alpha", 0, 10);
  if (auto v = cat.get("path_prefix")) {
    catalogue.pathPrefix = v->asString("path_prefix");
    if (catalogue.pathPrefix.empty() || catalogue.pathPrefix.front() != '/') {
      v->fail("path_prefix must start with '/'");
    }
  }
  if (auto v = cat.get("sizes")) catalogue.sizes = readSizes(*v);
  if (auto v = cat.get("cache_control")) catalogue.cacheControl = v->asString("cache_control");
  if (auto v = cat.get("missing")) {
    YamlMap missing(*v, "catalogue missing", keys::kCatalogueMissing);
    catalogue.missingShare = missing.require("share").asDouble("missing share", 0, 1);
    const auto count = missing.require("objects");
    catalogue.missingObjects =
        static_cast<std::uint64_t>(count.asInt("missing objects", 1, INT64_MAX));
    if (catalogue.objects + catalogue.missingObjects > kMaxCatalogueObjects) {
      count.fail(fmt::format("catalogue objects and missing objects together must be at most {}",
                             kMaxCatalogueObjects));
    }
  }
}

// Every object (releases included) has its row from the start: refuse more than the limit.
void checkObjectCount(const YamlMap& top, const ScenarioConfig& sc) {
  if (sc.objectGroups.empty()) return;
  const double expected = sc.expectedSeconds();
  std::uint64_t total = 0;
  for (const auto& g : sc.objectGroups) {
    std::uint64_t n = g.objects;
    if (g.release) n += releaseCount(*g.release, expected) * g.release->objects;
    total = n > kMaxCatalogueObjects || total + n > kMaxCatalogueObjects ? kMaxCatalogueObjects + 1 : total + n;
  }
  if (total > kMaxCatalogueObjects) {
    top.require("object_groups").fail(fmt::format(
        "the object groups hold more than {} objects (releases included), which would take over "
        "{:.1f} GiB before the run starts; expected fewer objects or releases (release `until:`)",
        kMaxCatalogueObjects,
        static_cast<double>(kMaxCatalogueObjects) * kBytesPerCatalogueObject / (1ULL << 30)));
  }
}

// Where a population is: `city:` (a metro of core/config/places.h), `country:` alone (that
// country's largest CloudFront metro), or `location:` with an optional `country:`.
void readPlace(const YamlMap& m, ClientPopulationConfig& c) {
  const auto city = m.get("city");
  const auto location = m.get("location");
  const auto country = m.get("country");
  if (city && location) location->fail("give either `city:` or `location:`, not both");
  if (country) {
    c.country = country->asString("country");
    const bool shape = c.country.size() == 2 && std::isupper(static_cast<unsigned char>(c.country[0])) &&
                       std::isupper(static_cast<unsigned char>(c.country[1]));
    if (!shape) {
      country->fail(fmt::format("country '{}' is not an ISO 3166-1 alpha-2 code; expected two "
                                "capital letters such as US, DE or JP",
                                c.country));
    }
  }
  if (city) {
    const std::string name = city->asString("city");
    const Metro* metro = findMetro(name);
    if (metro == nullptr) {
      const auto hint = suggestMetro(name);
      city->fail(fmt::format("unknown city '{}'; {}expected a CloudFront metro (a city or IATA code "
                             "of CloudFront's edge locations, e.g. Paris or CDG), "
                             "or `location: {{lat, lon}}` with `country:`",
                             name, hint ? fmt::format("did you mean '{}'? ", *hint) : std::string()));
    }
    if (country && c.country != metro->countryCode) {
      country->fail(fmt::format("country {} does not match city {} (in {}); expected {} or no country",
                                c.country, metro->city, metro->countryCode, metro->countryCode));
    }
    c.location = GeoLocation{metro->latitudeDeg, metro->longitudeDeg};
    c.country = std::string(metro->countryCode);
  } else if (location) {
    c.location = readGeoLocation(*location);
  } else if (country) {
    const Metro* metro = countryMetro(c.country);
    if (metro == nullptr) {
      country->fail(fmt::format("country {} has no CloudFront metro to place its viewers at; "
                                "expected `location: {{lat, lon}}` beside it",
                                c.country));
    }
    c.location = GeoLocation{metro->latitudeDeg, metro->longitudeDeg};
  } else {
    m.node().fail("a client population needs `city:`, `country:` or `location: {lat, lon}`");
  }
}

// Populations give their rates directly (`requests_per_second:`), or weights that share the
// scenario's `request_rate:` out; one way for all of them.
void resolveRates(const YamlMap& top, const std::vector<YamlNode>& clientNodes,
                  std::vector<ClientPopulationConfig>& clients) {
  const auto total = top.get("request_rate");
  std::vector<double> weights;
  for (std::size_t i = 0; i < clientNodes.size(); ++i) {
    const auto rate = clientNodes[i].raw()["requests_per_second"];
    const auto weight = clientNodes[i].raw()["weight"];
    const YamlNode at = clientNodes[i];
    if (rate && weight) {
      at.child(weight).fail("give a population either `requests_per_second:` or `weight:`, not both");
    }
    if (total) {
      if (rate) {
        at.child(rate).fail("with `request_rate:` the populations share it by `weight:`; expected "
                            "weight instead of requests_per_second");
      }
      if (!weight) at.fail("with `request_rate:` every population needs a `weight:`");
      weights.push_back(at.child(weight).asDouble("weight", 1e-9, 1e12));
    } else {
      if (weight) {
        at.child(weight).fail("`weight:` shares out the scenario's `request_rate:`, which is not "
                              "set; expected request_rate at the top, or requests_per_second here");
      }
      if (!rate) at.fail("a client population needs `requests_per_second:` (or `weight:` with the scenario's `request_rate:`)");
      clients[i].requestsPerSecond = readRate(at.child(rate), "requests_per_second");
    }
  }
  if (total) {
    const double rate = readRate(*total, "request_rate");
    double sum = 0;
    for (const double w : weights) sum += w;
    for (std::size_t i = 0; i < clients.size(); ++i) {
      clients[i].requestsPerSecond = rate * weights[i] / sum;
    }
  }
}

}  // namespace

ScenarioConfig readScenario(const YamlNode& root) {
  YamlMap top(root, "scenario", keys::kScenario);
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
  const auto replayNode = top.get("replay");
  if (replayNode) {
    // A replay is its own workload: the log says what is asked, when and from where.
    for (const char* key : {"catalogue", "object_groups", "request_rate", "diurnal", "events"}) {
      if (auto v = top.get(key)) {
        v->fail(fmt::format("`{}:` does not apply to a replay (the log is the workload); expected "
                            "it removed, or `replay:` removed",
                            key));
      }
    }
    sc.requests = kMaxReplayRequests;
    if (auto v = top.get("requests")) {
      sc.requests = static_cast<std::uint64_t>(v->asInt("requests", 1, kMaxReplayRequests));
    }
    std::vector<std::string> names;
    std::vector<YamlNode> clientNodes;
    if (auto c = top.get("clients")) clientNodes = c->asSequence("clients");
    for (const auto& node : clientNodes) {
      // A replay's populations are places with weights: their other keys are ignored.
      YamlMap m(node, "client population", keys::kClientPopulation);
      ClientPopulationConfig c;
      c.name = m.require("name").asString("client name");
      names.push_back(c.name);
      readPlace(m, c);
      c.requestsPerSecond = 1;  // a weight: the share of trace lines drawn for it
      if (auto w = m.get("weight")) c.requestsPerSecond = w->asDouble("weight", 1e-9, 1e12);
      sc.clients.push_back(std::move(c));
    }
    UniqueNames unique("client name");
    for (std::size_t i = 0; i < clientNodes.size(); ++i) unique.add(names[i], clientNodes[i]);
    sc.replay = readReplay(*replayNode, names);
    sc.catalogue.objects = 1;
    sc.catalogue.cacheControl = sc.replay->cacheControl;
    return sc;
  }
  sc.requests = static_cast<std::uint64_t>(top.require("requests").asInt("requests", 1, 1LL << 40));

  if (top.has("catalogue") && top.has("object_groups")) {
    // `catalogue.missing` is the catalogue's own set of absent keys; object groups name their
    // paths themselves, so their absent keys are a group under an origin's `absent: true` rule.
    const auto catalogue = top.get("catalogue");
    if (catalogue->isMap() && catalogue->raw()["missing"]) {
      catalogue->child(catalogue->raw()["missing"])
          .fail("catalogue.missing works with a `catalogue:` workload only, and this scenario has "
                "`object_groups:`; expected, for keys the origin lacks, an object group whose "
                "paths an origin `paths:` rule marks `absent: true`");
    }
    top.get("object_groups")->fail("give either `catalogue:` or `object_groups:`, not both");
  }
  if (auto groups = top.get("object_groups")) {
    sc.objectGroups = readObjectGroups(*groups);
  } else {
    readCatalogue(top.require("catalogue"), sc.catalogue);
  }
  auto clientNodes = top.require("clients").asSequence("clients");
  if (clientNodes.empty()) top.require("clients").fail("a scenario needs at least one client population");
  UniqueNames clientNames("client name");
  std::optional<DiurnalConfig> diurnal;
  if (auto v = top.get("diurnal")) diurnal = readDiurnal(*v);
  for (const auto& node : clientNodes) {
    YamlMap m(node, "client population", keys::kClientPopulation);
    ClientPopulationConfig c;
    const auto name = m.require("name");
    c.name = name.asString("client name");
    clientNames.add(c.name, name);
    readPlace(m, c);
    if (auto v = m.get("utc_offset")) {
      c.utcOffset = readUtcOffset(*v);
    } else {
      // The nearest whole hour of solar time: a stand-in for the time zone when none is given.
      c.utcOffset = core::seconds(3600 * std::lround(c.location.longitudeDeg / 15.0));
    }
    c.diurnal = diurnal;
    if (auto v = m.get("diurnal")) c.diurnal = readDiurnal(*v);
    sc.clients.push_back(std::move(c));
  }
  resolveRates(top, clientNodes, sc.clients);
  checkObjectCount(top, sc);
  if (auto v = top.get("events")) {
    // Deploys name objects by catalogue index; object groups' initial objects come in group order.
    std::uint64_t objects = sc.catalogue.objects;
    if (!sc.objectGroups.empty()) {
      objects = 0;
      for (const auto& g : sc.objectGroups) objects += g.objects;
    }
    sc.events = readScenarioEvents(*v, objects);
  }
  return sc;
}

double ScenarioConfig::totalRequestsPerSecond() const {
  double total = 0;
  for (const auto& c : clients) total += c.requestsPerSecond;
  return total;
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
