// docs/schema.md lists exactly the keys the loaders accept: one section per key set of
// core/config/schema_keys.cc, one row per key, each with a type, a default and an example. When a
// key is added to a loader, this test names the rows to add (or remove).

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/config/config_error.h"
#include "core/config/scenario.h"
#include "core/config/schema_keys.h"
#include "core/config/topology.h"
#include "core/config/units.h"

namespace cdnsim::core::config {

namespace {

const std::filesystem::path kRoot = CDNSIM_SOURCE_DIR;

std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(' ');
  const auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// "| a | b |" -> {"a", "b"}; a `|` inside backticks is part of the cell.
std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::string cell;
  bool code = false;
  for (std::size_t i = 1; i < row.size(); ++i) {
    const char c = row[i];
    if (c == '`') code = !code;
    if (c == '|' && !code) {
      out.push_back(trim(cell));
      cell.clear();
    } else {
      cell.push_back(c);
    }
  }
  return out;
}

std::string unquote(const std::string& cell) {
  if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') return cell.substr(1, cell.size() - 2);
  return cell;
}

struct Row {
  int line = 0;
  std::vector<std::string> cells;
};

// Section path -> key -> row, from "### `path`" headings and the table rows under them.
std::map<std::string, std::map<std::string, Row>> documentedKeys(const std::string& text) {
  std::map<std::string, std::map<std::string, Row>> out;
  std::istringstream in(text);
  std::string line;
  std::string section;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("## ", 0) == 0) section.clear();
    if (line.rfind("### `", 0) == 0 && line.back() == '`') {
      section = line.substr(5, line.size() - 6);
      out[section];
      continue;
    }
    if (section.empty() || line.rfind("| `", 0) != 0) continue;
    auto c = cells(line);
    out[section][unquote(c.at(0))] = Row{number, c};
  }
  return out;
}

std::string join(const std::vector<std::string>& names) { return fmt::format("{}", fmt::join(names, ", ")); }

}  // namespace

TEST_CASE("docs/schema.md lists exactly the keys the loaders accept", "[config][schema][docs]") {
  const auto documented = documentedKeys(readText(kRoot / "docs" / "schema.md"));
  std::vector<std::string> problems;
  std::set<std::string> paths;
  for (const KeySet* set : allKeySets()) {
    const std::string path(set->path);
    paths.insert(path);
    const auto section = documented.find(path);
    std::vector<std::string> accepted(set->keys.begin(), set->keys.end());
    if (section == documented.end()) {
      problems.push_back(fmt::format(
          "docs/schema.md has no section \"### `{}`\"; add it with a row for each of its keys: {}",
          path, join(accepted)));
      continue;
    }
    std::vector<std::string> missing, extra;
    for (const auto& key : accepted) {
      if (section->second.count(key) == 0) missing.push_back(key);
    }
    for (const auto& [key, row] : section->second) {
      if (std::find(accepted.begin(), accepted.end(), key) == accepted.end()) {
        extra.push_back(fmt::format("{} (line {})", key, row.line));
      }
    }
    if (!missing.empty()) {
      problems.push_back(fmt::format(
          "docs/schema.md, section `{}`: no row for keys the loader accepts: {}; add a row "
          "(key, type, unit, default, example, meaning) for each",
          path, join(missing)));
    }
    if (!extra.empty()) {
      problems.push_back(fmt::format(
          "docs/schema.md, section `{}`: rows for keys the loader does not accept: {}; remove them "
          "or add the keys to core/config/schema_keys.cc",
          path, join(extra)));
    }
  }
  for (const auto& [path, rows] : documented) {
    if (paths.count(path) == 0) {
      problems.push_back(fmt::format(
          "docs/schema.md has a section `{}` that no key set of core/config/schema_keys.cc has", path));
    }
  }
  INFO(fmt::format("{}", fmt::join(problems, "\n")));
  CHECK(problems.empty());
}

