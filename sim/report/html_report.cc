#include "sim/report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/http/http_date.h"
#include "sim/report/html_report_assets.h"
#include "sim/report/summary_format.h"
#include "sim/report/summary_paths.h"

namespace cdnsim::sim {

namespace {

using Json = nlohmann::ordered_json;

// Debian's libjs-chart.js (3.x) installs the UMD build here; newer packagings name it chart.umd.js.
constexpr const char* kChartLibraryPaths[] = {
    "/usr/share/javascript/chart.js/chart.min.js",
    "/usr/share/javascript/chart.js/chart.umd.js",
    "/usr/share/javascript/chart.js/Chart.min.js",
};

// Charts draw at most this many points per line: longer series are summed in groups of
// neighbouring intervals, so a day at --interval 1s still makes a page of a few hundred KB.
constexpr std::size_t kMaxChartIntervals = 1500;

// ---- data for the page script ----

ReportTimeSeries coarsened(const ReportTimeSeries& in) {
  const std::size_t n = in.startSeconds.size();
  if (n <= kMaxChartIntervals) return in;
  const std::size_t group = (n + kMaxChartIntervals - 1) / kMaxChartIntervals;
  ReportTimeSeries out;
  out.intervalSeconds = in.intervalSeconds * static_cast<double>(group);
  out.names = in.names;
  out.cells.resize(in.cells.size());
  for (std::size_t i = 0; i < n; i += group) out.startSeconds.push_back(in.startSeconds[i]);
  for (std::size_t s = 0; s < in.cells.size(); ++s) {
    out.cells[s].resize(out.startSeconds.size());
    for (std::size_t i = 0; i < n; ++i) out.cells[s][i / group] += in.cells[s][i];
  }
  return out;
}

// The series the charts draw: the tiers. POPs are in the summary, and their rows would multiply
// the page's size.
bool isTierSeries(const std::string& name) {
  return name == "edge" || name == "regional" || name == "shield" || name == "origin";
}

// {"interval_s", "start_s": [...], "series": {"edge": {"requests": [...], "hits", "errors",
// "bytes"}, ...}} for the tier series.
Json seriesJson(const ReportTimeSeries& full) {
  const ReportTimeSeries ts = coarsened(full);
  Json j;
  j["interval_s"] = ts.intervalSeconds;
  j["start_s"] = ts.startSeconds;
  Json series = Json::object();
  for (std::size_t s = 0; s < ts.names.size(); ++s) {
    const std::string& name = ts.names[s];
    if (!isTierSeries(name)) continue;
    Json requests = Json::array(), hits = Json::array(), errors = Json::array(), bytes = Json::array();
    for (const auto& c : ts.cells[s]) {
      requests.push_back(c.requests);
      hits.push_back(c.hits);
      errors.push_back(c.errors);
      bytes.push_back(c.bytes);
    }
    series[name] = {{"requests", requests}, {"hits", hits}, {"errors", errors}, {"bytes", bytes}};
  }
  j["series"] = series;
  return j;
}

// Bin edges in ms, ten per decade (the R10 series: 1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8).
double binEdge(int index) {
  static constexpr double kSteps[10] = {1, 1.25, 1.6, 2, 2.5, 3.15, 4, 5, 6.3, 8};
  const int decade = index >= 0 ? index / 10 : -((-index + 9) / 10);
  return kSteps[index - decade * 10] * std::pow(10.0, decade);
}
int binOf(double ms) {
  int index = static_cast<int>(std::floor(std::log10(ms) * 10.0)) - 1;
  while (binEdge(index + 1) <= ms) ++index;
  while (binEdge(index) > ms) --index;
  return index;
}

// The viewers' total time in bins by the layer that answered: {"bins": ["1.25", ...], "layers":
// {"edge": [counts], ...}}, from the histograms' buckets (each counted at its representative value).
Json latencyJson(const RunSummary& s) {
  Json j;
  j["bins"] = Json::array();
  j["layers"] = Json::object();
  const auto& all = s.latency.total;
  if (all.count() == 0) return j;
  constexpr double kFloorMs = 0.01;  // a 0 us latency goes in the lowest bin
  const int first = binOf(std::max(static_cast<double>(all.min()->count()) / 1000.0, kFloorMs));
  const int last = binOf(std::max(static_cast<double>(all.max()->count()) / 1000.0, kFloorMs));
  for (int b = first; b <= last; ++b) j["bins"].push_back(fmt::format("{:g}", binEdge(b)));
  for (std::size_t layer = 0; layer < kAnsweringLayerCount; ++layer) {
    const LatencyHistogram& h = s.byLayer[layer].total;
    if (h.count() == 0) continue;
    std::vector<std::uint64_t> counts(static_cast<std::size_t>(last - first + 1), 0);
    for (std::size_t bucket = 0; bucket < LatencyHistogram::bucketCount(); ++bucket) {
      const std::uint64_t n = h.bucketCountAt(bucket);
      if (n == 0) continue;
      const double ms = std::max(static_cast<double>(LatencyHistogram::bucketRepresentative(bucket)) / 1000.0, kFloorMs);
      const int b = std::clamp(binOf(ms), first, last);
      counts[static_cast<std::size_t>(b - first)] += n;
    }
    j["layers"][std::string(toString(static_cast<AnsweringLayer>(layer)))] = counts;
  }
  return j;
}

// ---- HTML ----

std::string ratioText(const Json* v) { return v && v->is_number() ? fmt::format("{:.4f}", v->get<double>()) : "-"; }
std::string countText(const Json* v) {
  return v && v->is_number() ? fmt::format("{}", v->get<std::uint64_t>()) : "-";
}
std::string msText(const Json* v) { return v && v->is_number() ? fmt::format("{:.3f}", v->get<double>()) : "-"; }

const Json* at(const Json& summary, std::string_view path) { return findSummaryValue(summary, path); }

std::string tierRow(const std::string& name, const Json& tier) {
  auto cell = [&](const char* key) { return htmlEscape(countText(tier.contains(key) ? &tier[key] : nullptr)); };
  auto ratio = [&](const char* key) { return htmlEscape(ratioText(tier.contains(key) ? &tier[key] : nullptr)); };
  return fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                     "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     htmlEscape(name), cell("requests"), ratio("hit_ratio"), ratio("byte_hit_ratio"), cell("hits"),
                     cell("refresh_hits"), cell("misses"), cell("errors"), cell("collapsed"), cell("sent_upstream"),
                     cell("evictions"));
}

constexpr const char* kTierHeader =
    "<thead><tr><th>{}</th><th>requests</th><th>hit ratio</th><th>byte hit ratio</th><th>hits</th>"
    "<th>refresh hits</th><th>misses</th><th>errors</th><th>collapsed</th><th>sent upstream</th>"
    "<th>evictions</th>{}</tr></thead>\n";

std::string tierTable(const Json& summary) {
  std::string out = "<table>\n" + fmt::format(kTierHeader, "tier", "") + "<tbody>\n";
  for (const char* tier : {"edge", "regional", "shield"}) {
    if (summary.contains(tier)) out += tierRow(tier, summary[tier]);
  }
  out += fmt::format("<tr><td>origin</td><td>{}</td><td colspan=\"9\" style=\"text-align:left\">offload {} of "
                     "requests, {} of bytes; {} not modified, {} bytes sent</td></tr>\n",
                     countText(at(summary, "origin.requests")), ratioText(at(summary, "origin.offload")),
                     ratioText(at(summary, "origin.byte_offload")), countText(at(summary, "origin.not_modified")),
                     countText(at(summary, "origin.bytes")));
  return out + "</tbody></table>\n";
}

std::string popTable(const Json& summary) {
  std::string out = "<table>\n" + fmt::format(kTierHeader, "POP", "<th>p50 ms</th><th>p99 ms</th>") + "<tbody>\n";
  if (summary.contains("pops")) {
    for (const auto& pop : summary["pops"]) {
      std::string row = tierRow(pop.value("code", "?"), pop);
      row.resize(row.size() - std::string_view("</tr>\n").size());
      row += fmt::format("<td>{}</td><td>{}</td></tr>\n", msText(at(pop, "latency.total.p50_ms")),
                         msText(at(pop, "latency.total.p99_ms")));
      out += row;
    }
  }
  return out + "</tbody></table>\n";
}

std::string latencyTable(const Json& summary) {
  std::string out =
      "<table>\n<thead><tr><th>answered by</th><th>count</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th>"
      "<th>p99.9 ms</th><th>max ms</th><th>first byte p50 ms</th><th>first byte p99 ms</th></tr></thead>\n<tbody>\n";
  auto row = [&](const std::string& name, const Json& pair) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                       "<td>{}</td></tr>\n",
                       htmlEscape(name), countText(at(pair, "total.count")), msText(at(pair, "total.p50_ms")),
                       msText(at(pair, "total.p90_ms")), msText(at(pair, "total.p99_ms")),
                       msText(at(pair, "total.p999_ms")), msText(at(pair, "total.max_ms")),
                       msText(at(pair, "first_byte.p50_ms")), msText(at(pair, "first_byte.p99_ms")));
  };
  if (summary.contains("latency")) {
    row("all", summary["latency"]);
    if (summary["latency"].contains("by_layer")) {
      for (const auto& [layer, pair] : summary["latency"]["by_layer"].items()) row(layer, pair);
    }
  }
  return out + "</tbody></table>\n";
}

