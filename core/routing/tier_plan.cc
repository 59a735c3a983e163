#include "core/routing/tier_plan.h"

namespace cdnsim::core::routing {

namespace {

// DG/HowCloudFrontWorks.html (regional edge caches): the proxy methods PUT, POST, PATCH, OPTIONS
// and DELETE go from the POP straight to the origin, not through the regional edge cache. OPTIONS
// is on the list even when a behaviour caches it.
bool methodSkipsRec(std::string_view method) {
  return method == "PUT" || method == "POST" || method == "PATCH" || method == "OPTIONS" ||
         method == "DELETE";
}

RecSkipReason recSkipReason(const TierPlanInput& in) {
  // A POP without a REC has nothing to forward to but the next layer (shield or origin).
  if (!in.recRegion) return RecSkipReason::NoRegionalEdgeCache;
  // DG/HowCloudFrontWorks.html: the proxy methods above bypass regional edge caches.
  if (methodSkipsRec(in.method)) return RecSkipReason::MethodNotCached;
  // DG/HowCloudFrontWorks.html: requests judged dynamic at request time do not flow through
  // regional edge caches; they go to the origin.
  if (in.dynamic) return RecSkipReason::Dynamic;
  // DG/HowCloudFrontWorks.html: when the origin is an S3 bucket in the same AWS Region as the
  // request's regional edge cache, the POP skips that cache and goes to the bucket. An unknown
  // origin Region never matches.
  if (in.originIsS3 && !in.originRegion.empty() && in.originRegion == *in.recRegion) {
    return RecSkipReason::SameRegionS3;
  }
  return RecSkipReason::None;
}

}  // namespace

std::string_view toString(RecSkipReason r) {
  switch (r) {
    case RecSkipReason::None: return "none";
    case RecSkipReason::NoRegionalEdgeCache: return "no regional edge cache";
    case RecSkipReason::MethodNotCached: return "method not cached";
    case RecSkipReason::Dynamic: return "dynamic";
    case RecSkipReason::SameRegionS3: return "same-region S3 origin";
  }
  return "?";
}

TierPlan planTiers(const TierPlanInput& in) {
  TierPlan plan;
  plan.recSkip = recSkipReason(in);
  plan.viaRec = plan.recSkip == RecSkipReason::None;
  if (in.shieldRegion) {
    // DG/origin-shield.html: with Origin Shield enabled, requests from every CloudFront caching
    // layer to the origin go through Origin Shield, including those that skip the REC. When the
    // request's regional edge cache is in the Origin Shield Region, that cache acts as the shield:
    // no extra hop after it.
    plan.recIsShield = plan.viaRec && *in.recRegion == *in.shieldRegion;
    plan.viaShield = !plan.recIsShield;
  }
  return plan;
}

}  // namespace cdnsim::core::routing
