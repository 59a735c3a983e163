#include "sim/report/report_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "sim/report/html_text.h"
#include "sim/report/summary_paths.h"

namespace cdnsim::sim::report_tables {

namespace {

using Json = nlohmann::ordered_json;

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

}  // namespace

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

}  // namespace cdnsim::sim::report_tables
