#pragma once
// Test helpers for replays: CloudFront log lines, a three-POP topology, and a run of a replay
// scenario written into a temporary folder (so that its files resolve as a user's would).

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "sim/run/tiered_simulation.h"
#include "tests/sim/trace/trace_test_files.h"

namespace cdnsim::sim::replay::testing {

// A 33-field line at 2026-01-01 00:00:<second> (second may exceed 59: minutes carry).
inline std::string cfLine(int second, const std::string& pop, const std::string& path,
                          const std::string& query = "-", const std::string& ip = "198.51.100.7",
                          const std::string& method = "GET", std::uint64_t bytes = 1000) {
  const std::string clock = fmt::format("{:02}:{:02}:{:02}", second / 3600, (second / 60) % 60, second % 60);
  return fmt::format(
      "2026-01-01\t{}\t{}\t{}\t{}\t{}\td111.cloudfront.net\t{}\t200\t-\tUA\t{}\t-\tHit\trid==\t"
      "d111.cloudfront.net\thttps\t100\t0.001\t-\tTLSv1.3\tC\tHit\tHTTP/2.0\t-\t-\t1000\t0.001\tHit\t"
      "image/jpeg\t{}\t-\t-",
      clock, pop, bytes, ip, method, path, query, bytes);
}

inline std::string cfHeader() {
  return "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) "
         "cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) "
         "x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken "
         "x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version "
         "fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type "
         "sc-content-type sc-content-len sc-range-start sc-range-end\n";
}

inline std::string threePops(const std::string& policy = "CachingOptimized") {
  return "name: t\ndomain: d111.cloudfront.net\nnetwork: {base_latency: 1ms, km_per_ms: 100}\n"
         "regional_edge_caches: []\npops:\n"
         "  - {code: IAD89-C1, location: {lat: 38.94, lon: -77.46}, cache: {capacity: 1GiB}}\n"
         "  - {code: SFO5-C1, location: {lat: 37.62, lon: -122.38}, cache: {capacity: 1GiB}}\n"
         "  - {code: FRA56-P2, location: {lat: 50.03, lon: 8.57}, cache: {capacity: 1GiB}}\n"
         "origins:\n"
         "  - {name: o, type: custom, domain: origin.example.com, location: {lat: 38.94, lon: -77.46}}\n"
         "behaviors:\n  - {path_pattern: \"*\", origin: o, cache_policy: " + policy + "}\n";
}

struct Collector : ExchangeObserver {
  std::vector<ViewerExchange> all;
  std::vector<std::string> paths;
  void onViewerExchange(const ViewerExchange& e) override {
    all.push_back(e);
    paths.push_back(e.request != nullptr ? e.request->path + (e.request->query.empty() ? "" : "?" + e.request->query) : "");
  }
};

// `replay` is the body of the scenario's `replay:` block (indented by four), `clients` its
// `clients:` entries (or empty).
struct ReplayRun {
  core::config::TopologyConfig topology;
  core::config::ScenarioConfig scenario;
  Collector seen;
  std::unique_ptr<TieredSimulation> sim;
  ReplayRun(const trace::testing::TempDir& dir, const std::string& replay, const std::string& clients = "",
            const std::string& policy = "CachingOptimized", const std::string& extra = "")
      : topology(core::config::loadTopologyFromString(threePops(policy), dir.file("t.yaml"))),
        scenario(core::config::loadScenarioFromString(
            "name: r\ntopology: t.yaml\nseed: 3\n" + extra + "replay:\n" + replay +
                (clients.empty() ? "" : "clients:\n" + clients),
            dir.file("s.yaml"))) {
    sim = std::make_unique<TieredSimulation>(scenario, topology);
    sim->run(&seen);
  }
  const RunSummary& summary() const { return sim->summary(); }
  std::uint64_t popRequests(std::size_t pop) const { return summary().pops[pop].counters.requests; }
  // Start times relative to the scenario's start, in seconds.
  std::vector<double> starts() const {
    std::vector<double> out;
    for (const auto& e : seen.all) {
      out.push_back(static_cast<double>((e.start - scenario.start).count()) / 1e6);
    }
    return out;
  }
};

}  // namespace cdnsim::sim::replay::testing
