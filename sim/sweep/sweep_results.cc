#include "sim/sweep/sweep_results.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "sim/sweep/comparison.h"
#include "sim/sweep/summary_metrics.h"

namespace cdnsim::sim {

namespace {

constexpr const char* kShardFormat = "cdnsim sweep shard 1";

using Values = std::vector<std::vector<std::optional<double>>>;  // [point][metric]

Values readAll(const SweepResults& r) {
  Values values;
  for (const auto& p : r.points) values.push_back(readSummaryMetrics(p.summary));
  return values;
}

// The metrics some point has.
std::vector<std::size_t> shownMetrics(const Values& values) {
  std::vector<std::size_t> shown;
  for (std::size_t m = 0; m < summaryMetrics().size(); ++m) {
    if (std::any_of(values.begin(), values.end(),
                    [&](const auto& v) { return v[m].has_value(); })) {
      shown.push_back(m);
    }
  }
  return shown;
}

// The value each axis has at `point` (the text after PATH=).
std::vector<std::string> axisValues(const SweepDefinition& d, std::size_t point) {
  std::vector<std::string> out;
  const auto settings = d.settings(point);
  for (std::size_t a = 0; a < d.axes.size(); ++a)
    out.push_back(settings[a].substr(d.axes[a].path.size() + 1));
  return out;
}

std::string title(const SweepResults& r) {
  const auto& d = r.definition;
  std::string what = d.scenarioFile;
  for (const auto& o : d.options) what += fmt::format(" {}", o);
  std::string grid;
  for (const auto& axis : d.axes) {
    grid += fmt::format("{}{} ({})", grid.empty() ? "" : " x ", axis.path, axis.values.size());
  }
  std::string out = fmt::format("sweep of {}: {} points", what, d.pointCount());
  if (!grid.empty()) out += fmt::format(", grid {}", grid);
  if (r.points.size() != d.pointCount()) out += fmt::format("; {} of them here", r.points.size());
  return out;
}

std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path.string() + ": cannot open file");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// "sweep-shard-K-of-N.json" files of a folder, in name order.
std::vector<std::filesystem::path> shardFilesIn(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("sweep-shard-", 0) == 0 && name.size() > 5 &&
        name.substr(name.size() - 5) == ".json") {
      files.push_back(entry.path());
    }
  }
  if (ec) throw std::invalid_argument(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    throw std::invalid_argument(dir.string() +
                                ": no sweep-shard-*-of-*.json in this folder; expected "
                                "the --out folder of a sweep");
  }
  return files;
}

}  // namespace