// Metrics of the side-by-side table: summary.json paths, or computed from several.
enum class Kind { Ratio, Count, Milliseconds };
struct ComparedMetric {
  const char* label;
  const char* path;  // nullptr: the viewer hit ratio, computed
  Kind kind;
};
constexpr ComparedMetric kComparedMetrics[] = {
    {"viewer requests", "viewer.requests", Kind::Count},
    {"viewer hit ratio", nullptr, Kind::Ratio},
    {"edge hit ratio", "edge.hit_ratio", Kind::Ratio},
    {"edge byte hit ratio", "edge.byte_hit_ratio", Kind::Ratio},
    {"regional hit ratio", "regional.hit_ratio", Kind::Ratio},
    {"regional byte hit ratio", "regional.byte_hit_ratio", Kind::Ratio},
    {"shield hit ratio", "shield.hit_ratio", Kind::Ratio},
    {"shield byte hit ratio", "shield.byte_hit_ratio", Kind::Ratio},
    {"origin offload", "origin.offload", Kind::Ratio},
    {"origin byte offload", "origin.byte_offload", Kind::Ratio},
    {"origin requests", "origin.requests", Kind::Count},
    {"origin bytes", "origin.bytes", Kind::Count},
    {"total time p50 ms", "latency.total.p50_ms", Kind::Milliseconds},
    {"total time p90 ms", "latency.total.p90_ms", Kind::Milliseconds},
    {"total time p99 ms", "latency.total.p99_ms", Kind::Milliseconds},
    {"first byte p50 ms", "latency.first_byte.p50_ms", Kind::Milliseconds},
    {"first byte p99 ms", "latency.first_byte.p99_ms", Kind::Milliseconds},
    {"viewer errors", "viewer.errors", Kind::Count},
};

