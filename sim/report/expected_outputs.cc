#include "sim/report/expected_outputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/config/did_you_mean.h"
#include "sim/report/summary_paths.h"

namespace cdnsim::sim {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kTopLevelKeys[] = {"format", "run_options", "comment", "summary", "metrics",
                                         "trace_sha256"};

std::string valueText(const Json* value) {
  if (value == nullptr) return "(absent)";
  if (value->is_string()) return value->get<std::string>();
  return value->dump();
}

std::string numberText(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:+.0f}", v);
  return fmt::format("{:+.6g}", v);
}

// "+0.0082 (+1.77%)", "changed", "added", "removed".
std::string changeText(const Json* expected, const Json* actual) {
  if (expected == nullptr) return "added";
  if (actual == nullptr) return "removed";
  if (expected->is_number() && actual->is_number()) {
    const double e = expected->get<double>();
    const double a = actual->get<double>();
    std::string text = numberText(a - e);
    if (e != 0) text += fmt::format(" ({:+.3g}%)", (a - e) / std::fabs(e) * 100.0);
    return text;
  }
  return "changed";
}

std::string allowedText(const MetricExpectation& m) {
  std::string text;
  if (m.absolute) text = fmt::format("±{:g}", *m.absolute);
  if (m.relative) text += fmt::format("{}±{:g}%", text.empty() ? "" : " or ", *m.relative * 100.0);
  return text;
}

bool withinTolerance(const MetricExpectation& m, const Json& actual) {
  if (actual == m.value) return true;
  if (!m.value.is_number() || !actual.is_number()) return false;
  const double e = m.value.get<double>();
  const double diff = std::fabs(actual.get<double>() - e);
  return (m.absolute && diff <= *m.absolute) || (m.relative && diff <= *m.relative * std::fabs(e));
}

bool isLeaf(const Json& v) { return v.is_number() || v.is_string() || v.is_boolean() || v.is_null(); }

bool isHexDigest(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::optional<double> tolerance(const Json& entry, const char* key, const std::string& where,
                                std::string& error) {
  const auto found = entry.find(key);
  if (found == entry.end()) return std::nullopt;
  if (!found->is_number() || found->get<double>() < 0 || !std::isfinite(found->get<double>())) {
    error = fmt::format("metrics.{}: \"{}\" must be a number >= 0, got {}", where, key, found->dump());
    return std::nullopt;
  }
  return found->get<double>();
}

}  // namespace

std::optional<ExpectedOutputs> parseExpectedOutputs(std::string_view text, std::string& error) {
  ExpectedOutputs out;
  try {
    out.document = Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    error = fmt::format("not JSON: {}", e.what());
    return std::nullopt;
  }
  const Json& doc = out.document;
  if (!doc.is_object()) {
    error = "expected a JSON object with \"summary\", \"metrics\" or \"trace_sha256\"";
    return std::nullopt;
  }
  std::vector<std::string_view> known(std::begin(kTopLevelKeys), std::end(kTopLevelKeys));
  for (const auto& [key, value] : doc.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const auto close = core::config::closestName(key, known);
    error = fmt::format("unknown key \"{}\"{}; expected format, run_options, comment, summary, metrics or trace_sha256",
                        key, close ? fmt::format(" (did you mean \"{}\"?)", *close) : "");
    return std::nullopt;
  }
  if (auto f = doc.find("format"); f != doc.end() && *f != std::string(kExpectedFormat)) {
    error = fmt::format("\"format\" is {}; this cdnsim reads \"{}\"", f->dump(), kExpectedFormat);
    return std::nullopt;
  }
  if (auto o = doc.find("run_options"); o != doc.end()) {
    const bool strings = o->is_array() && std::all_of(o->begin(), o->end(), [](const Json& v) { return v.is_string(); });
    if (!strings) {
      error = "\"run_options\" must be an array of strings, such as [\"--requests\", \"20000\"]";
      return std::nullopt;
    }
  }
  if (auto s = doc.find("summary"); s != doc.end()) {
    if (!s->is_object()) {
      error = "\"summary\" must be an object: a whole summary.json";
      return std::nullopt;
    }
    out.summary = *s;
  }
  if (auto m = doc.find("metrics"); m != doc.end()) {
    if (!m->is_object()) {
      error = "\"metrics\" must be an object: {\"edge.hit_ratio\": {\"value\": 0.46, \"abs\": 0.01}, ...}";
      return std::nullopt;
    }
    for (const auto& [path, entry] : m->items()) {
      MetricExpectation metric;
      metric.path = path;
      if (isLeaf(entry)) {
        metric.value = entry;
      } else if (entry.is_object()) {
        for (const auto& [key, value] : entry.items()) {
          if (key != "value" && key != "abs" && key != "rel") {
            error = fmt::format("metrics.{}: unknown key \"{}\"; expected value, abs or rel", path, key);
            return std::nullopt;
          }
        }
        const auto value = entry.find("value");
        if (value == entry.end() || !isLeaf(*value)) {
          error = fmt::format("metrics.{}: expected {{\"value\": ..., \"abs\" or \"rel\": ...}}", path);
          return std::nullopt;
        }
        metric.value = *value;
        metric.absolute = tolerance(entry, "abs", path, error);
        metric.relative = tolerance(entry, "rel", path, error);
        if (!error.empty()) return std::nullopt;
        if ((metric.absolute || metric.relative) && !metric.value.is_number()) {
          error = fmt::format("metrics.{}: a tolerance needs a number as \"value\", got {}", path, metric.value.dump());
          return std::nullopt;
        }
      } else {
        error = fmt::format("metrics.{}: expected a value or {{\"value\": ..., \"abs\" or \"rel\": ...}}", path);
        return std::nullopt;
      }
      out.metrics.push_back(std::move(metric));
    }
  }
  if (auto t = doc.find("trace_sha256"); t != doc.end()) {
    if (!t->is_string() || !isHexDigest(t->get<std::string>())) {
      error = fmt::format("\"trace_sha256\" must be 64 lowercase hex digits, got {}", t->dump());
      return std::nullopt;
    }
    out.traceSha256 = t->get<std::string>();
  }
  if (!out.summary && out.metrics.empty() && !out.traceSha256) {
    error = "pins nothing: expected \"summary\", \"metrics\" or \"trace_sha256\"";
    return std::nullopt;
  }
  return out;
}