std::string formatSweepTable(const SweepResults& r) {
  const Values values = readAll(r);
  const auto shown = shownMetrics(values);
  const auto& metrics = summaryMetrics();
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> heading{"point"};
  for (const auto& axis : r.definition.axes) heading.push_back(axis.path);
  for (std::size_t m : shown) heading.push_back(metrics[m].shortLabel);
  rows.push_back(heading);
  for (std::size_t i = 0; i < r.points.size(); ++i) {
    std::vector<std::string> row{std::to_string(r.points[i].index)};
    for (auto& v : axisValues(r.definition, r.points[i].index)) row.push_back(std::move(v));
    for (std::size_t m : shown) row.push_back(formatMetric(metrics[m].kind, values[i][m]));
    rows.push_back(row);
  }
  std::vector<std::size_t> widths(heading.size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  const std::size_t firstMetric = 1 + r.definition.axes.size();
  std::string out = title(r) + "\n\n";
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c > 0) line += "  ";
      // Numbers right-aligned, the axes' values left-aligned like the words they are.
      const bool left = c > 0 && c < firstMetric;
      line += left ? fmt::format("{:<{}}", row[c], widths[c])
                   : fmt::format("{:>{}}", row[c], widths[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string formatSweepJson(const SweepResults& r) {
  const Values values = readAll(r);
  const auto shown = shownMetrics(values);
  const auto& metrics = summaryMetrics();
  nlohmann::ordered_json j;
  j["sweep"] = r.definition.toJson();
  j["points"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < r.points.size(); ++i) {
    nlohmann::ordered_json p;
    p["point"] = r.points[i].index;
    p["settings"] = nlohmann::ordered_json::object();
    const auto v = axisValues(r.definition, r.points[i].index);
    for (std::size_t a = 0; a < v.size(); ++a) p["settings"][r.definition.axes[a].path] = v[a];
    p["metrics"] = nlohmann::ordered_json::object();
    for (std::size_t m : shown)
      p["metrics"][metrics[m].key] = metricJson(metrics[m].kind, values[i][m]);
    j["points"].push_back(p);
  }
  return j.dump(2) + "\n";
}

std::string formatSweepCsv(const SweepResults& r) {
  const Values values = readAll(r);
  const auto shown = shownMetrics(values);
  const auto& metrics = summaryMetrics();
  std::string out = "point";
  for (const auto& axis : r.definition.axes) out += fmt::format(",{}", csvField(axis.path));
  for (std::size_t m : shown) out += fmt::format(",{}", metrics[m].key);
  out += "\n";
  for (std::size_t i = 0; i < r.points.size(); ++i) {
    out += std::to_string(r.points[i].index);
    for (const auto& v : axisValues(r.definition, r.points[i].index))
      out += fmt::format(",{}", csvField(v));
    for (std::size_t m : shown) {
      out += ",";
      if (values[i][m]) out += metricJson(metrics[m].kind, values[i][m]).dump();
    }
    out += "\n";
  }
  return out;
}

std::string shardFileName(const Shard& shard) {
  return fmt::format("sweep-shard-{}-of-{}.json", shard.index, shard.count);
}

std::string formatShardFile(const SweepResults& r, const Shard& shard) {
  nlohmann::ordered_json j;
  j["format"] = kShardFormat;
  j["sweep"] = r.definition.toJson();
  j["shard"] = {{"index", shard.index}, {"count", shard.count}};
  j["points"] = nlohmann::ordered_json::array();
  for (const auto& p : r.points)
    j["points"].push_back({{"point", p.index}, {"summary", p.summary}});
  return j.dump(1) + "\n";
}

SweepResults mergeShardFiles(const std::vector<std::string>& paths) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    if (std::filesystem::is_directory(path)) {
      for (auto& f : shardFilesIn(path)) files.push_back(std::move(f));
    } else {
      files.emplace_back(path);
    }
  }
  std::optional<nlohmann::ordered_json> definition;
  std::string definitionFile;
  std::size_t count = 0;
  std::map<std::size_t, std::string> shards;             // index -> file
  std::map<std::size_t, nlohmann::ordered_json> points;  // point -> summary
  for (const auto& file : files) {
    const std::string name = file.string();
    nlohmann::ordered_json j;
    try {
      j = nlohmann::ordered_json::parse(readText(file));
    } catch (const nlohmann::json::exception& e) {
      throw std::invalid_argument(name + ": not JSON (" + e.what() +
                                  "); expected a sweep shard file");
    }
    if (!j.is_object() || j.value("format", "") != kShardFormat) {
      throw std::invalid_argument(name + ": not a sweep shard file (no \"format\": \"" +
                                  kShardFormat + "\")");
    }
    try {
      const std::size_t index = j.at("shard").at("index").get<std::size_t>();
      const std::size_t n = j.at("shard").at("count").get<std::size_t>();
      if (!definition) {
        definition = j.at("sweep");
        definitionFile = name;
        count = n;
        SweepDefinition::fromJson(*definition);  // checks its shape
      } else if (j.at("sweep") != *definition) {
        throw std::invalid_argument(
            "its sweep differs from the one in " + definitionFile +
            " (another scenario, options or grid); expected shards of one sweep");
      } else if (n != count) {
        throw std::invalid_argument(fmt::format("it is shard {} of {}, but {} has {} shards", index,
                                                n, definitionFile, count));
      }
      if (index >= n)
        throw std::invalid_argument(fmt::format("shard {} of {} does not exist", index, n));
      if (const auto [it, fresh] = shards.emplace(index, name); !fresh) {
        throw std::invalid_argument(
            fmt::format("shard {} of {} is also in {}", index, n, it->second));
      }
      for (const auto& p : j.at("points")) {
        const std::size_t point = p.at("point").get<std::size_t>();
        if (point % n != index) {
          throw std::invalid_argument(
              fmt::format("point {} does not belong to shard {} of {}", point, index, n));
        }
        if (!points.emplace(point, p.at("summary")).second) {
          throw std::invalid_argument(fmt::format("point {} is there twice", point));
        }
      }
    } catch (const nlohmann::json::exception& e) {
      throw std::invalid_argument(name + ": " + e.what());
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(name + ": " + e.what());
    }
  }
  if (!definition) throw std::invalid_argument("no shard files given");
  for (std::size_t k = 0; k < count; ++k) {
    if (shards.count(k) == 0) {
      throw std::invalid_argument(fmt::format("shard {} of {} is missing; expected {} beside {}", k,
                                              count, shardFileName(Shard{k, count, ""}),
                                              definitionFile));
    }
  }
  SweepResults results;
  results.definition = SweepDefinition::fromJson(*definition);
  for (std::size_t p = 0; p < results.definition.pointCount(); ++p) {
    const auto found = points.find(p);
    if (found == points.end()) {
      throw std::invalid_argument(
          fmt::format("point {} of {} is in no shard file; expected every shard complete", p,
                      results.definition.pointCount()));
    }
    results.points.push_back({p, found->second});
  }
  if (points.size() != results.definition.pointCount()) {
    throw std::invalid_argument(fmt::format("the shards hold points beyond the sweep's {}",
                                            results.definition.pointCount()));
  }
  return results;
}

}  // namespace cdnsim::sim
