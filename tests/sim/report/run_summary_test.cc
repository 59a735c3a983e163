// RunSummary: ratios, latency pairs, layer names, and the accounting identities (a consistent
// summary passes; breaking one identity gives one message naming the tier and the numbers).
#include "sim/report/run_summary.h"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "tests/sim/report/consistent_summary.h"

namespace {
std::string joined(const std::vector<std::string>& messages) {
  std::string out;
  for (const auto& m : messages) out += m + "\n";
  return out;
}
}  // namespace

TEST_CASE("tier ratios count refresh hits as hits and are 0 on an empty tier", "[sim][report]") {
  using cdnsim::sim::TierCounters;
  TierCounters t{.requests = 10, .hits = 5, .refreshHits = 1, .misses = 4, .errors = 0, .collapsed = 0,
                 .staleServed = 0, .backgroundRefreshes = 0, .sentUpstream = 0, .sentToOrigin = 0,
                 .bytes = 1000, .hitBytes = 250, .evictions = 0};
  CHECK(t.hitRatio() == Approx(0.6));
  CHECK(t.byteHitRatio() == Approx(0.25));
  CHECK(TierCounters{}.hitRatio() == 0.0);
  CHECK(TierCounters{}.byteHitRatio() == 0.0);
}

TEST_CASE("origin offload is 1 - origin / viewer, and 0 with no viewer requests", "[sim][report]") {
  using cdnsim::sim::RunSummary;
  using cdnsim::sim::testing::consistentSummary;
  RunSummary s;
  CHECK(s.originOffload() == 0.0);
  CHECK(s.originByteOffload() == 0.0);
  s = consistentSummary();
  CHECK(s.originOffload() == Approx(0.6));      // 4 of 10
  CHECK(s.originByteOffload() == Approx(0.8));  // 2,000 of 10,000
}

