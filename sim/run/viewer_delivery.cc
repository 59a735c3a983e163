// The answer leaves the POP for the viewer: the viewer's result type, the summary's and time
// series' tallies, and the finished exchange handed to the observer (traces, logs).
#include "sim/run/tiered_simulation.h"

#include "core/node/viewer_result.h"
#include "sim/run/flight.h"

namespace cdnsim::sim {

void TieredSimulation::deliver(std::uint32_t f) {
  if (flights_[f].parent != kNoFlight) [[unlikely]] {  // a custom error page is back at the POP
    resumeAfterErrorPage(f);
    return;
  }
  if (flights_[f].status >= 400 && !flights_[f].customPage && !customPageObject_.empty())
      [[unlikely]] {
    const int status = flights_[f].status;
    for (std::size_t r = 0; r < topology_.customErrorResponses.size(); ++r) {
      if (topology_.customErrorResponses[r].errorCode == status &&
          customPageObject_[r] != UINT64_MAX) {
        startErrorPageFetch(f, r);
        return;
      }
    }
  }
  const Duration toViewer = clientToPop_[flights_[f].client];
  if (observer_ != nullptr) {
    queue_.scheduleOn(clientLanes_[flights_[f].client], deliveredStep_, f);
  } else {
    // Every tally below is a sum (or a maximum), so it does not matter that it is taken before
    // the first byte's time; only an observer needs the completion order.
    onDelivered(f, queue_.now() + toViewer);
  }
}

void TieredSimulation::onDelivered(std::uint32_t f, TimePoint firstByte) {
  Flight& fl = flights_[f];
  const std::uint32_t pop = fl.route->hops[0].node;
  // A HEAD is answered with the headers alone (RFC 9110 §9.3.2); the caches hold the object.
  const std::uint64_t bytes = fl.method == core::config::RequestMethod::Head ? 0 : fl.bytes;
  const TimePoint end = firstByte + world_.latency().transfer(bytes);
  ++summary_.viewerRequests;
  summary_.viewerBytes += bytes;
  const bool fromEdge = fl.bodyHop == 0;
  TierCounters& popCounters = summary_.pops[pop].counters;
  popCounters.bytes += bytes;
  if (fromEdge) popCounters.hitBytes += bytes;

  core::node::ViewerResultInput in;
  in.edgeLookup = fl.hops[0].lookup;
  in.edgeCollapsed = fl.edgeCollapsed;
  in.answeredBy = fl.bodyHop == kOriginHop ? core::emit::HitLayer::Origin
                                           : hitLayerOf(fl.route->hops[fl.bodyHop].role);
  in.answeredAfterRefresh = fl.bodyRefreshed;
  in.status = fl.customPage ? fl.errorStatus : fl.status;
  in.generatedError = fl.customPage ? fl.errorGenerated : fl.generated;
  in.customErrorPage = fl.customPage;
  in.staleOnError = fl.staleOnError;
  const auto result = core::node::viewerResult(in);
  // The viewer asked unconditionally: a 304 the POP got for its own revalidation is a 200 to it.
  const int answerStatus = fl.status == 304 ? 200 : fl.status;
  const int viewerStatus = fl.viewerStatus != 0 ? fl.viewerStatus : answerStatus;
  const bool error = result.outcome.result == core::emit::EdgeResultType::Error;
  switch (result.outcome.result) {
    case core::emit::EdgeResultType::Hit: ++summary_.viewerHits; break;
    case core::emit::EdgeResultType::RefreshHit: ++summary_.viewerRefreshHits; break;
    case core::emit::EdgeResultType::Miss: ++summary_.viewerMisses; break;
    default: ++summary_.viewerErrors; break;
  }
  if (error) [[unlikely]] {
    summary_.viewerErrorTally.add(viewerStatus, result.outcome.detailed);
    timeSeries_.addError(end, 0, viewerStatus, result.outcome.detailed);
    timeSeries_.addError(end, 1 + pop, viewerStatus, result.outcome.detailed);
  }
  if (fl.staleOnError) [[unlikely]] {
    ++summary_.viewerStaleOnError;
    timeSeries_.addStaleOnError(end, 0);
    timeSeries_.addStaleOnError(end, 1 + pop);
  }

  const Duration total = end - fl.start;
  const Duration toFirstByte = firstByte - fl.start;
  summary_.pops[pop].latency.record(total, toFirstByte);
  summary_.byLayer[static_cast<std::size_t>(in.answeredBy)].record(total, toFirstByte);
  IntervalCounters delta{1, fromEdge && !error ? 1u : 0u, error ? 1u : 0u, bytes,
                         fromEdge ? 0 : bytes};
  timeSeries_.add(end, 0, delta);
  timeSeries_.add(end, 1 + pop, delta);
  if (end > summary_.end) summary_.end = end;

  if (observer_ != nullptr) {
    ViewerExchange ex;
    ex.sequence = fl.sequence;
    ex.client = fl.client;
    ex.pop = pop;
    ex.object = fl.object;
    ex.behavior = fl.behavior;
    ex.group = fl.group;
    ex.variant = fl.variant;
    ex.method = fl.method;
    ex.cacheKey = fl.key;
    ex.start = fl.start;
    ex.popArrival = fl.popArrival;
    ex.firstByte = firstByte;
    ex.end = end;
    ex.status = viewerStatus;  // the viewer asked unconditionally
    ex.bodyBytes = bytes;
    ex.version = fl.version;
    ex.origin = fl.origin;
    ex.originDate = fl.date;
    ex.outcome = result.outcome;
    ex.answeredBy = in.answeredBy;
    ex.hitLayer = result.hitLayer;
    if (result.statesAge) ex.age = fl.age;
    ex.answerStatus = answerStatus;
    ex.generatedError = fl.generated;
    ex.customErrorPage = fl.customPage;
    ex.errorStatus = fl.errorStatus;
    ex.answerObject = fl.customPage ? fl.pageObject : fl.object;
    ex.staleOnError = fl.staleOnError;
    if (fl.replayed) ex.request = &replayRequests_[f];
    observer_->onViewerExchange(ex);
  }
  releaseFlight(f);
}

}  // namespace cdnsim::sim
