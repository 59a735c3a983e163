#pragma once
// A small RunSummary whose accounting identities all hold, for the run summary and format tests:
// 2 POPs, regional edge caches and an origin shield, 10 viewer requests.

#include <cstdint>

#include "core/time.h"
#include "sim/report/run_summary.h"

namespace cdnsim::sim::testing {

inline LatencyPair& layer(RunSummary& s, AnsweringLayer l) { return s.byLayer[static_cast<std::size_t>(l)]; }

// One viewer request answered by `answeredBy` through POP `pop`, `micros` in total.
inline void recordViewer(RunSummary& s, PopSummary& pop, AnsweringLayer answeredBy, std::int64_t micros) {
  const core::Duration total{micros};
  const core::Duration firstByte{micros / 2};
  s.latency.record(total, firstByte);
  layer(s, answeredBy).record(total, firstByte);
  pop.latency.record(total, firstByte);
}

inline RunSummary consistentSummary() {
  RunSummary s;
  s.scenario = "tiny";
  s.topology = "two-pops";
  s.seed = 7;
  s.start = core::fromUnixSeconds(1'767'225'600);  // Thu, 01 Jan 2026 00:00:00 GMT
  s.end = s.start + core::seconds(90);
  s.viewerRequests = 10;
  s.viewerBytes = 10'000;
  // answered by edge 5, regional 2, shield 1 (hits for the viewer), origin 2 (misses); one of the
  // edge's is a refresh.
  s.viewerHits = 7;
  s.viewerRefreshHits = 1;
  s.viewerMisses = 2;
  s.regionalNodes = 3;
  s.shieldNodes = 1;

  PopSummary a{.code = "IAD89-C1", .counters = {}, .latency = {}};
  a.counters = {.requests = 6, .hits = 3, .refreshHits = 1, .misses = 2, .errors = 0, .collapsed = 1,
                .staleServed = 1, .backgroundRefreshes = 1, .sentUpstream = 4, .sentToOrigin = 0,
                .bytes = 6'000, .hitBytes = 4'000, .evictions = 2};
  PopSummary b{.code = "FRA56-C2", .counters = {}, .latency = {}};
  b.counters = {.requests = 4, .hits = 1, .refreshHits = 0, .misses = 3, .errors = 0, .collapsed = 0,
                .staleServed = 0, .backgroundRefreshes = 0, .sentUpstream = 3, .sentToOrigin = 1,
                .bytes = 4'000, .hitBytes = 1'000, .evictions = 0};
  s.edge = {.requests = 10, .hits = 4, .refreshHits = 1, .misses = 5, .errors = 0, .collapsed = 1,
            .staleServed = 1, .backgroundRefreshes = 1, .sentUpstream = 7, .sentToOrigin = 1,
            .bytes = 10'000, .hitBytes = 5'000, .evictions = 2};
  // 7 sent up by the edge, 1 of them straight to the origin: 6 reach the regional caches.
  s.regional = {.requests = 6, .hits = 2, .refreshHits = 0, .misses = 4, .errors = 0, .collapsed = 1,
                .staleServed = 0, .backgroundRefreshes = 0, .sentUpstream = 4, .sentToOrigin = 2,
                .bytes = 4'000, .hitBytes = 1'500, .evictions = 0};
  s.shield = {.requests = 2, .hits = 1, .refreshHits = 0, .misses = 1, .errors = 0, .collapsed = 0,
              .staleServed = 0, .backgroundRefreshes = 0, .sentUpstream = 1, .sentToOrigin = 1,
              .bytes = 1'500, .hitBytes = 700, .evictions = 0};
  s.originRequests = 4;  // edge 1 + regional 2 + shield 1
  s.originNotModified = 1;
  s.originBytes = 2'000;

  // 6 viewers at POP A, 4 at POP B; answered by edge 5, regional 2, shield 1, origin 2.
  recordViewer(s, a, AnsweringLayer::Edge, 1'000);
  recordViewer(s, a, AnsweringLayer::Edge, 1'200);
  recordViewer(s, a, AnsweringLayer::Edge, 1'400);
  recordViewer(s, a, AnsweringLayer::RegionalEdgeCache, 20'000);
  recordViewer(s, a, AnsweringLayer::OriginShield, 45'000);
  recordViewer(s, a, AnsweringLayer::Origin, 90'000);
  recordViewer(s, b, AnsweringLayer::Edge, 2'000);
  recordViewer(s, b, AnsweringLayer::Edge, 2'500);
  recordViewer(s, b, AnsweringLayer::RegionalEdgeCache, 25'000);
  recordViewer(s, b, AnsweringLayer::Origin, 120'000);
  s.pops = {a, b};
  return s;
}

}  // namespace cdnsim::sim::testing
