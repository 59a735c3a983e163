#include "sim/report/summary_format.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/http/http_date.h"

namespace cdnsim::sim {

namespace {

double ms(core::Duration d) { return static_cast<double>(d.count()) / 1000.0; }

std::string durationText(core::Duration d) {
  const std::int64_t s = core::wholeSeconds(d);
  if (s >= 3600) return fmt::format("{}h{:02}m{:02}s", s / 3600, (s / 60) % 60, s % 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{:.3f}s", ms(d) / 1000.0);
}

std::string tierRow(std::string_view name, const TierCounters& t) {
  return fmt::format("{:<22} {:>10} {:>9.4f} {:>9.4f} {:>10} {:>10} {:>10}\n", name, t.requests,
                     t.hitRatio(), t.byteHitRatio(), t.hits, t.refreshHits, t.misses);
}

// Rounds to 6 decimals so that JSON numbers are short and stable.
double rounded(double v) { return std::round(v * 1e6) / 1e6; }

nlohmann::ordered_json tierJson(const TierCounters& t) {
  nlohmann::ordered_json j;
  j["requests"] = t.requests;
  j["hits"] = t.hits;
  j["refresh_hits"] = t.refreshHits;
  j["misses"] = t.misses;
  j["hit_ratio"] = rounded(t.hitRatio());
  j["bytes"] = t.bytes;
  j["hit_bytes"] = t.hitBytes;
  j["byte_hit_ratio"] = rounded(t.byteHitRatio());
  j["evictions"] = t.evictions;
  return j;
}

}  // namespace

std::string formatSummaryTable(const RunSummary& s) {
  std::string out;
  out += fmt::format("scenario {} on topology {} (seed {})\n", s.scenario, s.topology, s.seed);
  out += fmt::format("{} viewer requests, {} bytes, over {} of virtual time from {}\n\n",
                     s.viewerRequests, s.viewerBytes, durationText(s.end - s.start),
                     core::http::formatHttpDate(s.start));
  out += fmt::format("{:<22} {:>10} {:>9} {:>9} {:>10} {:>10} {:>10}\n", "tier", "requests",
                     "hit", "byte hit", "hits", "refresh", "misses");
  out += tierRow(fmt::format("edge ({} POPs)", s.pops.size()), s.edge);
  out += tierRow("regional edge caches", s.regional);
  out += fmt::format("{:<22} {:>10}   offload {:.4f} of requests, {:.4f} of bytes ({} not modified)\n",
                     "origin", s.originRequests, s.originOffload(), s.originByteOffload(),
                     s.originNotModified);
  out += "\n";
  if (s.latency.count() > 0) {
    out += fmt::format("latency ms   p50 {:.3f}   p90 {:.3f}   p99 {:.3f}   mean {:.3f}   max {:.3f}\n",
                       ms(*s.latency.percentile(50)), ms(*s.latency.percentile(90)),
                       ms(*s.latency.percentile(99)), ms(*s.latency.mean()), ms(*s.latency.max()));
  }
  out += "\nper POP\n";
  for (const auto& p : s.pops) out += tierRow(p.code, p.counters);
  return out;
}

std::string formatSummaryJson(const RunSummary& s) {
  nlohmann::ordered_json j;
  j["scenario"] = s.scenario;
  j["topology"] = s.topology;
  j["seed"] = s.seed;
  j["start"] = core::http::formatHttpDate(s.start);
  j["duration_s"] = rounded(ms(s.end - s.start) / 1000.0);
  j["viewer"] = {{"requests", s.viewerRequests}, {"bytes", s.viewerBytes}};
  j["edge"] = tierJson(s.edge);
  j["regional"] = tierJson(s.regional);
  j["origin"] = {{"requests", s.originRequests},
                 {"not_modified", s.originNotModified},
                 {"bytes", s.originBytes},
                 {"offload", rounded(s.originOffload())},
                 {"byte_offload", rounded(s.originByteOffload())}};
  nlohmann::ordered_json latency;
  latency["count"] = s.latency.count();
  if (s.latency.count() > 0) {
    latency["p50_ms"] = ms(*s.latency.percentile(50));
    latency["p90_ms"] = ms(*s.latency.percentile(90));
    latency["p99_ms"] = ms(*s.latency.percentile(99));
    latency["mean_ms"] = ms(*s.latency.mean());
    latency["max_ms"] = ms(*s.latency.max());
  }
  j["latency"] = latency;
  nlohmann::ordered_json pops = nlohmann::ordered_json::array();
  for (const auto& p : s.pops) {
    auto pj = tierJson(p.counters);
    pj["code"] = p.code;
    pops.push_back(pj);
  }
  j["pops"] = pops;
  return j.dump(2) + "\n";
}

}  // namespace cdnsim::sim
