#include "sim/sweep/summary_metrics.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace cdnsim::sim {

namespace {

// A number at `path` ("edge", "hit_ratio"); nullopt when `optional` and the object lacks it.
std::optional<double> number(const nlohmann::ordered_json& summary,
                             std::initializer_list<const char*> path, bool optional = false) {
  const nlohmann::ordered_json* node = &summary;
  std::string where;
  for (const char* key : path) {
    if (!where.empty()) where += '.';
    where += key;
    if (!node->is_object() || !node->contains(key)) {
      if (optional) return std::nullopt;
      throw std::invalid_argument("no '" + where + "' in the summary");
    }
    node = &(*node)[key];
  }
  if (!node->is_number())
    throw std::invalid_argument("'" + where + "' in the summary is not a number");
  return node->get<double>();
}

}  // namespace

const std::vector<MetricDefinition>& summaryMetrics() {
  static const std::vector<MetricDefinition> metrics = {
      {"viewer.hit_ratio", "viewer hit ratio", "viewer hit", MetricKind::Ratio},
      {"edge.hit_ratio", "edge hit ratio", "edge hit", MetricKind::Ratio},
      {"edge.byte_hit_ratio", "edge byte hit ratio", "edge bhit", MetricKind::Ratio},
      {"regional.hit_ratio", "regional hit ratio", "rec hit", MetricKind::Ratio},
      {"regional.byte_hit_ratio", "regional byte hit ratio", "rec bhit", MetricKind::Ratio},
      {"shield.hit_ratio", "shield hit ratio", "shield hit", MetricKind::Ratio},
      {"shield.byte_hit_ratio", "shield byte hit ratio", "shield bhit", MetricKind::Ratio},
      {"origin.offload", "origin offload", "offload", MetricKind::Ratio},
      {"origin.byte_offload", "origin byte offload", "byte offload", MetricKind::Ratio},
      {"origin.requests", "origin requests", "origin req", MetricKind::Count},
      {"origin.bytes", "origin bytes", "origin bytes", MetricKind::Bytes},
      {"latency.p50_ms", "latency p50 ms", "p50 ms", MetricKind::Milliseconds},
      {"latency.p99_ms", "latency p99 ms", "p99 ms", MetricKind::Milliseconds},
      {"viewer.errors", "errors", "errors", MetricKind::Count},
  };
  return metrics;
}

std::vector<std::optional<double>> readSummaryMetrics(const nlohmann::ordered_json& s) {
  const double requests = *number(s, {"viewer", "requests"});
  const double hits = *number(s, {"viewer", "hits"}) + *number(s, {"viewer", "refresh_hits"});
  // Rounded like every ratio of summary.json (6 decimals), so all ratios read alike.
  const double viewerHitRatio = requests == 0 ? 0.0 : std::round(hits / requests * 1e6) / 1e6;
  return {
      viewerHitRatio,
      number(s, {"edge", "hit_ratio"}),
      number(s, {"edge", "byte_hit_ratio"}),
      number(s, {"regional", "hit_ratio"}),
      number(s, {"regional", "byte_hit_ratio"}),
      number(s, {"shield", "hit_ratio"}, true),
      number(s, {"shield", "byte_hit_ratio"}, true),
      number(s, {"origin", "offload"}),
      number(s, {"origin", "byte_offload"}),
      number(s, {"origin", "requests"}),
      number(s, {"origin", "bytes"}),
      number(s, {"latency", "total", "p50_ms"}, true),
      number(s, {"latency", "total", "p99_ms"}, true),
      number(s, {"viewer", "errors"}),
  };
}

std::string formatMetric(MetricKind kind, std::optional<double> value) {
  if (!value) return "-";
  switch (kind) {
    case MetricKind::Ratio:
      return fmt::format("{:.4f}", *value);
    case MetricKind::Count:
    case MetricKind::Bytes:
      return fmt::format("{:.0f}", *value);
    case MetricKind::Milliseconds:
      return fmt::format("{:.3f}", *value);
  }
  return "-";
}

nlohmann::ordered_json metricJson(MetricKind kind, std::optional<double> value) {
  if (!value) return nullptr;
  if (kind == MetricKind::Count || kind == MetricKind::Bytes) {
    return static_cast<std::uint64_t>(std::llround(*value));
  }
  return *value;
}

std::string formatChange(MetricKind kind, std::optional<double> base, std::optional<double> value) {
  if (!base || !value) return "";
  if (*base == *value) return "=";
  const double difference = *value - *base;
  switch (kind) {
    case MetricKind::Ratio:
      return fmt::format("{:+.4f}", difference);
    case MetricKind::Count:
    case MetricKind::Bytes:
    case MetricKind::Milliseconds:
      if (*base == 0) {
        return kind == MetricKind::Milliseconds ? fmt::format("{:+.3f}", difference)
                                                : fmt::format("{:+.0f}", difference);
      }
      return fmt::format("{:+.1f}%", 100 * difference / *base);
  }
  return "";
}

}  // namespace cdnsim::sim
