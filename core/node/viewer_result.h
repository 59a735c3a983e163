#pragma once
// What the viewer is told about a response, from what the edge cache did and which layer produced
// the body (DG/standard-logs-reference.html x-edge-result-type; DG/understanding-response-headers-
// policies.html Server-Timing cdn-hit-layer):
// - the POP's cache served it (fresh, stale-while-revalidate, or as a collapsed follower): Hit;
// - the POP revalidated its expired copy: RefreshHit, whoever answered;
// - the POP missed and a REC or the origin shield served it from its cache: Hit (detailed
//   OriginShieldHit for the shield when it is an extra layer), or RefreshHit when that layer had
//   to revalidate its own copy with the origin first (our choice: "Hit" promises no origin trip);
// - the POP missed and the origin produced the body: Miss.
// Age is stated when a cache produced the response (RFC 9111 §5.1: Age implies the response was
// not generated or validated by the origin for this request).

#include <optional>

#include "core/emit/result_type.h"
#include "core/node/cache_node.h"

namespace cdnsim::core::node {

struct ViewerResultInput {
  LookupOutcome edgeLookup = LookupOutcome::Miss;  // what the POP's cache found
  bool edgeCollapsed = false;            // the POP answered it from another request's fetch
  emit::HitLayer answeredBy = emit::HitLayer::Origin;  // the layer that produced the body
  bool answeredAfterRefresh = false;     // that cache layer revalidated its copy upstream first
};

struct ViewerResult {
  emit::Outcome outcome{};
  bool statesAge = false;
  std::optional<emit::HitLayer> hitLayer{};  // Server-Timing cdn-hit-layer, on hits
  bool operator==(const ViewerResult&) const = default;
};

ViewerResult viewerResult(const ViewerResultInput& in);

}  // namespace cdnsim::core::node
