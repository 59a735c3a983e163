#pragma once
// The working set of a trace, for cache sizes given as a fraction of it (issue item 5): the number
// of unique objects, and their unique bytes counting each object at the size of its first request.
// Zero-size requests are skipped, as in replay. Costs one streaming pass and ~16 bytes per object.

#include <cstdint>
#include <optional>

#include "sim/cachesim/size_overflow.h"
#include "sim/trace/trace_reader.h"

namespace cdnsim::sim::cachesim {

struct WorkingSet {
  std::uint64_t requests{0};  // non-zero-size requests seen
  std::uint64_t uniqueObjects{0};
  std::uint64_t uniqueBytes{0};  // the total before `overflow`, when set
  std::optional<SizeOverflow> overflow;
  bool operator==(const WorkingSet&) const = default;
};

// Reads `reader` to its end, or up to the first size that overflows the byte total (then
// `overflow` is set). On a trace error, returns what was counted so far; check reader.error().
WorkingSet measureWorkingSet(trace::TraceReader& reader);

}  // namespace cdnsim::sim::cachesim
