// The viewer's result type from the edge's lookup and the layer that produced the body
// (DG/standard-logs-reference.html; Server-Timing cdn-hit-layer).

#include "core/node/viewer_result.h"

#include <catch2/catch.hpp>

namespace cdnsim::core {

TEST_CASE("viewer result: who answered decides Hit, RefreshHit or Miss", "[node][viewer result]") {
  struct Row {
    const char* what;
    node::LookupOutcome edge;
    bool collapsed;
    emit::HitLayer answeredBy;
    bool refreshed;
    emit::DetailedResultType detailed;
    std::optional<emit::HitLayer> layer;
    bool age;
  };
  const Row rows[] = {
      {"POP hit", node::LookupOutcome::Hit, false, emit::HitLayer::Edge, false, emit::DetailedResultType::Hit, emit::HitLayer::Edge, true},
      {"POP stale-while-revalidate", node::LookupOutcome::StaleWhileRevalidate, false, emit::HitLayer::Edge, false,
       emit::DetailedResultType::Hit, emit::HitLayer::Edge, true},
      {"POP collapsed follower", node::LookupOutcome::Miss, true, emit::HitLayer::Edge, false, emit::DetailedResultType::Hit,
       emit::HitLayer::Edge, true},
      {"REC hit", node::LookupOutcome::Miss, false, emit::HitLayer::RegionalEdgeCache, false, emit::DetailedResultType::Hit,
       emit::HitLayer::RegionalEdgeCache, true},
      {"shield hit", node::LookupOutcome::Miss, false, emit::HitLayer::OriginShield, false,
       emit::DetailedResultType::OriginShieldHit, emit::HitLayer::OriginShield, true},
      {"REC refreshed its copy first", node::LookupOutcome::Miss, false, emit::HitLayer::RegionalEdgeCache, true,
       emit::DetailedResultType::RefreshHit, emit::HitLayer::RegionalEdgeCache, true},
      {"POP revalidated with the origin", node::LookupOutcome::Revalidate, false, emit::HitLayer::Origin, true,
       emit::DetailedResultType::RefreshHit, std::nullopt, false},
      {"POP revalidated, REC answered", node::LookupOutcome::Revalidate, false, emit::HitLayer::RegionalEdgeCache, false,
       emit::DetailedResultType::RefreshHit, emit::HitLayer::RegionalEdgeCache, true},
      {"miss to the origin", node::LookupOutcome::Miss, false, emit::HitLayer::Origin, false, emit::DetailedResultType::Miss,
       std::nullopt, false},
      {"refetch to the origin", node::LookupOutcome::Refetch, false, emit::HitLayer::Origin, false,
       emit::DetailedResultType::Miss, std::nullopt, false},
      {"bypass (CachingDisabled)", node::LookupOutcome::Bypass, false, emit::HitLayer::Origin, false,
       emit::DetailedResultType::Miss, std::nullopt, false},
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
  const auto r = node::viewerResult({node::LookupOutcome::Miss, false, emit::HitLayer::OriginShield, false});
  CHECK(r.outcome.result == emit::EdgeResultType::Hit);
  CHECK(r.outcome.detailed == emit::DetailedResultType::OriginShieldHit);
  CHECK(emit::xCacheValue(emit::xCacheTypeFor(r.outcome.result)) == "Hit from cloudfront");
}

}  // namespace cdnsim::core