TEST_CASE("a latency pair records total and first byte together and merges both", "[sim][report]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::LatencyPair;
  LatencyPair a;
  a.record(Duration(3'000), Duration(1'000));
  LatencyPair b;
  b.record(Duration(9'000), Duration(4'000));
  b.record(Duration(5'000), Duration(2'000));
  a.merge(b);
  CHECK(a.total.count() == 3);
  CHECK(a.firstByte.count() == 3);
  CHECK(*a.total.max() == Duration(9'000));
  CHECK(*a.firstByte.max() == Duration(4'000));
  CHECK(*a.firstByte.min() == Duration(1'000));
}

TEST_CASE("answering layers have short stable names", "[sim][report]") {
  using cdnsim::sim::AnsweringLayer;
  CHECK(toString(AnsweringLayer::Edge) == "edge");
  CHECK(toString(AnsweringLayer::RegionalEdgeCache) == "regional");
  CHECK(toString(AnsweringLayer::OriginShield) == "shield");
  CHECK(toString(AnsweringLayer::Origin) == "origin");
}

TEST_CASE("a consistent summary has no accounting violations", "[sim][report]") {
  using cdnsim::sim::RunSummary;
  using cdnsim::sim::testing::consistentSummary;
  CHECK(joined(consistentSummary().accountingViolations()).empty());
  CHECK(RunSummary{}.accountingViolations().empty());
}

TEST_CASE("each broken accounting identity is reported, naming the tier and the numbers", "[sim][report]") {
  using cdnsim::core::Duration;
  using cdnsim::sim::AnsweringLayer;
  using cdnsim::sim::RunSummary;
  using cdnsim::sim::testing::consistentSummary;
  using cdnsim::sim::testing::layer;
  struct Case {
    const char* what;
    std::function<void(RunSummary&)> breakIt;
    std::vector<std::string> expected;  // one fragment per expected message
  };
  // Most cases break a single identity. The edge's own identity follows from its POPs' and the
  // edge-is-the-sum identity, so a wrong edge or POP counter breaks exactly two of them.
  const std::vector<Case> cases = {
      {"regional answered one more than it received", [](RunSummary& s) { s.regional.hits += 1; },
       {"regional: hits 3 + refresh hits 0 + misses 4 + errors 0 = 7, requests 6"}},
      {"shield error not matched by a request", [](RunSummary& s) { s.shield.errors += 1; },
       {"shield: hits 1 + refresh hits 0 + misses 1 + errors 1 = 3, requests 2",
        "shield: errors by type add up to 0, errors 1"}},
      {"POP request lost", [](RunSummary& s) { s.pops[0].counters.requests -= 1; },
       {"POP IAD89-C1: hits 3 + refresh hits 1 + misses 2 + errors 0 = 6, requests 5",
        "edge is not the sum of its 2 POPs (edge vs POPs): requests 10 vs 9"}},
      {"edge miss counted twice", [](RunSummary& s) { s.edge.misses += 1; },
       {"edge: hits 4 + refresh hits 1 + misses 6 + errors 0 = 11, requests 10",
        "edge is not the sum of its 2 POPs (edge vs POPs): misses 6 vs 5"}},
      {"more collapsed than hits at regional", [](RunSummary& s) { s.regional.collapsed = 3; },
       {"regional: collapsed 3 + stale served 0 + stale on error 0 = 3, more than hits 2"}},
      {"more stale served than hits at a POP", [](RunSummary& s) { s.pops[1].counters.staleServed = 2; },
       {"POP FRA56-C2: collapsed 0 + stale served 2 + stale on error 0 = 2, more than hits 1"}},
      {"more background refreshes than sent upstream", [](RunSummary& s) { s.shield.backgroundRefreshes = 2; },
       {"shield: background refreshes 2, more than sent upstream 1"}},
      {"a POP sent more to the origin than upstream", [](RunSummary& s) { s.pops[0].counters.sentToOrigin = 5; },
       {"POP IAD89-C1: sent to origin 5, more than sent upstream 4"}},
      {"POP bytes not in the edge total", [](RunSummary& s) { s.pops[1].counters.bytes += 1; },
       {"edge is not the sum of its 2 POPs (edge vs POPs): bytes 10000 vs 10001"}},
      {"edge hit bytes not from the POPs", [](RunSummary& s) { s.edge.hitBytes = 0; },
       {"edge is not the sum of its 2 POPs (edge vs POPs): hit bytes 0 vs 5000"}},
      {"a viewer result that is no request", [](RunSummary& s) { s.viewerMisses += 1; },
       {"viewer: hits 7 + refresh hits 1 + misses 3 + errors 0 = 11, requests 10"}},
      {"a viewer request the edge did not count",
       [](RunSummary& s) {
         s.viewerRequests += 1;
         s.viewerHits += 1;
         s.latency.record(Duration(1'000), Duration(500));
         layer(s, AnsweringLayer::Edge).record(Duration(1'000), Duration(500));
       },
       {"edge: requests 10, viewer requests 11 + custom error pages 0"}},
      {"a shield request nobody sent",
       [](RunSummary& s) {
         s.shield.requests += 1;
         s.shield.misses += 1;
       },
       {"upstream flow: regional requests 6 + shield requests 3 + origin requests 4 = 13, "
        "sent upstream by edge 7 + regional 4 + shield 1 = 12"}},
      {"an origin request nobody sent straight to it", [](RunSummary& s) { s.edge.sentToOrigin += 1; },
       {"origin: requests 4, sent to origin by edge 2 + regional 2 + shield 1 = 5"}},
      {"a latency recorded twice", [](RunSummary& s) { s.latency.record(Duration(1), Duration(1)); },
       {"latency: 11 recorded, viewer requests 10"}},
      {"a layer latency recorded twice",
       [](RunSummary& s) { layer(s, AnsweringLayer::Origin).record(Duration(1), Duration(1)); },
       {"latency by layer: edge 5 + regional 2 + shield 1 + origin 3 = 11, viewer requests 10"}},
  };
  for (const auto& c : cases) {
    RunSummary s = consistentSummary();
    c.breakIt(s);
    const auto messages = s.accountingViolations();
    INFO(c.what << "\n" << joined(messages));
    CHECK(messages == c.expected);
  }
}
