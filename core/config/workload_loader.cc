// The workload parts of a scenario file: object groups, sizes, diurnal curves, UTC offsets and
// rates, each value checked where it is written (file:line:col, exit status 2).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/config/did_you_mean.h"
#include "core/config/units.h"
#include "core/config/workload.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

double toSeconds(Duration d) { return std::chrono::duration<double>(d).count(); }

// Shares are written with a few decimals; this much rounding is forgiven.
constexpr double kShareTolerance = 1e-6;

// Refuses shares that do not add up to 1, naming each term.
void requireSharesSumToOne(const YamlNode& at, std::string_view what,
                           const std::vector<std::pair<std::string, double>>& shares) {
  double sum = 0;
  std::string terms;
  for (const auto& [name, share] : shares) {
    sum += share;
    if (!terms.empty()) terms += " + ";
    terms += fmt::format("{} {}", name, share);
  }
  if (std::abs(sum - 1.0) > kShareTolerance) {
    at.fail(fmt::format("the shares of {} sum to {:.6g} ({}); expected them to sum to 1", what, sum,
                        terms));
  }
}

// Characters a name or value may not hold where it is sent: they would split it or end it.
void refuseCharacters(const YamlNode& at, std::string_view what, std::string_view text,
                      std::string_view forbidden) {
  for (const char c : text) {
    const bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    if (control || forbidden.find(c) != std::string_view::npos) {
      at.fail(fmt::format("{} '{}' holds {}; expected none of {}", what, text,
                          control ? "a control character" : fmt::format("'{}'", c),
                          control ? "the control characters" : fmt::format("\"{}\"", forbidden)));
    }
  }
}

enum class FieldFamily { Query, Cookie, Header };

// What a name and its values may not contain in each family: '&', '#' and spaces would split a
// query string; ';' ',' and spaces a Cookie header (RFC 6265 §4.1.1); a header name is an RFC 9110
// §5.6.2 token, its value anything printable.
std::string_view forbiddenInName(FieldFamily f) {
  switch (f) {
    case FieldFamily::Query: return "&#= ?";
    case FieldFamily::Cookie: return ";,= \"";
    case FieldFamily::Header: return "()<>@,;:\\\"/[]?={} ";
  }
  return "";
}
std::string_view forbiddenInValue(FieldFamily f) {
  switch (f) {
    case FieldFamily::Query: return "&# ";
    case FieldFamily::Cookie: return ";, \"";
    case FieldFamily::Header: return "";
  }
  return "";
}

FieldValuesConfig readFieldValues(const YamlNode& node, FieldFamily family, std::string_view what) {
  FieldValuesConfig v;
  const auto checkValue = [&](const YamlNode& at, const std::string& value) {
    refuseCharacters(at, fmt::format("{} value", what), value, forbiddenInValue(family));
  };
  if (node.isScalar()) {
    if (node.raw().Scalar() == "unique") {
      v.kind = FieldValuesConfig::Kind::Unique;
      return v;
    }
    v.kind = FieldValuesConfig::Kind::Count;
    v.count = static_cast<std::uint64_t>(node.asInt(
        fmt::format("{} values (a count, a list, a mapping of values to shares, or 'unique')", what),
        1, INT64_MAX));
    return v;
  }
  v.kind = FieldValuesConfig::Kind::List;
  if (node.isSequence()) {
    for (const auto& item : node.asSequence(fmt::format("{} values", what))) {
      v.values.push_back(item.asString(fmt::format("{} value", what)));
      checkValue(item, v.values.back());
      v.weights.push_back(1.0);
    }
    if (v.values.empty()) node.fail(fmt::format("{} values: the list is empty; expected at least one value", what));
    return v;
  }
  if (!node.isMap()) {
    node.fail(fmt::format("{} values must be a count, a list, a mapping of values to shares, or "
                          "'unique'",
                          what));
  }
  std::vector<std::pair<std::string, double>> shares;
  for (const auto& entry : node.raw()) {
    const YamlNode key = node.child(entry.first);
    std::string value = key.asString(fmt::format("{} value", what));
    checkValue(key, value);
    if (std::find(v.values.begin(), v.values.end(), value) != v.values.end()) {
      key.fail(fmt::format("{} value '{}' is listed twice; expected each value once", what, value));
    }
    const double share = node.child(entry.second).asDouble(fmt::format("share of {} value '{}'", what, value), 0, 1);
    v.values.push_back(value);
    v.weights.push_back(share);
    shares.emplace_back(value, share);
  }
  if (v.values.empty()) node.fail(fmt::format("{} values: the mapping is empty; expected at least one value", what));
  requireSharesSumToOne(node, fmt::format("{} values", what), shares);
  return v;
}

