// readFields() and readMethods(): what an object group's requests carry.

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <utility>

#include "core/config/request_fields_yaml.h"
#include "core/config/value_checks.h"

namespace cdnsim::core::config {

namespace {

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

}  // namespace

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

}  // namespace cdnsim::core::config
