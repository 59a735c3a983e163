#pragma once
// What a run measured, tier by tier: the numbers behind the summary table and summary.json.
// Plain counters; ratios are computed when printed, so they never disagree with the counts.
// The tier chain is viewer -> edge (POP) -> regional edge cache -> origin shield -> origin; any
// layer may send straight to the origin (e.g. an origin with no shield, or a POP-to-origin route).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "sim/metrics/error_tally.h"
#include "sim/metrics/latency_histogram.h"

namespace cdnsim::sim {

// One caching role (all POPs as edge caches, all RECs in their regional role, all RECs acting as
// origin shield for another layer) or one POP. Identity: hits + refreshHits + misses + errors == requests.
struct TierCounters {
  std::uint64_t requests = 0;            // requests that reached this tier (viewer or background)
  std::uint64_t hits = 0;                // answered from this tier's cache (fresh, stale-while-revalidate, collapsed follower)
  std::uint64_t refreshHits = 0;         // expired copy revalidated upstream and served
  std::uint64_t misses = 0;              // not cached (or expired and fetched in full)
  std::uint64_t errors = 0;              // answered with a 4xx/5xx (its own cached error, one from upstream, or one CloudFront generated)
  std::uint64_t collapsed = 0;           // of hits: followers answered from another request's upstream fetch
  std::uint64_t staleServed = 0;         // of hits: served stale while revalidating
  std::uint64_t staleOnError = 0;        // of hits: expired copy served because the layer above failed
  std::uint64_t cachedErrors = 0;        // of errors: an error this tier had cached
  ErrorTally errorTally{};               // the errors by status and result type (total == errors)
  std::uint64_t backgroundRefreshes = 0; // of sentUpstream: refreshes no viewer waits for
  std::uint64_t sentUpstream = 0;        // requests this tier sent to the next layer (shield or origin included)
  std::uint64_t sentToOrigin = 0;        // of sentUpstream: those that went straight to the origin
  std::uint64_t bytes = 0;               // body bytes this tier sent downstream
  std::uint64_t hitBytes = 0;            // of which served from its own cache
  std::uint64_t evictions = 0;
  double hitRatio() const;      // (hits + refreshHits) / requests, 0 when no requests
  double byteHitRatio() const;  // hitBytes / bytes, 0 when no bytes
  TierCounters& operator+=(const TierCounters& other);  // field by field (a tier of several nodes)
};

// Total time (viewer sent the request -> last byte received) and time to first byte.
// Both are recorded together, so their counts are equal.
struct LatencyPair {
  LatencyHistogram total;
  LatencyHistogram firstByte;
  void record(core::Duration total, core::Duration firstByte);
  void merge(const LatencyPair& other);
};

// Layers that can answer a viewer request, for per-layer latency.
enum class AnsweringLayer : std::uint8_t { Edge, RegionalEdgeCache, OriginShield, Origin };
inline constexpr std::size_t kAnsweringLayerCount = 4;

// "edge", "regional", "shield", "origin": the names used in the table and in summary.json.
std::string_view toString(AnsweringLayer layer);

struct PopSummary {
  std::string code;
  TierCounters counters;
  LatencyPair latency;  // viewers served by this POP
};

// A replayed log's lines (sim/replay/): how many were read, replayed, and passed over, and why.
struct ReplayTally {
  std::uint64_t lines = 0;               // requests read (header lines and bad lines not counted)
  std::uint64_t replayed = 0;            // of lines: sent as viewer requests
  std::uint64_t badLines = 0;            // malformed lines skipped (bad_lines: skip)
  std::vector<std::string> firstBadLines;  // "file:line: what is wrong", the first few
  std::uint64_t unknownEdgeLocations = 0;  // of lines: logged at a POP the topology lacks (not replayed)
  std::vector<std::string> unknownCodes;   // those codes, sorted, the first few
  std::uint64_t late = 0;                // of replayed: later than logged, out of order beyond the window
  std::uint64_t otherMethods = 0;        // of replayed: PUT, PATCH, DELETE, ... replayed as POST
  std::uint64_t objects = 0;             // distinct objects (host and path) met
};

struct RunSummary {
  std::string scenario, topology;
  std::uint64_t seed = 0;
  core::TimePoint start{}, end{};  // end: when the last response reached its viewer
  std::uint64_t viewerRequests = 0, viewerBytes = 0;
  // What viewers were told (x-edge-result-type): a hit served by a REC or the shield is a Hit
  // for the viewer, though it is a miss of the POP's own cache (the edge tier's counters).
  std::uint64_t viewerHits = 0, viewerRefreshHits = 0, viewerMisses = 0, viewerErrors = 0;
  // Of viewerHits: expired copies served because the origin failed. Of viewerErrors: answered with
  // a custom error response's page (each fetched once more through the POP, which counts it as a
  // request of the edge tier). The viewers' errors by status (sent) and result type.
  std::uint64_t viewerStaleOnError = 0, viewerCustomErrorPages = 0;
  ErrorTally viewerErrorTally;
  std::size_t regionalNodes = 0;   // RECs in the topology
  std::size_t shieldNodes = 0;     // RECs acting as origin shield for some origin (0: no shield tier shown)
  TierCounters edge, regional, shield;
  std::uint64_t originRequests = 0, originNotModified = 0, originBytes = 0;  // 304s; body bytes sent
  // Origin faults: connection attempts made (retries included), answers with an error status,
  // attempts refused (nothing listening or a failed TLS handshake), DNS failures, connection and
  // read timeouts, 503s of a full concurrency queue, and origin-group failovers.
  std::uint64_t originAttempts = 0, originErrors = 0, originRefused = 0, originDnsFailures = 0;
  std::uint64_t originConnectTimeouts = 0, originReadTimeouts = 0, originOverloaded = 0;
  std::uint64_t failovers = 0;
  bool hasOriginFaults() const {
    return originErrors + originRefused + originDnsFailures + originConnectTimeouts +
               originReadTimeouts + originOverloaded + failovers >
           0;
  }
  std::vector<PopSummary> pops;    // topology order
  // Scheduled events (sim/faults/): events applied (a start and its `until` count once each),
  // cached copies removed by invalidations (one per object per cache), and viewer requests a
  // POP outage sent to another POP than their nearest, and those whose POP skipped its down REC.
  std::uint64_t eventsApplied = 0, invalidatedObjects = 0, reroutedRequests = 0;
  std::uint64_t recDownRequests = 0;
  std::optional<ReplayTally> replay;  // runs that replay a log
  LatencyPair latency;             // every viewer request
  std::array<LatencyPair, kAnsweringLayerCount> byLayer;  // by the layer that answered
  double originOffload() const;      // 1 - originRequests / viewerRequests (0 requests -> 0)
  double originByteOffload() const;  // 1 - originBytes / viewerBytes (0 bytes -> 0)
  // The accounting identities, one message per broken one (empty = all hold):
  //  per tier (edge, regional, shield, each POP): hits + refreshHits + misses + errors == requests;
  //  collapsed + staleServed + staleOnError <= hits; cachedErrors <= errors; errorTally.total() == errors;
  //  backgroundRefreshes <= sentUpstream; sentToOrigin <= sentUpstream;
  //  edge == sum of the POPs (requests, hits, refreshHits, misses, errors, bytes, hitBytes);
  //  edge.requests == viewerRequests + viewerCustomErrorPages (background refreshes are not counted at the
  //  edge; a custom error page is fetched through the POP as a request of its own);
  //  viewerErrorTally.total() == viewerErrors;
  //  regional.requests + shield.requests + originRequests == edge.sentUpstream + regional.sentUpstream + shield.sentUpstream;
  //  originRequests == edge.sentToOrigin + regional.sentToOrigin + shield.sentToOrigin;
  //  viewerHits + viewerRefreshHits + viewerMisses + viewerErrors == viewerRequests;
  //  latency.total.count() == viewerRequests; sum of byLayer counts == viewerRequests.
  // Each message names the tier and the numbers, e.g.
  //  "POP IAD89-C1: hits 5 + refresh hits 1 + misses 3 + errors 0 = 9, requests 10".
  // Some identities follow from others (edge's own from its POPs' and the sum), so one wrong
  // number can break two. Cost: O(POPs).
  std::vector<std::string> accountingViolations() const;
};

}  // namespace cdnsim::sim
