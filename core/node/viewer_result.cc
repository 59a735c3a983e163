#include "core/node/viewer_result.h"

namespace cdnsim::core::node {

using emit::DetailedResultType;
using emit::HitLayer;

ViewerResult viewerResult(const ViewerResultInput& in) {
  ViewerResult r;
  const bool fromCache = in.answeredBy != HitLayer::Origin;
  r.statesAge = fromCache;
  if (servedFromCache(in.edgeLookup) || in.edgeCollapsed) {
    r.outcome = emit::outcomeOf(DetailedResultType::Hit);
    r.hitLayer = HitLayer::Edge;
    r.statesAge = true;
    return r;
  }
  if (in.edgeLookup == LookupOutcome::Revalidate) {
    r.outcome = emit::outcomeOf(DetailedResultType::RefreshHit);
    if (fromCache) r.hitLayer = in.answeredBy;
    return r;
  }
  if (!fromCache) {
    r.outcome = emit::outcomeOf(DetailedResultType::Miss);
    return r;
  }
  r.hitLayer = in.answeredBy;
  if (in.answeredAfterRefresh) {
    r.outcome = emit::outcomeOf(DetailedResultType::RefreshHit);
  } else if (in.answeredBy == HitLayer::OriginShield) {
    r.outcome = emit::outcomeOf(DetailedResultType::OriginShieldHit);
  } else {
    r.outcome = emit::outcomeOf(DetailedResultType::Hit);
  }
  return r;
}

}  // namespace cdnsim::core::node
