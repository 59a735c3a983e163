#include "sim/cachesim/replay.h"

#include <array>

namespace cdnsim::sim::cachesim {

ReplayCounts replay(trace::TraceReader& reader, core::store::EvictionPolicy& cache,
                    const ReplayOptions& options, const std::atomic<bool>* stop) {
  ReplayCounts c;
  std::uint64_t warmupLeft = options.warmupRequests;
  const bool ignoreSize = options.ignoreObjectSize;
  // Decoding a batch at a time keeps the reader's virtual call and its parsing loop out of the
  // per-request path below, which is only the policy's find/insert.
  std::array<trace::TraceRequest, 1024> batch;
  std::uint64_t delivered = 0;
  while (std::size_t n = reader.nextBatch(batch)) {
    for (std::size_t i = 0; i < n; ++i) {
      const trace::TraceRequest& r = batch[i];
      if (r.size == 0) {
        ++c.zeroSizeSkipped;
        continue;
      }
      const bool hit = cache.find(r.id).has_value();
      if (!hit) cache.insert(r.id, ignoreSize ? 1 : r.size);
      if (warmupLeft > 0) {
        --warmupLeft;
        ++c.warmupRequests;
        continue;
      }
      std::uint64_t bytes = 0;
      if (__builtin_add_overflow(c.bytes, r.size, &bytes)) [[unlikely]] {
        c.bytesOverflow = SizeOverflow{delivered + i + 1, r.size};
        return c;
      }
      ++c.requests;
      c.bytes = bytes;
      if (!hit) {
        ++c.misses;
        c.missBytes += r.size;
      }
    }
    delivered += n;
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) break;
  }
  return c;
}

}  // namespace cdnsim::sim::cachesim