TEST_CASE("every schema row has a type, a unit, a default, an example and a meaning",
          "[config][schema][docs]") {
  const auto documented = documentedKeys(readText(kRoot / "docs" / "schema.md"));
  REQUIRE(documented.size() == allKeySets().size());
  for (const auto& [path, rows] : documented) {
    for (const auto& [key, row] : rows) {
      INFO(fmt::format("docs/schema.md:{}: `{}` in `{}`", row.line, key, path));
      REQUIRE(row.cells.size() == 6);
      for (const auto& cell : row.cells) CHECK_FALSE(cell.empty());
      // Examples of quantities are written as the loaders read them.
      const std::string type = row.cells[1];
      const std::string example = unquote(row.cells[4]);
      if (type.rfind("size", 0) == 0) CHECK(parseByteSize(example).has_value());
      if (type.rfind("duration", 0) == 0) CHECK(parseDuration(example).has_value());
      if (type.rfind("rate", 0) == 0) CHECK(parseRate(example).has_value());
    }
  }
}

TEST_CASE("key sets: unique paths, unique keys", "[config][schema]") {
  std::set<std::string_view> paths;
  for (const KeySet* set : allKeySets()) {
    CAPTURE(set->path);
    CHECK(paths.insert(set->path).second);
    std::set<std::string_view> keys(set->keys.begin(), set->keys.end());
    CHECK(keys.size() == set->keys.size());
    CHECK_FALSE(keys.empty());
  }
}

// A misspelt key in each mapping of a topology and of a scenario: (text to replace, replacement,
// the key set whose list the message must end with, the key the did-you-mean must offer).
struct Misspelling {
  std::string from;
  std::string to;
  const KeySet* set;
  std::string suggestion;
};

const std::vector<Misspelling>& topologyMisspellings() {
  static const std::vector<Misspelling> cases = {
      {"name: t\n", "name: t\nnmae: x\n", &keys::kTopology, "name"},
      {"base_latency: 1ms", "base_latency: 1ms, bas_latency: 1ms", &keys::kNetwork, "base_latency"},
      {"{name: us-east-1,", "{nme: x, name: us-east-1,", &keys::kRegionalEdgeCache, "name"},
      {"{code: IAD89-C1,", "{cdoe: x, code: IAD89-C1,", &keys::kPop, "code"},
      {"{lat: 1, lon: 1}, cache", "{lat: 1, lon: 1, lno: 3}, cache", &keys::kLocation, "lon"},
      {"{capacity: 1GiB}", "{capacity: 1GiB, polcy: lru}", &keys::kCache, "policy"},
      {"{name: o,", "{nmae: x, name: o,", &keys::kOrigin, "name"},
      {"{region: us-east-1}", "{region: us-east-1, regoin: x}", &keys::kOriginShield, "region"},
      {"{name: p,", "{nmae: x, name: p,", &keys::kCachePolicy, "name"},
      {"{behavior: all}", "{behavior: all, nmes: [a]}", &keys::kCacheKeyItems, "names"},
      {"{name: r,", "{nam: x, name: r,", &keys::kRealtimeLogConfig, "name"},
      {"{origin: o}", "{origin: o, orign: o}", &keys::kBehavior, "origin"},
      {"{prefix: /x/,", "{prefix: /x/, stauts: 1,", &keys::kPathRule, "status"},
      {"{status: 503, rate", "{status: 503, rtae: 1, rate", &keys::kOriginErrorRate, "rate"},
      {"{distribution: fixed, time: 10ms}", "{distribution: fixed, time: 10ms, tme: 1ms}",
       &keys::kResponseTime, "time"},
      {"{limit: 10,", "{limit: 10, limt: 1,", &keys::kConcurrency, "limit"},
      {"{reachability: up}", "{reachability: up, reachabilty: up}", &keys::kOriginCondition,
       "reachability"},
      {"{name: g,", "{nmae: x, name: g,", &keys::kOriginGroup, "name"},
      {"{error_code: 404,", "{error_code: 404, error_cod: 1,", &keys::kCustomErrorResponse,
       "error_code"},
  };
  return cases;
}

