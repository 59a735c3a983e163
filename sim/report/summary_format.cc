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

// ---- table ----

// Wide enough for "origin shield (NN RECs)".
constexpr int kNameWidth = 24;

std::string tierHeader(std::string_view first) {
  return fmt::format("{:<{}} {:>10} {:>9} {:>9} {:>10} {:>10} {:>10} {:>8} {:>10}", first, kNameWidth,
                     "requests", "hit", "byte hit", "hits", "refresh", "misses", "errors", "collapsed");
}

std::string tierColumns(std::string_view name, const TierCounters& t) {
  return fmt::format("{:<{}} {:>10} {:>9.4f} {:>9.4f} {:>10} {:>10} {:>10} {:>8} {:>10}", name,
                     kNameWidth, t.requests, t.hitRatio(), t.byteHitRatio(), t.hits, t.refreshHits,
                     t.misses, t.errors, t.collapsed);
}

// A percentile in ms with 3 decimals, or "-" for an empty histogram.
std::string percentileMs(const LatencyHistogram& h, double p) {
  const auto v = h.percentile(p);
  return v ? fmt::format("{:.3f}", ms(*v)) : std::string("-");
}

std::string latencyRow(std::string_view name, const LatencyHistogram& h) {
  return fmt::format("{:<{}} {:>10} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f} {:>10.3f}\n", name,
                     kNameWidth, h.count(), ms(*h.percentile(50)), ms(*h.percentile(90)),
                     ms(*h.percentile(99)), ms(*h.percentile(99.9)), ms(*h.max()));
}

// One small table: "all" then each answering layer, skipping rows with no requests.
template <typename Pick>
std::string latencyTable(std::string_view title, const RunSummary& s, Pick pick) {
  std::string out = fmt::format("{:<{}} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n", title, kNameWidth,
                                "count", "p50", "p90", "p99", "p99.9", "max");
  if (pick(s.latency).count() > 0) out += latencyRow("all", pick(s.latency));
  for (std::size_t i = 0; i < kAnsweringLayerCount; ++i) {
    const LatencyHistogram& h = pick(s.byLayer[i]);
    if (h.count() > 0) out += latencyRow(toString(static_cast<AnsweringLayer>(i)), h);
  }
  return out;
}

// "504:38 502:3" and "OriginConnectError:38": the non-zero columns of a tally, in column order.
std::string statusText(const ErrorTally& t) {
  std::string out;
  for (std::size_t c = 0; c < kStatusColumns; ++c) {
    if (t.byStatus[c] == 0) continue;
    if (!out.empty()) out += ' ';
    out += fmt::format("{}:{}", ErrorTally::statusName(c), t.byStatus[c]);
  }
  return out.empty() ? "-" : out;
}
std::string typeText(const ErrorTally& t) {
  std::string out;
  for (std::size_t c = 0; c < kTypeColumns; ++c) {
    if (t.byType[c] == 0) continue;
    if (!out.empty()) out += ' ';
    out += fmt::format("{}:{}", ErrorTally::typeName(c), t.byType[c]);
  }
  return out.empty() ? "-" : out;
}

std::string errorRow(std::string_view name, const ErrorTally& t, std::uint64_t staleOnError) {
  return fmt::format("{:<{}} {:>10} {:>14}  {:<32} {}\n", name, kNameWidth, t.total(), staleOnError,
                     statusText(t), typeText(t));
}

bool anyErrors(const RunSummary& s) {
  return s.viewerErrors > 0 || s.viewerStaleOnError > 0 || s.hasOriginFaults();
}

// ---- JSON ----

nlohmann::ordered_json tallyJson(const ErrorTally& t) {
  nlohmann::ordered_json status = nlohmann::ordered_json::object();
  for (std::size_t c = 0; c < kStatusColumns; ++c) {
    if (t.byStatus[c] > 0) status[std::string(ErrorTally::statusName(c))] = t.byStatus[c];
  }
  nlohmann::ordered_json type = nlohmann::ordered_json::object();
  for (std::size_t c = 0; c < kTypeColumns; ++c) {
    if (t.byType[c] > 0) type[std::string(ErrorTally::typeName(c))] = t.byType[c];
  }
  return {{"by_status", status}, {"by_result_type", type}};
}

// Rounds to 6 decimals so that JSON numbers are short and stable.
double rounded(double v) { return std::round(v * 1e6) / 1e6; }

nlohmann::ordered_json tierJson(const TierCounters& t) {
  nlohmann::ordered_json j;
  j["requests"] = t.requests;
  j["hits"] = t.hits;
  j["refresh_hits"] = t.refreshHits;
  j["misses"] = t.misses;
  j["errors"] = t.errors;
  j["collapsed"] = t.collapsed;
  j["stale_served"] = t.staleServed;
  j["hit_ratio"] = rounded(t.hitRatio());
  j["bytes"] = t.bytes;
  j["hit_bytes"] = t.hitBytes;
  j["byte_hit_ratio"] = rounded(t.byteHitRatio());
  j["evictions"] = t.evictions;
  j["background_refreshes"] = t.backgroundRefreshes;
  j["sent_upstream"] = t.sentUpstream;
  j["sent_to_origin"] = t.sentToOrigin;
  // Present only when the tier saw errors or served stale on error, so that error-free runs'
  // summaries stay as they were.
  if (t.errors > 0 || t.staleOnError > 0) {
    j["stale_on_error"] = t.staleOnError;
    j["cached_errors"] = t.cachedErrors;
    j["errors_by"] = tallyJson(t.errorTally);
  }
  return j;
}

