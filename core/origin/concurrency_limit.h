#pragma once
// An origin that serves at most `limit` requests at once and queues up to `queue` more: the rest
// are refused at once with 503 (an overloaded origin, DG/http-503-service-unavailable.html). The
// queue is first come, first served: a request starts when the earliest of the busy slots frees,
// and keeps its slot for its whole service time even when the caller has stopped waiting (a
// CloudFront read timeout does not stop the origin's work, so retries add load).
//
// State: the time each slot frees (a min-heap of `limit` entries) and the start times of queued
// requests (a min-heap of at most `queue` entries); admit() is O(log limit + log queue) and
// allocates nothing once both heaps have reached their bound. Requests should be admitted in
// time order; one admitted slightly out of order is served as if it came in order.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/time.h"

namespace cdnsim::core::origin {

class ConcurrencyLimit {
 public:
  // limit >= 1 slots; queue >= 0 waiting places.
  ConcurrencyLimit(std::uint32_t limit, std::uint32_t queue);

  struct Admission {
    bool admitted = false;  // false: the queue is full (the origin answers 503)
    Duration wait{0};       // time queued before the request starts
  };
  // A request arriving at `now` that takes `service` once started.
  Admission admit(TimePoint now, Duration service);

  // Requests waiting at `now` (for tests and reports).
  std::size_t queuedAt(TimePoint now);

 private:
  void dropStarted(TimePoint now);

  std::uint32_t limit_;
  std::uint32_t queue_;
  std::vector<TimePoint> freeAt_;    // min-heap: when each busy slot frees
  std::vector<TimePoint> startsAt_;  // min-heap: start times of the queued requests
};

}  // namespace cdnsim::core::origin
