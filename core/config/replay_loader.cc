// readReplay(): the scenario's `replay:` block → ReplayConfig, checking every key and value.

#include <fmt/format.h>

#include <filesystem>

#include "core/config/did_you_mean.h"
#include "core/config/replay.h"
#include "core/config/schema_keys.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

std::uint32_t populationIndex(const YamlNode& at, const std::string& name,
                              const std::vector<std::string>& populations) {
  for (std::uint32_t i = 0; i < populations.size(); ++i) {
    if (populations[i] == name) return i;
  }
  std::vector<std::string_view> names(populations.begin(), populations.end());
  const auto hint = closestName(name, names);
  at.fail(fmt::format("unknown client population '{}'; {}expected the name of one of the "
                      "scenario's `clients:`{}",
                      name, hint ? fmt::format("did you mean '{}'? ", *hint) : std::string(),
                      populations.empty() ? " (it has none)" : ": " + joinNames(populations)));
}

ClientLocationsConfig readClientLocations(const YamlNode& node,
                                          const std::vector<std::string>& populations) {
  YamlMap m(node, "client_locations", keys::kClientLocations);
  ClientLocationsConfig c;
  if (auto v = m.get("by")) {
    c.by = v->asChoice("client_locations by", {"c-ip", "x-edge-location"}) == "c-ip"
               ? ClientField::ClientIp
               : ClientField::EdgeLocation;
  }
  if (auto v = m.get("map")) {
    if (!v->isMap()) v->fail("client_locations map must be a mapping of prefix: population");
    for (const auto& kv : v->raw()) {
      const YamlNode key = v->child(kv.first);
      const std::string prefix = key.asString("client_locations prefix");
      if (prefix.empty()) key.fail("an empty prefix would match every line; expected `default:` instead");
      for (const auto& [seen, ignored] : c.prefixes) {
        if (seen == prefix) key.fail(fmt::format("prefix '{}' appears twice", prefix));
      }
      const YamlNode value = v->child(kv.second);
      c.prefixes.emplace_back(prefix,
                              populationIndex(value, value.asString("client population"), populations));
    }
  }
  if (auto v = m.get("default")) {
    c.fallback = populationIndex(*v, v->asString("client population"), populations);
  }
  if (c.prefixes.empty() && !c.fallback) {
    node.fail("client_locations needs `map:` or `default:`");
  }
  return c;
}

}  // namespace

ReplayConfig readReplay(const YamlNode& node, const std::vector<std::string>& populations) {
  YamlMap m(node, "replay", keys::kReplay);
  ReplayConfig r;
  const std::string format =
      m.require("format").asChoice("replay format", {"cloudfront", "csv", "oracle_general"});
  r.format = format == "cloudfront" ? ReplayFormat::CloudFront
             : format == "csv"      ? ReplayFormat::Csv
                                    : ReplayFormat::OracleGeneral;
  const auto files = m.require("files");
  const auto entries = files.isScalar() ? std::vector<YamlNode>{files} : files.asSequence("replay files");
  if (entries.empty()) files.fail("replay files is empty; expected at least one log file");
  for (const auto& f : entries) {
    std::filesystem::path path = f.asString("replay file");
    if (path.is_relative()) path = std::filesystem::path(node.file()).parent_path() / path;
    const std::string resolved = path.lexically_normal().string();
    if (auto reason = unreadableReason(resolved)) {
      f.fail(fmt::format("cannot open replay file '{}': {}; expected a readable log file", resolved,
                         *reason));
    }
    r.files.push_back(resolved);
    r.fileMarks.push_back(f.mark());
  }
  // Only a CloudFront log names its edge location; traces are routed by DNS.
  r.routing = r.format == ReplayFormat::CloudFront ? ReplayRouting::Logged : ReplayRouting::Dns;
  if (auto v = m.get("routing")) {
    r.routing = v->asChoice("replay routing", {"logged", "dns"}) == "logged" ? ReplayRouting::Logged
                                                                             : ReplayRouting::Dns;
    if (r.routing == ReplayRouting::Logged && r.format != ReplayFormat::CloudFront) {
      v->fail(fmt::format("routing: logged needs the x-edge-location of a CloudFront log; a {} "
                          "trace names no POP; expected routing: dns",
                          format));
    }
  }
  if (auto v = m.get("client_locations")) {
    if (r.format != ReplayFormat::CloudFront) {
      v->fail(fmt::format("client_locations reads c-ip or x-edge-location of a CloudFront log; a {} "
                          "trace has neither (its requests come from the populations by weight)",
                          format));
    }
    if (r.routing == ReplayRouting::Logged) {
      v->fail("client_locations places viewers for routing: dns; with routing: logged each request "
              "is at its logged POP; expected routing: dns, or no client_locations");
    }
    r.clientLocations = readClientLocations(*v, populations);
  }
  if (r.routing == ReplayRouting::Dns && populations.empty()) {
    node.fail("routing: dns needs client populations (`clients:`) to place the viewers");
  }
  if (auto v = m.get("time_scale")) r.timeScale = v->asDouble("time_scale", 1e-9, 1e9);
  if (auto v = m.get("bad_lines")) {
    r.badLines = v->asChoice("bad_lines", {"refuse", "skip"}) == "skip" ? BadLinePolicy::Skip
                                                                        : BadLinePolicy::Refuse;
  }
  if (auto v = m.get("reorder_window")) {
    r.reorderWindow = static_cast<std::size_t>(v->asInt("reorder_window (lines)", 1, 1'000'000));
  }
  if (auto v = m.get("path_prefix")) {
    if (r.format == ReplayFormat::CloudFront) v->fail("path_prefix names trace objects; a CloudFront log has its own paths");
    r.pathPrefix = v->asString("path_prefix");
    if (r.pathPrefix.empty() || r.pathPrefix.front() != '/') v->fail("path_prefix must start with '/'");
  }
  if (auto v = m.get("csv_delimiter")) {
    if (r.format != ReplayFormat::Csv) v->fail("csv_delimiter applies to format: csv only");
    const std::string d = v->asString("csv_delimiter");
    if (d.size() != 1 || d == "\n") v->fail("csv_delimiter must be one character, such as ',' or ';'");
    r.csvDelimiter = d[0];
  }
  if (auto v = m.get("cache_control")) r.cacheControl = v->asString("cache_control");
  return r;
}

}  // namespace cdnsim::core::config
