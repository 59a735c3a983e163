#include "sim/sweep/variant.h"

#include "core/config/config_error.h"

namespace cdnsim::sim {

namespace {

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

}  // namespace

std::vector<std::string> splitTopLevel(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (char c : text) {
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  out.push_back(current);
  return out;
}

Variant parseVariant(std::string_view text) {
  Variant v;
  std::string_view body = text;
  const auto colon = text.find(':');
  const auto firstSpecial = text.find_first_of("=[");
  if (colon != std::string_view::npos &&
      (firstSpecial == std::string_view::npos || colon < firstSpecial)) {
    v.name = trimmed(text.substr(0, colon));
    body = text.substr(colon + 1);
    if (v.name.empty()) {
      throw core::config::ConfigError(
          {"--variant " + std::string(text), 0, 0},
          "the name before ':' is empty; expected NAME: PATH=VALUE, ...");
    }
  }
  const std::string overrides = trimmed(body);
  if (v.name.empty()) {
    if (overrides.empty()) {
      throw core::config::ConfigError(
          {"--variant " + std::string(text), 0, 0},
          "expected NAME: PATH=VALUE, ... or NAME: alone for the scenario as it is");
    }
    v.name = overrides;
  }
  if (overrides.empty()) return v;
  const std::string origin = "--variant " + v.name + ":";
  for (const auto& part : splitTopLevel(overrides)) {
    const std::string o = trimmed(part);
    if (o.empty()) {
      throw core::config::ConfigError(
          {"--variant " + std::string(text), 0, 0},
          "an empty override between commas; expected PATH=VALUE, PATH=VALUE");
    }
    v.overrides.push_back(core::config::parseOverride(o, origin));
  }
  return v;
}

}  // namespace cdnsim::sim
