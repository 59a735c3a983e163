// The workload parts of a scenario file: object groups (their paths, popularity, expiry) and rates,
// each value checked where it is written (file:line:col, exit status 2). A group's sizes, release,
// request fields and methods, and the diurnal curve, have their own readers beside this file.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/config/release_yaml.h"
#include "core/config/request_fields_yaml.h"
#include "core/config/units.h"
#include "core/config/value_checks.h"
#include "core/config/workload.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

double toSeconds(Duration d) { return std::chrono::duration<double>(d).count(); }

PopularityConfig readPopularity(const YamlNode& node) {
  YamlMap m(node, "popularity", keys::kPopularity);
  PopularityConfig p;
  const auto kind = m.require("distribution").asChoice("popularity distribution", {"zipf", "zipf_mandelbrot"});
  p.kind = kind == "zipf" ? PopularityKind::Zipf : PopularityKind::ZipfMandelbrot;
  if (auto v = m.get("alpha")) p.alpha = v->asDouble("alpha", 0.01, 10);
  if (auto v = m.get("q")) {
    if (p.kind == PopularityKind::Zipf) {
      v->fail("'q' does not apply to a zipf distribution; expected distribution: zipf_mandelbrot");
    }
    p.q = v->asDouble("q (Zipf-Mandelbrot's flattening)", 0, 1e9);
  } else if (p.kind == PopularityKind::ZipfMandelbrot) {
    m.require("q");
  }
  return p;
}

std::optional<Duration> readDurationOrTime(const YamlNode& node, std::optional<TimePoint>& at) {
  const std::string text = node.asString("expires");
  if (auto d = parseDuration(text)) return *d;
  // An absolute date: "2026-01-01T06:00:00Z".
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) == 7 &&
      z == 'Z' && text.size() == 20) {
    using namespace std::chrono;
    const year_month_day date{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
    if (date.ok() && y >= 1970 && h < 24 && mi < 60 && s < 60) {
      at = fromUnixSeconds(sys_days(date).time_since_epoch().count() * 86400LL + h * 3600 + mi * 60 + s);
      return std::nullopt;
    }
  }
  node.fail(fmt::format("expires '{}' is neither a duration after each response's Date (1h, 30m) "
                        "nor a time such as 2026-01-01T06:00:00Z",
                        text));
}

std::string readPathTemplate(const YamlMap& m, const std::string& groupName) {
  if (m.has("path") && m.has("path_prefix")) {
    m.get("path_prefix")->fail("give either `path:` (a template with {id}) or `path_prefix:`, not both");
  }
  std::string t;
  if (auto v = m.get("path")) {
    t = v->asString("path");
    const auto first = t.find("{id}");
    if (first == std::string::npos || t.find("{id}", first + 1) != std::string::npos) {
      v->fail(fmt::format("path '{}' must hold {{id}} exactly once (the object's number); expected "
                          "e.g. /img/{{id}}.jpg",
                          t));
    }
    if (t.empty() || t.front() != '/') v->fail("path must start with '/'");
    refuseCharacters(*v, "path", t, "?# ");
    if (t.size() > kMaxPathTemplateLength) {
      v->fail(fmt::format("path is {} characters long; expected at most {}", t.size(), kMaxPathTemplateLength));
    }
  } else if (auto v = m.get("path_prefix")) {
    t = v->asString("path_prefix");
    if (t.empty() || t.front() != '/') v->fail("path_prefix must start with '/'");
    refuseCharacters(*v, "path_prefix", t, "?# {}");
    if (t.size() > kMaxPathTemplateLength) {
      v->fail(fmt::format("path_prefix is {} characters long; expected at most {}", t.size(), kMaxPathTemplateLength));
    }
    t += "obj-{id}";
  } else {
    t = "/" + groupName + "/obj-{id}";
  }
  return t;
}

ObjectGroupConfig readGroup(const YamlNode& node) {
  YamlMap m(node, "object group", keys::kObjectGroup);
  ObjectGroupConfig g;
  const auto name = m.require("name");
  g.name = name.asString("object group name");
  if (g.name.empty()) name.fail("object group name is empty; expected a name");
  refuseCharacters(name, "object group name", g.name, " /{}?#");
  g.pathTemplate = readPathTemplate(m, g.name);
  g.objects = static_cast<std::uint64_t>(m.require("objects").asInt("objects", 1, INT64_MAX));
  if (auto v = m.get("popularity")) g.popularity = readPopularity(*v);
  if (auto v = m.get("sizes")) g.sizes = readSizes(*v);
  if (auto v = m.get("content_type")) {
    g.contentType = v->asString("content_type");
    refuseCharacters(*v, "content_type", g.contentType, "");
  }
  if (auto v = m.get("cache_control")) {
    g.origin.cacheControl = v->asString("cache_control");
    refuseCharacters(*v, "cache_control", g.origin.cacheControl, "");
  }
  if (auto v = m.get("expires")) g.origin.expiresAfter = readDurationOrTime(*v, g.origin.expiresAt);
  g.share = m.require("share").asDouble("share", 0, 1);
  if (auto v = m.get("release")) g.release = readRelease(*v);
  if (auto v = m.get("methods")) g.methods = readMethods(*v);
  if (auto v = m.get("query")) g.query = readFields(*v, FieldFamily::Query, "query parameter");
  if (auto v = m.get("cookies")) g.cookies = readFields(*v, FieldFamily::Cookie, "cookie");
  if (auto v = m.get("headers")) g.headers = readFields(*v, FieldFamily::Header, "header");
  const std::size_t fields = g.query.size() + g.cookies.size() + g.headers.size();
  if (fields > kMaxRequestFieldsPerGroup) {
    node.fail(fmt::format("object group '{}' has {} query parameters, cookies and headers; expected "
                          "at most {} together",
                          g.name, fields, kMaxRequestFieldsPerGroup));
  }
  return g;
}

}  // namespace

std::string_view toString(RequestMethod m) {
  switch (m) {
    case RequestMethod::Get: return "GET";
    case RequestMethod::Head: return "HEAD";
    case RequestMethod::Post: return "POST";
    case RequestMethod::Options: return "OPTIONS";
  }
  return "GET";
}

double expectedRunSeconds(std::uint64_t requests, double totalRequestsPerSecond) {
  return totalRequestsPerSecond > 0 ? static_cast<double>(requests) / totalRequestsPerSecond : 0.0;
}

std::uint64_t releaseCount(const ReleaseConfig& release, double expectedSeconds) {
  if (!release.every) return 1;
  const double first = toSeconds(release.firstAt);
  const double until = release.until ? toSeconds(*release.until) : std::max(first, 2.0 * expectedSeconds);
  return 1 + static_cast<std::uint64_t>(std::floor((until - first) / toSeconds(*release.every)));
}

std::vector<ObjectGroupConfig> readObjectGroups(const YamlNode& node) {
  std::vector<ObjectGroupConfig> groups;
  UniqueNames names("object group name");
  for (const auto& item : node.asSequence("object_groups")) {
    groups.push_back(readGroup(item));
    names.add(groups.back().name, item);
  }
  if (groups.empty()) node.fail("object_groups is empty; expected at least one group");
  std::vector<std::pair<std::string, double>> shares;
  for (const auto& g : groups) shares.emplace_back(g.name, g.share);
  requireSharesSumToOne(node, "the object groups", shares);
  return groups;
}

double readRate(const YamlNode& node, std::string_view what) { return node.asRate(what, 1e-6, 1e9); }

}  // namespace cdnsim::core::config
