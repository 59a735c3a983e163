#include "sim/report/run_summary.h"

namespace cdnsim::sim {

namespace {
double ratio(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}
}  // namespace

double TierCounters::hitRatio() const { return ratio(hits + refreshHits, requests); }
double TierCounters::byteHitRatio() const { return ratio(hitBytes, bytes); }
double RunSummary::originOffload() const { return 1.0 - ratio(originRequests, viewerRequests); }
double RunSummary::originByteOffload() const { return 1.0 - ratio(originBytes, viewerBytes); }

}  // namespace cdnsim::sim