std::optional<double> metricValue(const Json& summary, const ComparedMetric& m) {
  if (m.path == nullptr) {
    const Json* requests = at(summary, "viewer.requests");
    const Json* hits = at(summary, "viewer.hits");
    const Json* refresh = at(summary, "viewer.refresh_hits");
    if (!requests || !hits || !refresh || !requests->is_number() || requests->get<double>() == 0) return std::nullopt;
    return (hits->get<double>() + refresh->get<double>()) / requests->get<double>();
  }
  const Json* v = at(summary, m.path);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->get<double>();
}

std::string metricText(Kind kind, std::optional<double> v) {
  if (!v) return "-";
  switch (kind) {
    case Kind::Ratio: return fmt::format("{:.4f}", *v);
    case Kind::Count: return fmt::format("{:.0f}", *v);
    case Kind::Milliseconds: return fmt::format("{:.3f}", *v);
  }
  return "-";
}

// The change against the baseline: a difference for ratios, relative for the others.
std::string changeText(Kind kind, std::optional<double> base, std::optional<double> v) {
  if (!base || !v) return "";
  if (*v == *base) return "=";
  if (kind == Kind::Ratio) return fmt::format("{:+.4f}", *v - *base);
  if (*base == 0) return fmt::format("{:+.0f}", *v - *base);
  return fmt::format("{:+.1f}%", (*v - *base) / std::fabs(*base) * 100.0);
}