const std::vector<Misspelling>& scenarioMisspellings() {
  static const std::vector<Misspelling> cases = {
      {"name: s\n", "name: s\nreqests: 3\n", &keys::kScenario, "requests"},
      {"    objects: 10\n", "    objects: 10\n    objets: 1\n", &keys::kObjectGroup, "objects"},
      {"{distribution: zipf,", "{distribution: zipf, alpah: 1,", &keys::kPopularity, "alpha"},
      {"{distribution: empirical,", "{distribution: empirical, distrbution: x,", &keys::kSizes, "distribution"},
      {"{p: 0,", "{p: 0, szie: 1,", &keys::kSizeCdfPoint, "size"},
      {"{objects: 1, at: 1m,", "{objects: 1, at: 1m, untill: 2m,", &keys::kRelease, "until"},
      {"{requests_per_second: 10, decay: 1m}", "{requests_per_second: 10, decay: 1m, decya: 1m}",
       &keys::kFlashCrowd, "decay"},
      {"{GET: 1}", "{GET: 1, HAED: 0}", &keys::kMethods, "HEAD"},
      {"{name: q,", "{nmae: x, name: q,", &keys::kRequestField, "name"},
      {"{peak_hour: 20,", "{peak_hour: 20, peek_hour: 1,", &keys::kDiurnal, "peak_hour"},
      {"{name: c,", "{nmae: x, name: c,", &keys::kClientPopulation, "name"},
      {"{kind: pop_down,", "{knid: x, kind: pop_down,", &keys::kEvent, "kind"},
  };
  return cases;
}

const std::vector<Misspelling>& catalogueMisspellings() {
  static const std::vector<Misspelling> cases = {
      {"{objects: 10,", "{objects: 10, zipf_alfa: 1,", &keys::kCatalogue, "zipf_alpha"},
      {"{share: 0.1,", "{share: 0.1, shaer: 1,", &keys::kCatalogueMissing, "share"},
  };
  return cases;
}

const std::vector<Misspelling>& replayMisspellings() {
  static const std::vector<Misspelling> cases = {
      {"{format: cloudfront,", "{format: cloudfront, fromat: x,", &keys::kReplay, "format"},
      {"{by: c-ip,", "{by: c-ip, defualt: c,", &keys::kClientLocations, "default"},
  };
  return cases;
}

void checkMisspelling(const Misspelling& m, const std::string& original, bool topology) {
  std::string text = original;
  const auto at = text.find(m.from);
  REQUIRE(at != std::string::npos);
  text.replace(at, m.from.size(), m.to);
  CAPTURE(m.set->path, text);
  try {
    if (topology) {
      loadTopologyFromString(text, "t.yaml");
    } else {
      loadScenarioFromString(text, "s.yaml");
    }
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    const std::vector<std::string> keys(m.set->keys.begin(), m.set->keys.end());
    CHECK_THAT(e.what(), Catch::Contains("did you mean '" + m.suggestion + "'?"));
    CHECK_THAT(e.what(), Catch::EndsWith("expected one of: " + join(keys)));
  }
}

TEST_CASE("a misspelt key in any mapping gets a did-you-mean and the mapping's keys",
          "[config][schema]") {
  const std::string topology = R"(name: t
network: {base_latency: 1ms}
regional_edge_caches:
  - {name: us-east-1, location: {lat: 1, lon: 1}, cache: {capacity: 1GiB}}
pops:
  - {code: IAD89-C1, location: {lat: 1, lon: 1}, cache: {capacity: 1GiB}}
origins:
  - {name: o, type: custom, domain: o.example.com, location: {lat: 1, lon: 1}, origin_shield: {region: us-east-1}}
  - {name: o2, type: custom, domain: o2.example.com, location: {lat: 1, lon: 1}, paths: [{prefix: /x/, status: 410}], errors: [{status: 503, rate: 0.01}], response_time: {distribution: fixed, time: 10ms}, concurrency: {limit: 10, queue: 5}, condition: {reachability: up}}
origin_groups:
  - {name: g, primary: o, secondary: o2, failover_status_codes: [503]}
custom_error_responses:
  - {error_code: 404, error_caching_min_ttl: 5s}
cache_policies:
  - {name: p, query_strings: {behavior: all}}
realtime_log_configs:
  - {name: r, sampling_rate: 1, fields: [timestamp]}
behaviors:
  - {origin: o}
)";
  const std::string scenario = R"(name: s
