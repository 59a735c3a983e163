#include "core/node/viewer_result.h"

namespace cdnsim::core::node {

using emit::DetailedResultType;
using emit::HitLayer;

ViewerResult viewerResult(const ViewerResultInput& in) {
  ViewerResult r;
  const bool fromCache = in.answeredBy != HitLayer::Origin;
  r.statesAge = fromCache;
  if (in.status >= 400 || in.customErrorPage) {
    r.outcome = emit::outcomeOf(in.generatedError != 0
                                    ? static_cast<DetailedResultType>(in.generatedError - 1)
                                    : DetailedResultType::Error);
    return r;
  }
  if (in.staleOnError) {
    r.outcome = emit::outcomeOf(DetailedResultType::Hit);
    r.hitLayer = in.answeredBy;
    r.statesAge = true;
    return r;
  }
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