// {"count": n} alone when nothing was recorded, so readers never see a made-up percentile.
nlohmann::ordered_json histogramJson(const LatencyHistogram& h) {
  nlohmann::ordered_json j;
  j["count"] = h.count();
  if (h.count() > 0) {
    j["p50_ms"] = ms(*h.percentile(50));
    j["p90_ms"] = ms(*h.percentile(90));
    j["p99_ms"] = ms(*h.percentile(99));
    j["p999_ms"] = ms(*h.percentile(99.9));
    j["max_ms"] = ms(*h.max());
    j["mean_ms"] = ms(*h.mean());
  }
  return j;
}

nlohmann::ordered_json latencyPairJson(const LatencyPair& l) {
  nlohmann::ordered_json j;
  j["total"] = histogramJson(l.total);
  j["first_byte"] = histogramJson(l.firstByte);
  return j;
}

}  // namespace

std::string formatSummaryTable(const RunSummary& s) {
  std::string out;
  out += fmt::format("scenario {} on topology {} (seed {})\n", s.scenario, s.topology, s.seed);
  out += fmt::format("{} viewer requests, {} bytes, over {} of virtual time from {}\n",
                     s.viewerRequests, s.viewerBytes, durationText(s.end - s.start),
                     core::http::formatHttpDate(s.start));
  out += fmt::format("viewers saw Hit {} ({:.4f}), RefreshHit {}, Miss {}, Error {}\n\n", s.viewerHits,
                     s.viewerRequests == 0 ? 0.0
                                           : static_cast<double>(s.viewerHits + s.viewerRefreshHits) /
                                                 static_cast<double>(s.viewerRequests),
                     s.viewerRefreshHits, s.viewerMisses, s.viewerErrors);
  out += tierHeader("tier") + "\n";
  out += tierColumns(fmt::format("edge ({} POPs)", s.pops.size()), s.edge) + "\n";
  out += tierColumns(fmt::format("regional edge caches ({})", s.regionalNodes), s.regional) + "\n";
  if (s.shieldNodes > 0) {
    out += tierColumns(fmt::format("origin shield ({} RECs)", s.shieldNodes), s.shield) + "\n";
  }
  out += fmt::format("{:<{}} {:>10}   offload {:.4f} of requests, {:.4f} of bytes ({} not modified)\n",
                     "origin", kNameWidth, s.originRequests, s.originOffload(), s.originByteOffload(),
                     s.originNotModified);
  // Only runs with scheduled events show them, so other runs' tables stay as they were.
  if (s.eventsApplied > 0) {
    out += fmt::format("{:<{}} {:>10}   invalidated copies {}, requests rerouted by a POP outage {}, "
                       "past a down REC {}\n",
                       "scheduled events", kNameWidth, s.eventsApplied, s.invalidatedObjects,
                       s.reroutedRequests, s.recDownRequests);
  }
  if (s.replay) {
    const ReplayTally& r = *s.replay;
    out += fmt::format("{:<{}} {:>10}   lines read {}, bad lines skipped {}, at unknown edge locations {}, "
                       "late {}, other methods as POST {}, objects {}\n",
                       "replay", kNameWidth, r.replayed, r.lines, r.badLines, r.unknownEdgeLocations,
                       r.late, r.otherMethods, r.objects);
    for (const auto& bad : r.firstBadLines) out += fmt::format("  bad line {}\n", bad);
  }
  if (s.latency.total.count() > 0 || s.latency.firstByte.count() > 0) {
    out += "\n";
    out += latencyTable("total time, ms", s, [](const LatencyPair& l) -> const LatencyHistogram& { return l.total; });
    out += "\n";
    out += latencyTable("time to first byte, ms", s,
                        [](const LatencyPair& l) -> const LatencyHistogram& { return l.firstByte; });
  }
  if (anyErrors(s)) {
    // Errors answered by each tier (what it sent downstream), and expired copies it served because
    // the layer above failed.
    out += "\n";
    out += fmt::format("{:<{}} {:>10} {:>14}  {:<32} {}\n", "errors", kNameWidth, "total",
                       "stale on error", "by status", "by result type");
    out += errorRow("viewers", s.viewerErrorTally, s.viewerStaleOnError);
    out += errorRow(fmt::format("edge ({} POPs)", s.pops.size()), s.edge.errorTally,
                    s.edge.staleOnError);
    out += errorRow(fmt::format("regional edge caches ({})", s.regionalNodes), s.regional.errorTally,
                    s.regional.staleOnError);
    if (s.shieldNodes > 0) {
      out += errorRow(fmt::format("origin shield ({} RECs)", s.shieldNodes), s.shield.errorTally,
                      s.shield.staleOnError);
    }
    for (const auto& p : s.pops) {
      if (p.counters.errors > 0 || p.counters.staleOnError > 0) {
        out += errorRow(p.code, p.counters.errorTally, p.counters.staleOnError);
      }
    }
    out += fmt::format("{:<{}} {:>10}   attempts; error answers {}, refused {}, DNS failures {}, "
                       "connection timeouts {}, read timeouts {}, overloaded {}, failovers {}; "
                       "custom error pages {}\n",
                       "origin faults", kNameWidth, s.originAttempts, s.originErrors,
                       s.originRefused, s.originDnsFailures, s.originConnectTimeouts,
                       s.originReadTimeouts, s.originOverloaded, s.failovers,
                       s.viewerCustomErrorPages);
  }
  out += "\n";
  out += tierHeader("per POP");
  out += fmt::format(" {:>10} {:>10}\n", "p50 ms", "p99 ms");
  for (const auto& p : s.pops) {
    out += tierColumns(p.code, p.counters) +
           fmt::format(" {:>10} {:>10}\n", percentileMs(p.latency.total, 50), percentileMs(p.latency.total, 99));
  }
  return out;
}

