#include "sim/report/run_summary.h"

#include <fmt/format.h>

#include <string_view>

namespace cdnsim::sim {

namespace {
double ratio(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// The identities that hold within one tier (or one POP), appended to `out` under `name`.
void checkTier(std::string_view name, const TierCounters& t, std::vector<std::string>& out) {
  const std::uint64_t answered = t.hits + t.refreshHits + t.misses + t.errors;
  if (answered != t.requests) {
    out.push_back(fmt::format("{}: hits {} + refresh hits {} + misses {} + errors {} = {}, requests {}",
                              name, t.hits, t.refreshHits, t.misses, t.errors, answered, t.requests));
  }
  // collapsed, staleServed and staleOnError are disjoint subsets of hits: a collapsed follower
  // waited for a fetch, a stale copy was served without waiting or after the fetch failed.
  if (t.collapsed + t.staleServed + t.staleOnError > t.hits) {
    out.push_back(fmt::format("{}: collapsed {} + stale served {} + stale on error {} = {}, more "
                              "than hits {}",
                              name, t.collapsed, t.staleServed, t.staleOnError,
                              t.collapsed + t.staleServed + t.staleOnError, t.hits));
  }
  if (t.cachedErrors > t.errors) {
    out.push_back(fmt::format("{}: cached errors {}, more than errors {}", name, t.cachedErrors,
                              t.errors));
  }
  if (t.errorTally.total() != t.errors) {
    out.push_back(fmt::format("{}: errors by type add up to {}, errors {}", name,
                              t.errorTally.total(), t.errors));
  }
  if (t.backgroundRefreshes > t.sentUpstream) {
    out.push_back(fmt::format("{}: background refreshes {}, more than sent upstream {}", name,
                              t.backgroundRefreshes, t.sentUpstream));
  }
  if (t.sentToOrigin > t.sentUpstream) {
    out.push_back(fmt::format("{}: sent to origin {}, more than sent upstream {}", name,
                              t.sentToOrigin, t.sentUpstream));
  }
}

// edge must be the sum of the POPs on every counter both keep; one message lists every field
// that differs.
void checkEdgeIsSumOfPops(const RunSummary& s, std::vector<std::string>& out) {
  TierCounters sum;
  for (const auto& p : s.pops) {
    sum.requests += p.counters.requests;
    sum.hits += p.counters.hits;
    sum.refreshHits += p.counters.refreshHits;
    sum.misses += p.counters.misses;
    sum.errors += p.counters.errors;
    sum.bytes += p.counters.bytes;
    sum.hitBytes += p.counters.hitBytes;
  }
  std::string diffs;
  const auto compare = [&diffs](std::string_view field, std::uint64_t edge, std::uint64_t pops) {
    if (edge == pops) return;
    if (!diffs.empty()) diffs += ", ";
    diffs += fmt::format("{} {} vs {}", field, edge, pops);
  };
  compare("requests", s.edge.requests, sum.requests);
  compare("hits", s.edge.hits, sum.hits);
  compare("refresh hits", s.edge.refreshHits, sum.refreshHits);
  compare("misses", s.edge.misses, sum.misses);
  compare("errors", s.edge.errors, sum.errors);
  compare("bytes", s.edge.bytes, sum.bytes);
  compare("hit bytes", s.edge.hitBytes, sum.hitBytes);
  if (!diffs.empty()) {
    out.push_back(fmt::format("edge is not the sum of its {} POPs (edge vs POPs): {}", s.pops.size(), diffs));
  }
}
}  // namespace

TierCounters& TierCounters::operator+=(const TierCounters& o) {
  requests += o.requests;
  hits += o.hits;
  refreshHits += o.refreshHits;
  misses += o.misses;
  errors += o.errors;
  collapsed += o.collapsed;
  staleServed += o.staleServed;
  staleOnError += o.staleOnError;
  cachedErrors += o.cachedErrors;
  errorTally += o.errorTally;
  backgroundRefreshes += o.backgroundRefreshes;
  sentUpstream += o.sentUpstream;
  sentToOrigin += o.sentToOrigin;
  bytes += o.bytes;
  hitBytes += o.hitBytes;
  evictions += o.evictions;
  return *this;
}

double TierCounters::hitRatio() const { return ratio(hits + refreshHits, requests); }
double TierCounters::byteHitRatio() const { return ratio(hitBytes, bytes); }

void LatencyPair::record(core::Duration totalTime, core::Duration firstByteTime) {
  total.record(totalTime);
  firstByte.record(firstByteTime);
}

void LatencyPair::merge(const LatencyPair& other) {
  total.merge(other.total);
  firstByte.merge(other.firstByte);
}

std::string_view toString(AnsweringLayer layer) {
  switch (layer) {
    case AnsweringLayer::Edge: return "edge";
    case AnsweringLayer::RegionalEdgeCache: return "regional";
    case AnsweringLayer::OriginShield: return "shield";
    case AnsweringLayer::Origin: return "origin";
  }
  return "unknown";  // not reached for a valid enumerator
}

// Nothing asked, nothing offloaded: 0 rather than a perfect 1 for an empty run.
double RunSummary::originOffload() const {
  return viewerRequests == 0 ? 0.0 : 1.0 - ratio(originRequests, viewerRequests);
}
double RunSummary::originByteOffload() const {
  return viewerBytes == 0 ? 0.0 : 1.0 - ratio(originBytes, viewerBytes);
}

std::vector<std::string> RunSummary::accountingViolations() const {
  std::vector<std::string> out;
  checkTier("edge", edge, out);
  checkTier("regional", regional, out);
  checkTier("shield", shield, out);
  for (const auto& p : pops) checkTier(fmt::format("POP {}", p.code), p.counters, out);

  checkEdgeIsSumOfPops(*this, out);
  // A POP's background refresh is counted where it lands upstream, not as an edge request; a custom
  // error page is one more request at the POP.
  if (edge.requests != viewerRequests + viewerCustomErrorPages) {
    out.push_back(fmt::format("edge: requests {}, viewer requests {} + custom error pages {}",
                              edge.requests, viewerRequests, viewerCustomErrorPages));
  }
  if (viewerErrorTally.total() != viewerErrors) {
    out.push_back(fmt::format("viewer: errors by type add up to {}, errors {}",
                              viewerErrorTally.total(), viewerErrors));
  }

  // Every request a layer sends upstream reaches exactly one of regional, shield or origin.
  const std::uint64_t arrived = regional.requests + shield.requests + originRequests;
  const std::uint64_t sent = edge.sentUpstream + regional.sentUpstream + shield.sentUpstream;
  if (arrived != sent) {
    out.push_back(fmt::format(
        "upstream flow: regional requests {} + shield requests {} + origin requests {} = {}, "
        "sent upstream by edge {} + regional {} + shield {} = {}",
        regional.requests, shield.requests, originRequests, arrived, edge.sentUpstream,
        regional.sentUpstream, shield.sentUpstream, sent));
  }
  const std::uint64_t toOrigin = edge.sentToOrigin + regional.sentToOrigin + shield.sentToOrigin;
  if (originRequests != toOrigin) {
    out.push_back(fmt::format(
        "origin: requests {}, sent to origin by edge {} + regional {} + shield {} = {}", originRequests,
        edge.sentToOrigin, regional.sentToOrigin, shield.sentToOrigin, toOrigin));
  }

  if (viewerHits + viewerRefreshHits + viewerMisses + viewerErrors != viewerRequests) {
    out.push_back(fmt::format("viewer: hits {} + refresh hits {} + misses {} + errors {} = {}, requests {}",
                              viewerHits, viewerRefreshHits, viewerMisses, viewerErrors,
                              viewerHits + viewerRefreshHits + viewerMisses + viewerErrors,
                              viewerRequests));
  }
  if (latency.total.count() != viewerRequests) {
    out.push_back(fmt::format("latency: {} recorded, viewer requests {}", latency.total.count(), viewerRequests));
  }
  std::uint64_t byLayerCount = 0;
  std::string terms;
  for (std::size_t i = 0; i < byLayer.size(); ++i) {
    byLayerCount += byLayer[i].total.count();
    if (!terms.empty()) terms += " + ";
    terms += fmt::format("{} {}", toString(static_cast<AnsweringLayer>(i)), byLayer[i].total.count());
  }
  if (byLayerCount != viewerRequests) {
    out.push_back(fmt::format("latency by layer: {} = {}, viewer requests {}", terms, byLayerCount, viewerRequests));
  }
  return out;
}

}  // namespace cdnsim::sim
