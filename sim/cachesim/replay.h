#pragma once
// Replays a trace through one cache, counting misses the standard way (libCacheSim's and
// webcachesim's definition, issue item 5): every request counts, cold misses included, a request is
// a hit when the object is cached, a miss otherwise, and on a miss the object is inserted (the
// policy may refuse it, e.g. when larger than the cache). Zero-size requests are skipped entirely.
// With a warm-up of N, the first N (non-zero-size) requests go through the cache but are not
// counted.

#include <atomic>
#include <cstdint>

#include <optional>

#include "core/store/eviction_policy.h"
#include "sim/cachesim/size_overflow.h"
#include "sim/trace/trace_reader.h"

namespace cdnsim::sim::cachesim {

struct ReplayOptions {
  // Requests at the start that warm the cache without being counted.
  std::uint64_t warmupRequests{0};
  // Every object occupies one unit (the capacity is then an object count). Byte counts still use
  // the trace's sizes.
  bool ignoreObjectSize{false};
};

struct ReplayCounts {
  std::uint64_t requests{0};  // counted requests (after warm-up, zero-size excluded)
  std::uint64_t misses{0};
  std::uint64_t bytes{0};  // bytes requested by counted requests
  std::uint64_t missBytes{0};
  std::uint64_t warmupRequests{0};   // requests used for warm-up
  std::uint64_t zeroSizeSkipped{0};  // requests skipped for having size 0
  // Set when a counted request's size would carry `bytes` past 2^64 - 1; the replay stops there,
  // with the counts from before that request.
  std::optional<SizeOverflow> bytesOverflow{};

  double missRatio() const { return requests == 0 ? 0.0 : static_cast<double>(misses) / requests; }
  double byteMissRatio() const {
    return bytes == 0 ? 0.0 : static_cast<double>(missBytes) / static_cast<double>(bytes);
  }
  bool operator==(const ReplayCounts&) const = default;
};

// Reads `reader` to its end (or until `stop` becomes true, checked once per batch, or up to a size
// that overflows `bytes`) through `cache`.
// On a trace error, returns the counts so far; check reader.error().
ReplayCounts replay(trace::TraceReader& reader, core::store::EvictionPolicy& cache,
                    const ReplayOptions& options, const std::atomic<bool>* stop = nullptr);

}  // namespace cdnsim::sim::cachesim
