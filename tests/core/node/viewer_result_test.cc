// The viewer's result type from the edge's lookup and the layer that produced the body
// (DG/standard-logs-reference.html; Server-Timing cdn-hit-layer).

#include "core/node/viewer_result.h"

#include <catch2/catch.hpp>

using namespace cdnsim::core;
using emit::DetailedResultType;
using emit::HitLayer;
using node::LookupOutcome;

TEST_CASE("viewer result: who answered decides Hit, RefreshHit or Miss", "[node][viewer result]") {
  struct Row {
    const char* what;
    LookupOutcome edge;
    bool collapsed;
    HitLayer answeredBy;
    bool refreshed;
    DetailedResultType detailed;
    std::optional<HitLayer> layer;
    bool age;
  };
  const Row rows[] = {
      {"POP hit", LookupOutcome::Hit, false, HitLayer::Edge, false, DetailedResultType::Hit, HitLayer::Edge, true},
      {"POP stale-while-revalidate", LookupOutcome::StaleWhileRevalidate, false, HitLayer::Edge, false,
       DetailedResultType::Hit, HitLayer::Edge, true},
      {"POP collapsed follower", LookupOutcome::Miss, true, HitLayer::Edge, false, DetailedResultType::Hit,
       HitLayer::Edge, true},
      {"REC hit", LookupOutcome::Miss, false, HitLayer::RegionalEdgeCache, false, DetailedResultType::Hit,
       HitLayer::RegionalEdgeCache, true},
      {"shield hit", LookupOutcome::Miss, false, HitLayer::OriginShield, false,
       DetailedResultType::OriginShieldHit, HitLayer::OriginShield, true},
      {"REC refreshed its copy first", LookupOutcome::Miss, false, HitLayer::RegionalEdgeCache, true,
       DetailedResultType::RefreshHit, HitLayer::RegionalEdgeCache, true},
      {"POP revalidated with the origin", LookupOutcome::Revalidate, false, HitLayer::Origin, true,
       DetailedResultType::RefreshHit, std::nullopt, false},
      {"POP revalidated, REC answered", LookupOutcome::Revalidate, false, HitLayer::RegionalEdgeCache, false,
       DetailedResultType::RefreshHit, HitLayer::RegionalEdgeCache, true},
      {"miss to the origin", LookupOutcome::Miss, false, HitLayer::Origin, false, DetailedResultType::Miss,
       std::nullopt, false},
      {"refetch to the origin", LookupOutcome::Refetch, false, HitLayer::Origin, false,
       DetailedResultType::Miss, std::nullopt, false},
      {"bypass (CachingDisabled)", LookupOutcome::Bypass, false, HitLayer::Origin, false,
       DetailedResultType::Miss, std::nullopt, false},
  };
  for (const auto& row : rows) {
    INFO(row.what);
    const auto r = node::viewerResult({row.edge, row.collapsed, row.answeredBy, row.refreshed});
    CHECK(r.outcome == emit::outcomeOf(row.detailed));
    CHECK(r.hitLayer == row.layer);
    CHECK(r.statesAge == row.age);
  }
}

TEST_CASE("a shield hit is a Hit in x-edge-result-type and OriginShieldHit in the detail",
          "[node][viewer result]") {
  const auto r = node::viewerResult({LookupOutcome::Miss, false, HitLayer::OriginShield, false});
  CHECK(r.outcome.result == emit::EdgeResultType::Hit);
  CHECK(r.outcome.detailed == DetailedResultType::OriginShieldHit);
  CHECK(emit::xCacheValue(emit::xCacheTypeFor(r.outcome.result)) == "Hit from cloudfront");
}
