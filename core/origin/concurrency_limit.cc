#include "core/origin/concurrency_limit.h"

#include <algorithm>
#include <functional>

namespace cdnsim::core::origin {

ConcurrencyLimit::ConcurrencyLimit(std::uint32_t limit, std::uint32_t queue)
    : limit_(limit < 1 ? 1 : limit), queue_(queue) {
  freeAt_.reserve(limit_);
  startsAt_.reserve(std::min<std::uint32_t>(queue_, 4096));  // grows further only if used
}

void ConcurrencyLimit::dropStarted(TimePoint now) {
  while (!startsAt_.empty() && startsAt_.front() <= now) {
    std::pop_heap(startsAt_.begin(), startsAt_.end(), std::greater<>{});
    startsAt_.pop_back();
  }
}

std::size_t ConcurrencyLimit::queuedAt(TimePoint now) {
  dropStarted(now);
  return startsAt_.size();
}

ConcurrencyLimit::Admission ConcurrencyLimit::admit(TimePoint now, Duration service) {
  dropStarted(now);
  if (freeAt_.size() < limit_) {  // a slot that was never used
    freeAt_.push_back(now + service);
    std::push_heap(freeAt_.begin(), freeAt_.end(), std::greater<>{});
    return {true, Duration::zero()};
  }
  const TimePoint earliest = freeAt_.front();
  const TimePoint start = std::max(now, earliest);
  if (start > now && startsAt_.size() >= queue_) return {false, Duration::zero()};
  std::pop_heap(freeAt_.begin(), freeAt_.end(), std::greater<>{});
  freeAt_.back() = start + service;
  std::push_heap(freeAt_.begin(), freeAt_.end(), std::greater<>{});
  if (start > now) {
    startsAt_.push_back(start);
    std::push_heap(startsAt_.begin(), startsAt_.end(), std::greater<>{});
  }
  return {true, start - now};
}

}  // namespace cdnsim::core::origin
