#pragma once
// A sweep's grid: axes of overrides (`--grid 'pops[*].cache.policy=lru,s3fifo,sieve'`), whose
// cartesian product gives the points. Point numbers run like nested loops over the axes in the
// order given, the last axis fastest: with policy x capacity, points 0, 1 are lru at each capacity.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/overrides.h"

namespace cdnsim::sim {

struct GridAxis {
  std::string path;                 // "pops[*].cache.policy"
  std::vector<std::string> values;  // YAML texts: "lru", "s3fifo", "{capacity: 1GiB}"
};

// The largest grid a sweep takes: its table and shard files are held in memory.
inline constexpr std::size_t kMaxSweepPoints = 1'000'000;

// Parses "PATH=V1,V2,...". Values are split at commas outside brackets, braces and quotes, so a
// flow value or a quoted one may hold commas. Each PATH=VALUE is checked as an override (path
// syntax, the file it goes to, YAML). Throws core::config::ConfigError placed at "--grid TEXT".
GridAxis parseGridAxis(std::string_view text);

// What the sweep ran: the scenario, the run options as given, and the grid. Two shards of one
// sweep have equal definitions; `sweep merge` refuses shards whose definitions differ.
struct SweepDefinition {
  std::string scenarioFile;          // as given on the command line
  std::vector<std::string> options;  // "--requests 20000", "--set x=1", ... in a fixed order
  std::vector<GridAxis> axes;

  std::size_t pointCount() const;  // the product of the axes' sizes (1 with no axis)
  // The value of each axis at `point`, as "PATH=VALUE" override texts.
  std::vector<std::string> settings(std::size_t point) const;
  // The point's overrides, parsed, placed at "--grid".
  std::vector<core::config::Override> overrides(std::size_t point) const;

  nlohmann::ordered_json toJson() const;
  // Throws std::invalid_argument naming what is missing.
  static SweepDefinition fromJson(const nlohmann::ordered_json& json);
};

// Throws core::config::ConfigError at "--grid TEXT" for two axes of one path, and when the grid
// has more than kMaxSweepPoints points.
void checkGrid(const std::vector<GridAxis>& axes);

}  // namespace cdnsim::sim
