#include "sim/sweep/sweep_grid.h"

#include <fmt/format.h>

#include <stdexcept>

#include "core/config/config_error.h"
#include "sim/sweep/variant.h"

namespace cdnsim::sim {

namespace {

using core::config::ConfigError;

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

GridAxis parseGridAxis(std::string_view text) {
  const std::string label = "--grid " + std::string(text);
  const std::size_t equals = core::config::findOverrideAssignment(text);  // as in an override
  if (equals == std::string_view::npos) {
    throw ConfigError(
        {label, 0, 0},
        "expected PATH=VALUE,VALUE,..., such as pops[*].cache.policy=lru,s3fifo,sieve");
  }
  GridAxis axis;
  axis.path = std::string(text.substr(0, equals));
  for (const auto& raw : splitTopLevel(text.substr(equals + 1))) {
    const std::string value = trimmed(raw);
    if (value.empty()) {
      throw ConfigError({label, 0, 0},
                        fmt::format("value {} of the list is empty; expected values separated by "
                                    "commas, such as lru,s3fifo",
                                    axis.values.size() + 1));
    }
    for (const auto& earlier : axis.values) {
      if (earlier == value) {
        throw ConfigError({label, 0, 0},
                          fmt::format("'{}' is listed twice; expected each value once", value));
      }
    }
    // Checks the path and the value as the override each point will apply.
    core::config::parseOverride(axis.path + "=" + value, "--grid");
    axis.values.push_back(value);
  }
  return axis;
}

void checkGrid(const std::vector<GridAxis>& axes) {
  std::size_t points = 1;
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const std::string label = "--grid " + axes[a].path + "=...";
    for (std::size_t b = 0; b < a; ++b) {
      if (axes[b].path == axes[a].path) {
        throw ConfigError({label, 0, 0}, fmt::format("'{}' has two --grid options; expected one "
                                                     "axis per path, with all its values",
                                                     axes[a].path));
      }
    }
    points *= axes[a].values.size();
    if (points > kMaxSweepPoints) {
      throw ConfigError({label, 0, 0}, fmt::format("the grid has more than {} points; expected a "
                                                   "smaller grid (or several sweeps)",
                                                   kMaxSweepPoints));
    }
  }
}

std::size_t SweepDefinition::pointCount() const {
  std::size_t points = 1;
  for (const auto& axis : axes) points *= axis.values.size();
  return points;
}

std::vector<std::string> SweepDefinition::settings(std::size_t point) const {
  std::vector<std::string> out(axes.size());
  for (std::size_t a = axes.size(); a-- > 0;) {
    const auto& values = axes[a].values;
    out[a] = axes[a].path + "=" + values[point % values.size()];
    point /= values.size();
  }
  return out;
}

std::vector<core::config::Override> SweepDefinition::overrides(std::size_t point) const {
  std::vector<core::config::Override> out;
  for (const auto& text : settings(point))
    out.push_back(core::config::parseOverride(text, "--grid"));
  return out;
}

nlohmann::ordered_json SweepDefinition::toJson() const {
  nlohmann::ordered_json j;
  j["scenario_file"] = scenarioFile;
  j["options"] = options;
  j["grid"] = nlohmann::ordered_json::array();
  for (const auto& axis : axes) j["grid"].push_back({{"path", axis.path}, {"values", axis.values}});
  j["points"] = pointCount();
  return j;
}

SweepDefinition SweepDefinition::fromJson(const nlohmann::ordered_json& j) {
  try {
    SweepDefinition d;
    d.scenarioFile = j.at("scenario_file").get<std::string>();
    d.options = j.at("options").get<std::vector<std::string>>();
    for (const auto& axis : j.at("grid")) {
      d.axes.push_back(
          {axis.at("path").get<std::string>(), axis.at("values").get<std::vector<std::string>>()});
      if (d.axes.back().values.empty())
        throw std::invalid_argument("an axis of the grid has no values");
    }
    if (j.at("points").get<std::size_t>() != d.pointCount()) {
      throw std::invalid_argument("its point count disagrees with its grid");
    }
    return d;
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("not a sweep definition: ") + e.what());
  }
}

}  // namespace cdnsim::sim
