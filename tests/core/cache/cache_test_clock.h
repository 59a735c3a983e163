#pragma once
// The clock the cache/ tests share: times written as whole seconds after a fixed start.
#include <cstdint>

#include "core/time.h"

namespace cdnsim::testing {

inline constexpr core::TimePoint kCacheClockStart = core::fromUnixSeconds(1'800'000'000);

inline core::TimePoint cacheClockAt(std::int64_t s) { return kCacheClockStart + core::seconds(s); }

}  // namespace cdnsim::testing
