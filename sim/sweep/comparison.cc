#include "sim/sweep/comparison.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "sim/sweep/summary_metrics.h"

namespace cdnsim::sim {

namespace {

using Values = std::vector<std::vector<std::optional<double>>>;  // [column][metric]

Values readAll(const Comparison& c) {
  Values values;
  for (const auto& summary : c.summaries) values.push_back(readSummaryMetrics(summary));
  return values;
}

bool anyValue(const Values& values, std::size_t metric) {
  return std::any_of(values.begin(), values.end(),
                     [&](const auto& v) { return v[metric].has_value(); });
}

// value - base: whole for counts and bytes; rounded to 6 decimals like the values otherwise, so
// 0.3 - 0.1 prints as 0.2.
nlohmann::ordered_json difference(MetricKind kind, std::optional<double> base,
                                  std::optional<double> value) {
  if (!base || !value) return nullptr;
  if (kind == MetricKind::Count || kind == MetricKind::Bytes) {
    return static_cast<std::int64_t>(std::llround(*value - *base));
  }
  return std::round((*value - *base) * 1e6) / 1e6;
}

}  // namespace

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';  // a quote inside is doubled
    out += c;
  }
  out += '"';
  return out;
}

std::string formatComparisonTable(const Comparison& c) {
  const Values values = readAll(c);
  const auto& metrics = summaryMetrics();
  // cells[row][column]; row 0 is the heading.
  std::vector<std::vector<std::string>> cells;
  cells.push_back({"metric"});
  for (const auto& column : c.columns) cells[0].push_back(column.name);
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    if (!anyValue(values, m)) continue;
    std::vector<std::string> row{metrics[m].label};
    for (std::size_t col = 0; col < c.columns.size(); ++col) {
      std::string cell = formatMetric(metrics[m].kind, values[col][m]);
      if (col > 0) {
        const std::string change = formatChange(metrics[m].kind, values[0][m], values[col][m]);
        if (!change.empty()) cell += fmt::format(" ({})", change);
      }
      row.push_back(cell);
    }
    cells.push_back(row);
  }
  std::vector<std::size_t> widths(c.columns.size() + 1, 0);
  for (const auto& row : cells) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out = c.title + "\n";
  std::size_t nameWidth = 0;
  for (const auto& column : c.columns) nameWidth = std::max(nameWidth, column.name.size());
  for (const auto& column : c.columns) {
    out += fmt::format("  {:<{}}  {}\n", column.name, nameWidth, column.description);
  }
  out += "\n";
  for (const auto& row : cells) {
    std::string line = fmt::format("{:<{}}", row[0], widths[0]);
    for (std::size_t i = 1; i < row.size(); ++i) line += fmt::format("  {:>{}}", row[i], widths[i]);
    out += line + "\n";
  }
  return out;
}

std::string formatComparisonJson(const Comparison& c) {
  const Values values = readAll(c);
  const auto& metrics = summaryMetrics();
  nlohmann::ordered_json j;
  j["title"] = c.title;
  j["baseline"] = c.columns.empty() ? std::string() : c.columns[0].name;
  j["columns"] = nlohmann::ordered_json::array();
  for (const auto& column : c.columns) {
    j["columns"].push_back({{"name", column.name}, {"description", column.description}});
  }
  j["metrics"] = nlohmann::ordered_json::array();
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    if (!anyValue(values, m)) continue;
    nlohmann::ordered_json row;
    row["key"] = metrics[m].key;
    row["label"] = metrics[m].label;
    row["values"] = nlohmann::ordered_json::array();
    row["differences"] = nlohmann::ordered_json::array();
    for (std::size_t col = 0; col < values.size(); ++col) {
      const auto& v = values[col][m];
      const auto& base = values[0][m];
      row["values"].push_back(metricJson(metrics[m].kind, v));
      row["differences"].push_back(difference(metrics[m].kind, base, v));
    }
    j["metrics"].push_back(row);
  }
  return j.dump(2) + "\n";
}

std::string formatComparisonCsv(const Comparison& c) {
  const Values values = readAll(c);
  const auto& metrics = summaryMetrics();
  std::string out = "metric";
  for (const auto& column : c.columns) {
    out += ',';
    out += csvField(column.name);
  }
  out += "\n";
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    if (!anyValue(values, m)) continue;
    out += metrics[m].key;
    for (const auto& v : values) {
      out += ",";
      if (v[m]) out += metricJson(metrics[m].kind, v[m]).dump();
    }
    out += "\n";
  }
  return out;
}

}  // namespace cdnsim::sim