std::vector<std::string> unknownMetrics(const ExpectedOutputs& expected, const Json& summary) {
  std::vector<std::string> problems;
  std::vector<std::string> paths;
  for (const auto& [path, value] : flattenSummary(summary)) paths.push_back(path);
  std::vector<std::string_view> candidates(paths.begin(), paths.end());
  for (const auto& m : expected.metrics) {
    const Json* value = findSummaryValue(summary, m.path);
    if (value != nullptr && isLeaf(*value)) continue;
    const auto close = core::config::closestName(m.path, candidates);
    problems.push_back(fmt::format("metrics: \"{}\" is not a value of the summary{}", m.path,
                                   close ? fmt::format(" (did you mean \"{}\"?)", *close)
                                         : "; paths look like edge.hit_ratio, pops[IAD89-C1].hit_ratio, "
                                           "latency.total.p99_ms"));
  }
  return problems;
}

std::vector<Difference> compareOutputs(const ExpectedOutputs& expected, const ActualOutputs& actual,
                                       bool ignoreTolerances) {
  std::vector<Difference> out;
  if (expected.traceSha256 && actual.traceSha256 != expected.traceSha256) {
    // The first 16 digits tell two digests apart and keep the table narrow.
    auto shortDigest = [](const std::string& d) { return d.substr(0, 16) + "..."; };
    out.push_back({"trace.jsonl sha256", shortDigest(*expected.traceSha256),
                   actual.traceSha256 ? shortDigest(*actual.traceSha256) : "(no trace)", "changed", ""});
  }
  for (const auto& m : expected.metrics) {
    const Json* a = findSummaryValue(*actual.summary, m.path);
    if (a != nullptr && (ignoreTolerances ? *a == m.value : withinTolerance(m, *a))) continue;
    out.push_back({m.path, valueText(&m.value), valueText(a), changeText(&m.value, a), allowedText(m)});
  }
  if (expected.summary) {
    const auto want = flattenSummary(*expected.summary);
    const auto got = flattenSummary(*actual.summary);
    std::map<std::string, const Json*> gotByPath;
    for (const auto& [path, value] : got) gotByPath[path] = &value;
    std::map<std::string, const Json*> wantByPath;
    for (const auto& [path, value] : want) wantByPath[path] = &value;
    for (const auto& [path, value] : want) {
      const auto found = gotByPath.find(path);
      const Json* a = found == gotByPath.end() ? nullptr : found->second;
      if (a != nullptr && *a == value) continue;
      out.push_back({path, valueText(&value), valueText(a), changeText(&value, a), ""});
    }
    for (const auto& [path, value] : got) {
      if (wantByPath.count(path) == 0) out.push_back({path, valueText(nullptr), valueText(&value), "added", ""});
    }
  }
  return out;
}

std::string formatDifferences(const std::vector<Difference>& differences, std::size_t maxRows) {
  const std::size_t shown = std::min(differences.size(), maxRows);
  const bool anyAllowed = std::any_of(differences.begin(), differences.begin() + static_cast<std::ptrdiff_t>(shown),
                                      [](const Difference& d) { return !d.allowed.empty(); });
  std::size_t w[4] = {6, 8, 6, 6};  // "metric", "expected", "actual", "change"
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& d = differences[i];
    w[0] = std::max(w[0], d.metric.size());
    w[1] = std::max(w[1], d.expected.size());
    w[2] = std::max(w[2], d.actual.size());
    w[3] = std::max(w[3], d.change.size());
  }
  auto row = [&](std::string_view a, std::string_view b, std::string_view c, std::string_view d,
                 std::string_view e) {
    std::string line = fmt::format("  {:<{}}  {:>{}}  {:>{}}  {:<{}}", a, w[0], b, w[1], c, w[2], d, w[3]);
    if (anyAllowed) line += fmt::format("  {}", e);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out = row("metric", "expected", "actual", "change", "allowed");
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& d = differences[i];
    out += row(d.metric, d.expected, d.actual, d.change, d.allowed);
  }
  if (differences.size() > shown) out += fmt::format("  ... and {} more\n", differences.size() - shown);
  return out;
}

std::string blessedExpectedOutputs(const ExpectedOutputs* existing, const ActualOutputs& actual) {
  Json doc;
  if (existing == nullptr) {
    doc["format"] = kExpectedFormat;
    doc["summary"] = *actual.summary;
    if (actual.traceSha256) doc["trace_sha256"] = *actual.traceSha256;
  } else {
    doc = existing->document;
    if (existing->summary) doc["summary"] = *actual.summary;
    for (const auto& m : existing->metrics) {
      Json& entry = doc["metrics"][m.path];
      const Json& value = *findSummaryValue(*actual.summary, m.path);
      if (entry.is_object()) {
        entry["value"] = value;
      } else {
        entry = value;
      }
    }
    if (existing->traceSha256) doc["trace_sha256"] = *actual.traceSha256;
  }
  return doc.dump(2) + "\n";
}

}  // namespace cdnsim::sim
