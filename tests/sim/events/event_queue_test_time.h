#pragma once
// Time helpers shared by the EventQueue tests: one start instant and µs conversions both ways.

#include <cstdint>

#include "core/time.h"

namespace cdnsim::testing {

inline constexpr core::TimePoint kQueueStart = core::fromUnixSeconds(1'700'000'000);

// `n` microseconds (the queue's tick).
inline core::Duration us(std::int64_t n) { return core::Duration(n); }

// Microseconds since the epoch, for logs that compare instants as numbers.
inline std::int64_t micros(core::TimePoint t) { return t.time_since_epoch().count(); }

}  // namespace cdnsim::testing
