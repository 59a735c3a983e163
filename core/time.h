#pragma once
// Time in cdnsim: integral microseconds. core/ never reads a clock; callers pass `now`.
// The simulator's clock starts at a scenario-chosen Unix time so that HTTP dates are meaningful;
// the proxy passes the wall clock converted to the same type.

#include <chrono>
#include <cstdint>

namespace cdnsim::core {

using Duration = std::chrono::duration<std::int64_t, std::micro>;

// A clock type that only names the epoch (the Unix epoch); it has no now() on purpose.
struct UnixClock {
  using rep = std::int64_t;
  using period = std::micro;
  using duration = Duration;
  using time_point = std::chrono::time_point<UnixClock, Duration>;
  static constexpr bool is_steady = false;
};

using TimePoint = UnixClock::time_point;

constexpr Duration seconds(std::int64_t s) { return std::chrono::seconds(s); }
constexpr Duration millis(std::int64_t ms) { return std::chrono::milliseconds(ms); }

// Whole seconds, rounded down (HTTP's delta-seconds and dates have one-second resolution).
constexpr std::int64_t wholeSeconds(Duration d) {
  return std::chrono::floor<std::chrono::seconds>(d).count();
}
constexpr std::int64_t unixSeconds(TimePoint t) { return wholeSeconds(t.time_since_epoch()); }
constexpr TimePoint fromUnixSeconds(std::int64_t s) { return TimePoint(seconds(s)); }

}  // namespace cdnsim::core
