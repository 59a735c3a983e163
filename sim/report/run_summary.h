#pragma once
// What a run measured, tier by tier: the numbers behind the summary table and summary.json.
// Plain counters; ratios are computed when printed, so they never disagree with the counts.

#include <cstdint>
#include <string>
#include <vector>

#include "core/time.h"
#include "sim/metrics/latency_histogram.h"

namespace cdnsim::sim {

// One cache tier (all POPs together, all regional edge caches together, one POP).
struct TierCounters {
  std::uint64_t requests = 0;     // requests that reached this tier
  std::uint64_t hits = 0;         // answered from a fresh copy (x-cache Hit at the edge)
  std::uint64_t refreshHits = 0;  // expired copy confirmed upstream (304) and served
  std::uint64_t misses = 0;       // not cached, or expired and fetched again in full
  std::uint64_t bytes = 0;        // body bytes this tier sent downstream
  std::uint64_t hitBytes = 0;     // of which served from its own cache (hits and refresh hits)
  std::uint64_t evictions = 0;

  double hitRatio() const;      // (hits + refreshHits) / requests
  double byteHitRatio() const;  // hitBytes / bytes
};

struct PopSummary {
  std::string code;
  TierCounters counters;
};

struct RunSummary {
  std::string scenario;
  std::string topology;
  std::uint64_t seed = 0;
  core::TimePoint start{};
  core::TimePoint end{};  // when the last response reached its viewer

  std::uint64_t viewerRequests = 0;
  std::uint64_t viewerBytes = 0;
  TierCounters edge;      // every POP
  TierCounters regional;  // every regional edge cache
  std::uint64_t originRequests = 0;
  std::uint64_t originNotModified = 0;  // 304s among them
  std::uint64_t originBytes = 0;        // body bytes the origin sent
  std::vector<PopSummary> pops;         // in topology order

  LatencyHistogram latency;  // viewer-perceived: request sent → last byte received

  double originOffload() const;      // 1 − originRequests / viewerRequests
  double originByteOffload() const;  // 1 − originBytes / viewerBytes
};

}  // namespace cdnsim::sim