topology: t.yaml
requests: 10
object_groups:
  - name: g
    objects: 10
    share: 1
    popularity: {distribution: zipf, alpha: 1}
    sizes: {distribution: empirical, points: [{p: 0, size: 1KiB}, {p: 1, size: 2KiB}]}
    release: {objects: 1, at: 1m, flash_crowd: {requests_per_second: 10, decay: 1m}}
    methods: {GET: 1}
    query: [{name: q, values: 3}]
diurnal: {peak_hour: 20, peak_to_trough: 2}
clients:
  - {name: c, city: Paris, requests_per_second: 10}
events:
  - {kind: pop_down, pop: IAD89-C1, at: 1m}
)";
  const std::string catalogue = "name: s\ntopology: t.yaml\nrequests: 10\n"
                                "catalogue: {objects: 10, missing: {share: 0.1, objects: 5}}\n"
                                "clients: [{name: c, city: Paris, requests_per_second: 10}]\n";
  const std::string replay =
      "name: s\ntopology: t.yaml\n"
      "replay: {format: cloudfront, files: [" +
      (kRoot / "scenarios/logs/E2SAMPLE.2026-01-01-00.a1b2c3d4.gz").string() +
      "], routing: dns, client_locations: {by: c-ip, default: c}}\n"
      "clients: [{name: c, city: Paris}]\n";
  SECTION("unchanged, the files load") {
    CHECK_NOTHROW(loadScenarioFromString(replay, "s.yaml"));
    CHECK_NOTHROW(loadTopologyFromString(topology, "t.yaml"));
    CHECK_NOTHROW(loadScenarioFromString(scenario, "s.yaml"));
    CHECK_NOTHROW(loadScenarioFromString(catalogue, "s.yaml"));
  }
  SECTION("topology") {
    for (const auto& m : topologyMisspellings()) checkMisspelling(m, topology, true);
  }
  SECTION("scenario") {
    for (const auto& m : scenarioMisspellings()) checkMisspelling(m, scenario, false);
    for (const auto& m : catalogueMisspellings()) checkMisspelling(m, catalogue, false);
    for (const auto& m : replayMisspellings()) checkMisspelling(m, replay, false);
  }
}

TEST_CASE("every key set has a misspelling case above", "[config][schema]") {
  std::set<const KeySet*> covered;
  for (const auto* list : {&topologyMisspellings(), &scenarioMisspellings(), &catalogueMisspellings(),
                           &replayMisspellings()}) {
    for (const auto& m : *list) covered.insert(m.set);
  }
  for (const KeySet* set : allKeySets()) {
    INFO("add a misspelt key of " << set->path << " to the cases of this file");
    CHECK(covered.count(set) == 1);
  }
}

TEST_CASE("no loader opens a mapping with a key list of its own", "[config][schema]") {
  // YamlMap(node, what, {"a", "b"}) would accept keys docs/schema.md never hears of: loaders of
  // topology and scenario files use a KeySet from core/config/schema_keys.h.
  const std::regex ownList(R"(YamlMap\s+\w+\s*\([^;]*\{\s*")");
  std::vector<std::string> offenders;
  for (const auto& e : std::filesystem::directory_iterator(kRoot / "core" / "config")) {
    const auto name = e.path().filename().string();
    if (name == "yaml_reader.h" || name == "yaml_reader.cc") continue;
    const std::string text = readText(e.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), ownList); it != std::sregex_iterator(); ++it) {
      const auto line = 1 + std::count(text.begin(), text.begin() + it->position(), '\n');
      offenders.push_back(fmt::format("core/config/{}:{}", name, line));
    }
  }
  INFO("open these mappings with a KeySet (core/config/schema_keys.h) and document the keys in "
       "docs/schema.md: " << join(offenders));
  CHECK(offenders.empty());
}

}  // namespace cdnsim::core::config
