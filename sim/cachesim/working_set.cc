#include "sim/cachesim/working_set.h"

#include <array>

#include "sim/cachesim/id_set.h"

namespace cdnsim::sim::cachesim {

WorkingSet measureWorkingSet(trace::TraceReader& reader) {
  WorkingSet ws;
  IdSet seen;
  std::array<trace::TraceRequest, 4096> batch;
  std::uint64_t delivered = 0;
  while (std::size_t n = reader.nextBatch(batch)) {
    for (std::size_t i = 0; i < n; ++i) {
      const trace::TraceRequest& r = batch[i];
      if (r.size == 0) continue;
      if (seen.insert(r.id)) {
        std::uint64_t sum = 0;
        if (__builtin_add_overflow(ws.uniqueBytes, r.size, &sum)) {
          ws.overflow = SizeOverflow{delivered + i + 1, r.size};
          ws.uniqueObjects = seen.size() - 1;  // the objects the total covers
          return ws;
        }
        ws.uniqueBytes = sum;
      }
      ++ws.requests;
    }
    delivered += n;
  }
  ws.uniqueObjects = seen.size();
  return ws;
}

}  // namespace cdnsim::sim::cachesim