std::string formatSummaryJson(const RunSummary& s) {
  nlohmann::ordered_json j;
  j["scenario"] = s.scenario;
  j["topology"] = s.topology;
  j["seed"] = s.seed;
  j["start"] = core::http::formatHttpDate(s.start);
  j["duration_s"] = rounded(ms(s.end - s.start) / 1000.0);
  j["viewer"] = {{"requests", s.viewerRequests}, {"bytes", s.viewerBytes},
                 {"hits", s.viewerHits},         {"refresh_hits", s.viewerRefreshHits},
                 {"misses", s.viewerMisses},     {"errors", s.viewerErrors}};
  if (anyErrors(s)) {
    j["viewer"]["stale_on_error"] = s.viewerStaleOnError;
    j["viewer"]["custom_error_pages"] = s.viewerCustomErrorPages;
    j["viewer"]["errors_by"] = tallyJson(s.viewerErrorTally);
  }
  j["edge"] = tierJson(s.edge);
  j["regional"] = tierJson(s.regional);
  // Absent, not zero, without a shield tier: a reader can tell "no shield" from "shield unused".
  if (s.shieldNodes > 0) j["shield"] = tierJson(s.shield);
  j["origin"] = {{"requests", s.originRequests},
                 {"not_modified", s.originNotModified},
                 {"bytes", s.originBytes},
                 {"offload", rounded(s.originOffload())},
                 {"byte_offload", rounded(s.originByteOffload())}};
  if (anyErrors(s)) {
    j["origin"]["faults"] = {{"attempts", s.originAttempts},
                             {"error_answers", s.originErrors},
                             {"refused", s.originRefused},
                             {"dns_failures", s.originDnsFailures},
                             {"connect_timeouts", s.originConnectTimeouts},
                             {"read_timeouts", s.originReadTimeouts},
                             {"overloaded", s.originOverloaded},
                             {"failovers", s.failovers}};
  }
  if (s.eventsApplied > 0) {  // absent in runs without scheduled events
    j["events"] = {{"applied", s.eventsApplied},
                   {"invalidated_objects", s.invalidatedObjects},
                   {"rerouted_requests", s.reroutedRequests},
                   {"rec_down_requests", s.recDownRequests}};
  }
  if (s.replay) {  // absent in runs of a synthetic workload
    const ReplayTally& r = *s.replay;
    j["replay"] = {{"lines", r.lines},
                   {"replayed", r.replayed},
                   {"bad_lines", r.badLines},
                   {"first_bad_lines", r.firstBadLines},
                   {"unknown_edge_locations", r.unknownEdgeLocations},
                   {"unknown_codes", r.unknownCodes},
                   {"late", r.late},
                   {"other_methods", r.otherMethods},
                   {"objects", r.objects}};
  }
  nlohmann::ordered_json latency = latencyPairJson(s.latency);
  nlohmann::ordered_json byLayer = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < kAnsweringLayerCount; ++i) {
    if (s.byLayer[i].total.count() > 0) {
      byLayer[std::string(toString(static_cast<AnsweringLayer>(i)))] = latencyPairJson(s.byLayer[i]);
    }
  }
  latency["by_layer"] = byLayer;
  j["latency"] = latency;
  nlohmann::ordered_json pops = nlohmann::ordered_json::array();
  for (const auto& p : s.pops) {
    auto pj = tierJson(p.counters);
    pj["code"] = p.code;
    pj["latency"] = latencyPairJson(p.latency);
    pops.push_back(pj);
  }
  j["pops"] = pops;
  return j.dump(2) + "\n";
}

}  // namespace cdnsim::sim