std::vector<RequestFieldConfig> readFields(const YamlNode& node, FieldFamily family,
                                           std::string_view what) {
  std::vector<RequestFieldConfig> out;
  for (const auto& item : node.asSequence(what)) {
    YamlMap m(item, what, keys::kRequestField);
    RequestFieldConfig f;
    const auto name = m.require("name");
    f.name = name.asString(fmt::format("{} name", what));
    if (f.name.empty()) name.fail(fmt::format("{} name is empty; expected a name", what));
    refuseCharacters(name, fmt::format("{} name", what), f.name, forbiddenInName(family));
    for (const auto& earlier : out) {
      const bool same = family == FieldFamily::Header
                            ? std::equal(earlier.name.begin(), earlier.name.end(), f.name.begin(),
                                         f.name.end(),
                                         [](char a, char b) { return std::tolower(a) == std::tolower(b); })
                            : earlier.name == f.name;
      if (same) name.fail(fmt::format("{} '{}' is listed twice; expected each name once", what, f.name));
    }
    if (family == FieldFamily::Header) {
      std::string lower = f.name;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "cookie" || lower == "host") {
        name.fail(fmt::format("header '{}' is set by the simulator; expected cookies under "
                              "`cookies:` and no Host (it is the distribution's domain)",
                              f.name));
      }
    }
    if (auto p = m.get("probability")) f.probability = p->asDouble("probability", 0, 1);
    f.values = readFieldValues(m.require("values"), family, fmt::format("{} '{}'", what, f.name));
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<MethodShare> readMethods(const YamlNode& node) {
  YamlMap m(node, "methods", keys::kMethods);
  std::vector<MethodShare> out;
  std::vector<std::pair<std::string, double>> shares;
  for (const auto method : {RequestMethod::Get, RequestMethod::Head, RequestMethod::Post,
                            RequestMethod::Options}) {
    const auto v = m.get(toString(method));
    if (!v) continue;
    const double share = v->asDouble(fmt::format("share of {}", toString(method)), 0, 1);
    out.push_back(MethodShare{method, share});
    shares.emplace_back(std::string(toString(method)), share);
  }
  if (out.empty()) node.fail("methods is empty; expected shares of GET, HEAD, POST or OPTIONS");
  requireSharesSumToOne(node, "methods", shares);
  return out;
}

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

ReleaseConfig readRelease(const YamlNode& node) {
  YamlMap m(node, "release", keys::kRelease);
  ReleaseConfig r;
  r.objects = static_cast<std::uint64_t>(m.require("objects").asInt("release objects", 1, 1'000'000));
  if (!m.has("at") && !m.has("every")) {
    node.fail("a release needs `at:` (one release at that time after the start) or `every:` "
              "(periodic releases)");
  }
  if (auto v = m.get("at")) r.firstAt = v->asDuration("release at");
  if (auto v = m.get("every")) {
    r.every = v->asDuration("release every");
    if (*r.every <= Duration::zero()) v->fail("release every must be above zero; expected a duration such as 1h");
    if (!m.has("at")) r.firstAt = *r.every;  // the first release one period in
  }
  if (auto v = m.get("until")) {
    if (!r.every) v->fail("'until' applies to periodic releases; expected `every:` beside it");
    r.until = v->asDuration("release until");
    if (*r.until < r.firstAt) {
      v->fail("release until is before the first release; expected a time at or after it");
    }
  }
  if (auto v = m.get("flash_crowd")) {
    if (r.every) {
      v->fail("a flash crowd follows a single release; expected `at:` without `every:`");
    }
    YamlMap f(*v, "flash_crowd", keys::kFlashCrowd);
    FlashCrowdConfig fc;
    fc.requestsPerSecond = readRate(f.require("requests_per_second"), "flash crowd requests_per_second");
    const auto decay = f.require("decay");
    fc.decay = decay.asDuration("flash crowd decay");
    if (fc.decay <= Duration::zero()) decay.fail("flash crowd decay must be above zero; expected a duration such as 10m");
    r.flashCrowd = fc;
  }
  return r;
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

SizeDistributionConfig readSizes(const YamlNode& node) {
  YamlMap m(node, "sizes", keys::kSizes);
  SizeDistributionConfig s;
  auto kind = m.require("distribution").asChoice("size distribution",
                                                 {"fixed", "lognormal", "pareto", "empirical"});
  auto requireOnly = [&](std::string_view key, std::initializer_list<std::string_view> forbidden) {
    for (auto f : forbidden) {
      if (auto v = m.get(f)) v->fail(fmt::format("'{}' does not apply to a {} distribution", f, kind));
    }
    return m.require(key);
  };
  if (kind == "empirical") {
    s.kind = SizeDistributionKind::Empirical;
    const auto points = requireOnly("points", {"size", "median", "scale", "sigma", "alpha", "min", "max"});
    double lastP = -1;
    std::uint64_t lastBytes = 0;
    for (const auto& item : points.asSequence("points")) {
      YamlMap pm(item, "size CDF point", keys::kSizeCdfPoint);
      const auto pNode = pm.require("p");
      const double p = pNode.asDouble("p (the probability that a size is at most this one)", 0, 1);
      const auto sizeNode = pm.require("size");
      const std::uint64_t bytes = sizeNode.asByteSize("size");
      if (s.points.empty() && p != 0.0) pNode.fail(fmt::format("the first point's p is {}; expected 0 (the smallest size)", p));
      if (!s.points.empty() && p <= lastP) pNode.fail(fmt::format("p {} does not rise after {}; expected probabilities in increasing order", p, lastP));
      if (!s.points.empty() && bytes < lastBytes) sizeNode.fail(fmt::format("size {} is below the previous point's {}; expected sizes that never decrease", bytes, lastBytes));
      if (bytes == 0) sizeNode.fail("size must be above zero");
      s.points.emplace_back(p, bytes);
      lastP = p;
      lastBytes = bytes;
    }
    if (s.points.size() < 2 || s.points.back().first != 1.0) {
      points.fail("an empirical size CDF needs at least two points, the first with p: 0 and the last with p: 1");
    }
    s.minBytes = s.points.front().second;
    s.maxBytes = s.points.back().second;
    s.medianBytes = s.points.front().second;
    return s;
  }
  if (auto v = m.get("points")) v->fail(fmt::format("'points' does not apply to a {} distribution; expected distribution: empirical", kind));
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

DiurnalConfig readDiurnal(const YamlNode& node) {
  YamlMap m(node, "diurnal", keys::kDiurnal);
  DiurnalConfig d;
  if (auto h = m.get("hourly")) {
    for (const auto key : {"peak_hour", "peak_to_trough"}) {
      if (auto v = m.get(key)) v->fail(fmt::format("'{}' does not apply beside `hourly:`; expected one of the two forms", key));
    }
    d.kind = DiurnalConfig::Kind::Hourly;
    const auto items = h->asSequence("hourly");
    if (items.size() != 24) {
      h->fail(fmt::format("hourly has {} values; expected 24 (the relative rate at 00:00, 01:00, "
                          "... 23:00 local time)",
                          items.size()));
    }
    for (std::size_t i = 0; i < 24; ++i) {
      d.hourly[i] = items[i].asDouble(fmt::format("hourly rate at {:02}:00", i), 0, 1e12);
      if (d.hourly[i] <= 0) {
        items[i].fail(fmt::format("hourly rate at {:02}:00 is 0; expected a value above zero (a "
                                  "small one for a quiet hour)",
                                  i));
      }
    }
    const auto [lo, hi] = std::minmax_element(d.hourly.begin(), d.hourly.end());
    if (*hi / *lo > 100) {
      h->fail(fmt::format("hourly rates range from {} to {}, more than 100 to 1; expected a busiest "
                          "hour at most 100 times the quietest",
                          *lo, *hi));
    }
    return d;
  }
  d.kind = DiurnalConfig::Kind::Sinusoid;
  d.peakHour = m.require("peak_hour").asDouble("peak_hour (local time, 0 to 23.99)", 0, 23.999999);
  d.peakToTrough = m.require("peak_to_trough").asDouble("peak_to_trough (the busiest rate over the quietest)", 1, 100);
  return d;
}

Duration readUtcOffset(const YamlNode& node) {
  const std::string text = node.asString("utc_offset");
  double hours = 0;
  int hh = 0, mm = 0;
  char sign = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%c%2d:%2d%c", &sign, &hh, &mm, &extra) == 3 && (sign == '+' || sign == '-') &&
      text.size() == 6 && mm < 60) {
    hours = (sign == '-' ? -1.0 : 1.0) * (hh + mm / 60.0);
  } else {
    hours = node.asDouble("utc_offset (hours such as -5 or 5.5, or \"+05:30\")", -12, 14);
  }
  if (hours < -12 || hours > 14) {
    node.fail(fmt::format("utc_offset {} is outside -12:00..+14:00", text));
  }
  return Duration(static_cast<std::int64_t>(std::llround(hours * 3600.0)) * 1'000'000);
}

double readRate(const YamlNode& node, std::string_view what) { return node.asRate(what, 1e-6, 1e9); }

}  // namespace cdnsim::core::config
