#include "sim/cachesim/working_set.h"

#include <array>

#include "sim/cachesim/id_set.h"

namespace cdnsim::sim::cachesim {

WorkingSet measureWorkingSet(trace::TraceReader& reader) {
  WorkingSet ws;
  IdSet seen;
  std::array<trace::TraceRequest, 4096> batch;
  while (std::size_t n = reader.nextBatch(batch)) {
    for (std::size_t i = 0; i < n; ++i) {
      const trace::TraceRequest& r = batch[i];
      if (r.size == 0) continue;
      ++ws.requests;
      if (seen.insert(r.id)) ws.uniqueBytes += r.size;
    }
  }
  ws.uniqueObjects = seen.size();
  return ws;
}

}  // namespace cdnsim::sim::cachesim