std::string comparisonTable(const std::vector<NamedSummary>& runs) {
  std::string out = "<table>\n<thead><tr><th>metric</th>";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    out += fmt::format("<th>{}</th>", htmlEscape(runs[i].name));
    if (i > 0) out += "<th>change</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& m : kComparedMetrics) {
    std::vector<std::optional<double>> values;
    for (const auto& r : runs) values.push_back(metricValue(r.summary, m));
    if (std::none_of(values.begin(), values.end(), [](const auto& v) { return v.has_value(); })) continue;
    out += fmt::format("<tr><td>{}</td>", htmlEscape(m.label));
    for (std::size_t i = 0; i < runs.size(); ++i) {
      out += fmt::format("<td>{}</td>", metricText(m.kind, values[i]));
      if (i == 0) continue;
      const std::string change = changeText(m.kind, values[0], values[i]);
      const char* direction = change.empty() || change == "=" ? "" : change[0] == '+' ? " class=\"up\"" : " class=\"down\"";
      out += fmt::format("<td{}>{}</td>", direction, htmlEscape(change));
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string runHeading(const Json& summary) {
  auto text = [&](const char* key) {
    return summary.contains(key) && summary[key].is_string() ? summary[key].get<std::string>() : std::string("?");
  };
  const Json* seed = at(summary, "seed");
  const Json* duration = at(summary, "duration_s");
  return fmt::format("scenario {} on topology {}, seed {}: {} viewer requests over {} s of virtual time from {}",
                     text("scenario"), text("topology"), countText(seed), countText(at(summary, "viewer.requests")),
                     duration && duration->is_number() ? fmt::format("{:g}", duration->get<double>()) : "?",
                     text("start"));
}

struct Figure {
  const char* id;
  const char* caption;
};

std::string figures(const std::vector<Figure>& list, const ChartLibrary& charts) {
  std::string out;
  if (!charts.available()) {
    out += fmt::format("<div class=\"notice\">Charts are missing: {}. The tables below hold the numbers.</div>\n",
                       htmlEscape(charts.problem));
  }
  out += "<section class=\"charts\">\n";
  for (const auto& f : list) {
    out += fmt::format("<figure class=\"chart\"><figcaption>{}</figcaption><canvas id=\"{}\" width=\"560\" "
                       "height=\"300\"></canvas></figure>\n",
                       htmlEscape(f.caption), f.id);
  }
  return out + "</section>\n";
}

std::string page(std::string_view title, std::string_view body, const Json& data, const ChartLibrary& charts) {
  std::string out;
  out.reserve(charts.script.size() + body.size() + 4096);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += fmt::format("<title>{}</title>\n", htmlEscape(title));
  out += "<style>";
  out += report_assets::kStyle;
  out += "</style>\n</head>\n<body>\n";
  out += "<div id=\"cdnsim-status\" hidden data-state=\"pending\" data-charts=\"0\" data-rects=\"[]\"></div>\n";
  out += "<script>";
  out += report_assets::kErrorCatcher;
  out += "</script>\n";
  out += body;
  if (charts.available()) {
    out += fmt::format("<!-- Chart.js, inlined from {} -->\n<script>\n", htmlEscape(charts.path));
    out += charts.script;
    out += "\n</script>\n";
  }
  out += "<script type=\"application/json\" id=\"cdnsim-data\">";
  out += jsonForScript(data);
  out += "</script>\n<script>";
  out += report_assets::kPageScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

std::string readWholeFile(const std::filesystem::path& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool containsIgnoringCase(std::string_view text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

// The counters of every series, or of the tiers only (a run's page: no copy of the POP rows).
ReportTimeSeries copySeries(const TimeSeries& series, bool tiersOnly) {
  ReportTimeSeries out;
  out.intervalSeconds = static_cast<double>(series.interval().count()) / 1e6;
  const std::size_t n = series.intervalCount();
  for (std::size_t i = 0; i < n; ++i) {
    out.startSeconds.push_back(static_cast<double>((series.intervalStart(i) - series.intervalStart(0)).count()) / 1e6);
  }
  for (std::size_t s = 0; s < series.seriesCount(); ++s) {
    if (tiersOnly && !isTierSeries(series.seriesName(s))) continue;
    out.names.push_back(series.seriesName(s));
    std::vector<IntervalCounters> cells;
    cells.reserve(n);
    for (std::size_t i = 0; i < n; ++i) cells.push_back(series.at(i, s));
    out.cells.push_back(std::move(cells));
  }
  return out;
}

}  // namespace

ReportTimeSeries reportTimeSeries(const TimeSeries& series) { return copySeries(series, false); }

std::optional<ReportTimeSeries> parseTimeSeriesCsv(std::string_view csv, std::string& error) {
  constexpr std::string_view kHeader = "time_s,unix_time_s,series,requests,hits,hit_ratio,errors,bytes,miss_bytes,mbps";
  ReportTimeSeries out;
  std::size_t lineNumber = 0;
  std::size_t pos = 0;
  std::size_t columns = 10;  // the header's; the error columns after mbps are not charted
  std::optional<double> currentStart;
  std::size_t seriesIndex = 0;
  while (pos < csv.size()) {
    std::size_t end = csv.find('\n', pos);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view line = csv.substr(pos, end - pos);
    pos = end + 1;
    ++lineNumber;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (lineNumber == 1) {
      // The first ten columns, then possibly the error columns (sim/metrics/time_series.h).
      if (line != kHeader && line.substr(0, kHeader.size() + 1) != std::string(kHeader) + ",") {
        error = fmt::format("line 1: expected the header {}", kHeader);
        return std::nullopt;
      }
      columns = static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1;
      continue;
    }
    if (line.empty()) continue;
    // Fields; the series name may be quoted (RFC 4180).
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          field += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.push_back(std::move(field));
        field.clear();
      } else {
        field += c;
      }
    }
    fields.push_back(std::move(field));
    auto number = [&](std::size_t i, double& v) {
      char* stop = nullptr;
      v = std::strtod(fields[i].c_str(), &stop);
      return !fields[i].empty() && stop == fields[i].c_str() + fields[i].size();
    };
    double start = 0, requests = 0, hits = 0, errors = 0, bytes = 0, missBytes = 0;
    if (fields.size() != columns || !number(0, start) || !number(3, requests) || !number(4, hits) ||
        !number(6, errors) || !number(7, bytes) || !number(8, missBytes)) {
      error = fmt::format("line {}: expected {} fields: {}", lineNumber, columns, kHeader);
      return std::nullopt;
    }
    if (!currentStart || start != *currentStart) {
      if (currentStart && start < *currentStart) {
        error = fmt::format("line {}: time_s goes back ({} after {})", lineNumber, start, *currentStart);
        return std::nullopt;
      }
      if (currentStart && !out.startSeconds.empty() && seriesIndex != out.names.size()) {
        error = fmt::format("line {}: the interval at {} s has {} series, the first had {}", lineNumber,
                            *currentStart, seriesIndex, out.names.size());
        return std::nullopt;
      }
      currentStart = start;
      out.startSeconds.push_back(start);
      seriesIndex = 0;
    }
    const bool first = out.startSeconds.size() == 1;
    if (first) {
      out.names.push_back(fields[2]);
      out.cells.emplace_back();
    } else if (seriesIndex >= out.names.size() || out.names[seriesIndex] != fields[2]) {
      error = fmt::format("line {}: series '{}' where the first interval had '{}'", lineNumber, fields[2],
                          seriesIndex < out.names.size() ? out.names[seriesIndex] : "nothing");
      return std::nullopt;
    }
    out.cells[seriesIndex].push_back(IntervalCounters{static_cast<std::uint64_t>(requests),
                                                      static_cast<std::uint64_t>(hits),
                                                      static_cast<std::uint64_t>(errors),
                                                      static_cast<std::uint64_t>(bytes),
                                                      static_cast<std::uint64_t>(missBytes)});
    ++seriesIndex;
  }
  if (out.startSeconds.empty()) {
    error = lineNumber == 0 ? "empty; expected a timeseries.csv" : "no rows";
    return std::nullopt;
  }
  if (seriesIndex != out.names.size()) {
    error = fmt::format("the last interval has {} series, the first had {}", seriesIndex, out.names.size());
    return std::nullopt;
  }
  out.intervalSeconds = out.startSeconds.size() > 1 ? out.startSeconds[1] - out.startSeconds[0] : 0.0;
  return out;
}

ChartLibrary loadChartLibrary() {
  ChartLibrary lib;
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("CDNSIM_CHART_JS"); env != nullptr && *env != '\0') {
    candidates.push_back(env);
  } else {
    candidates.assign(std::begin(kChartLibraryPaths), std::end(kChartLibraryPaths));
  }
  for (const auto& path : candidates) {
    bool ok = false;
    std::string script = readWholeFile(path, ok);
    if (!ok || script.empty()) continue;
    // Inlined in a <script> element, so the text itself must not end it early.
    if (containsIgnoringCase(script, "</script") || script.find("<!--") != std::string::npos) {
      lib.problem = fmt::format("{} contains </script or <!-- and cannot be inlined", path);
      return lib;
    }
    lib.script = std::move(script);
    lib.path = path;
    return lib;
  }
  lib.problem = candidates.size() == 1
                    ? fmt::format("cannot read Chart.js from {} (CDNSIM_CHART_JS)", candidates[0])
                    : fmt::format("Chart.js is not installed (expected {}; Debian package libjs-chart.js)",
                                  candidates[0]);
  return lib;
}

std::string jsonForScript(const Json& value) {
  const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + 64);
  // '<', '>' and '&' occur in JSON text only inside strings, where \uXXXX means the same.
  for (const char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

std::string htmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string renderRunReport(const RunSummary& summary, const TimeSeries& series, const ChartLibrary& charts) {
  const Json summaryJson = Json::parse(formatSummaryJson(summary));
  Json data;
  data["kind"] = "run";
  data["runs"] = Json::array({Json{{"name", summary.scenario}, {"summary", summaryJson},
                                   {"series", seriesJson(copySeries(series, true))}}});
  data["latency"] = latencyJson(summary);
  const std::string title = fmt::format("cdnsim run: {} on {}", summary.scenario, summary.topology);
  std::string body = fmt::format("<h1>{}</h1>\n<p class=\"meta\">{}</p>\n", htmlEscape(title),
                                 htmlEscape(runHeading(summaryJson)));
  body += figures({{"chart-hit-ratio", "Hit ratio over time, per tier"},
                   {"chart-latency", "Latency distribution (total time), by the layer that answered"},
                   {"chart-errors", "Errors over time"},
                   {"chart-offload", "Origin offload over time (1 - origin / viewer)"},
                   {"chart-pops", "Hit ratio per POP"}},
                  charts);
  body += "<h2>Tiers</h2>\n" + tierTable(summaryJson);
  body += "<h2>Latency</h2>\n" + latencyTable(summaryJson);
  body += "<h2>Per POP</h2>\n" + popTable(summaryJson);
  return page(title, body, data, charts);
}

std::string renderComparisonReport(std::string_view title, const std::vector<NamedSummary>& runs,
                                   const ChartLibrary& charts) {
  if (runs.empty()) throw std::invalid_argument("renderComparisonReport: no runs");
  Json data;
  data["kind"] = "comparison";
  data["runs"] = Json::array();
  bool anySeries = false;
  for (const auto& r : runs) {
    Json run{{"name", r.name}, {"summary", r.summary}, {"series", nullptr}};
    if (r.timeSeries) {
      run["series"] = seriesJson(*r.timeSeries);
      anySeries = true;
    }
    data["runs"].push_back(std::move(run));
  }
  std::string body = fmt::format("<h1>{}</h1>\n<p class=\"meta\">{} runs; changes against the first, {}</p>\n",
                                 htmlEscape(title), runs.size(), htmlEscape(runs[0].name));
  std::vector<Figure> list = {{"chart-ratios", "Hit ratios and origin offload"},
                              {"chart-latency", "Latency percentiles (total time)"},
                              {"chart-origin", "Origin requests and viewer errors"}};
  if (anySeries) {
    list.push_back({"chart-hit-ratio", "Edge hit ratio over time"});
    list.push_back({"chart-offload", "Origin offload over time"});
    list.push_back({"chart-errors", "Viewer errors over time"});
  }
  body += figures(list, charts);
  body += "<h2>Side by side</h2>\n" + comparisonTable(runs);
  body += "<h2>Runs</h2>\n";
  for (const auto& r : runs) {
    body += fmt::format("<details><summary>{}{}</summary>\n<p class=\"meta\">{}</p>\n", htmlEscape(r.name),
                        r.description.empty() ? "" : ": " + htmlEscape(r.description), htmlEscape(runHeading(r.summary)));
    body += tierTable(r.summary) + latencyTable(r.summary) + popTable(r.summary) + "</details>\n";
  }
  return page(title, body, data, charts);
}

io::IoStatus writeComparisonReport(const std::filesystem::path& path, std::string_view title,
                                   const std::vector<NamedSummary>& runs, const ChartLibrary& charts) {
  return io::writeFileAtomically(path, renderComparisonReport(title, runs, charts));
}

}  // namespace cdnsim::sim
