// EventQueue implementation: a 4-ary heap (shallower than a binary heap, and the four children
// of a node share a cache line or two) with lazy deletion of cancelled entries.
#include "sim/events/event_queue.h"

#include <algorithm>
#include <utility>

namespace cdnsim::sim {

namespace {
constexpr std::size_t kArity = 4;
// Compaction only pays off for large heaps; below this many cancelled entries lazy deletion is
// cheaper than a rebuild.
constexpr std::size_t kCompactionFloor = 1024;
}  // namespace

EventId EventQueue::schedule(Duration delay, Callback callback) {
  if (delay < Duration::zero()) delay = Duration::zero();
  return scheduleAt(now_ + delay, std::move(callback));
}

EventId EventQueue::scheduleAt(TimePoint when, Callback callback) {
  if (when < now_) when = now_;
  std::uint32_t slot;
  if (!freeSlots_.empty()) {
    slot = freeSlots_.back();
    freeSlots_.pop_back();
    callbacks_[slot] = std::move(callback);
  } else {
    slot = static_cast<std::uint32_t>(callbacks_.size());
    callbacks_.push_back(std::move(callback));
    slotSeq_.push_back(0);
  }
  const std::uint64_t seq = nextSeq_++;
  slotSeq_[slot] = seq;
  pushEntry(Entry{when.time_since_epoch().count(), seq, slot});
  ++pending_;
  return EventId{seq, slot};
}

bool EventQueue::isPending(EventId id) const {
  return id.seq != 0 && id.slot < slotSeq_.size() && slotSeq_[id.slot] == id.seq;
}

bool EventQueue::cancel(EventId id) {
  if (!isPending(id)) return false;
  callbacks_[id.slot].reset();
  slotSeq_[id.slot] = 0;
  freeSlots_.push_back(id.slot);
  --pending_;
  ++cancelledInHeap_;
  if (cancelledInHeap_ >= kCompactionFloor && cancelledInHeap_ * 2 > heap_.size()) compact();
  return true;
}

std::optional<TimePoint> EventQueue::nextEventTime() {
  while (!heap_.empty() && !live(heap_.front())) {
    popTop();
    --cancelledInHeap_;
  }
  if (heap_.empty()) return std::nullopt;
  return TimePoint(Duration(heap_.front().time));
}

void EventQueue::run() { runLoop(false, 0); }

void EventQueue::runUntil(TimePoint limit) {
  if (limit < now_) return;
  runLoop(true, limit.time_since_epoch().count());
  if (!stopRequested_ && limit > now_) now_ = limit;
}

void EventQueue::runLoop(bool bounded, std::int64_t limit) {
  stopRequested_ = false;
  while (!heap_.empty() && !stopRequested_) {
    const Entry top = heap_.front();
    if (bounded && top.time > limit) break;
    popTop();
    if (!live(top)) {
      --cancelledInHeap_;
      continue;
    }
    now_ = TimePoint(Duration(top.time));
    // Move the callback out and free its slot first: the callback may schedule events, which may
    // reuse the slot or grow (and move) the slot arrays.
    EventCallback callback = std::move(callbacks_[top.slot]);
    slotSeq_[top.slot] = 0;
    freeSlots_.push_back(top.slot);
    --pending_;
    ++executed_;
    callback();
  }
}

void EventQueue::reserve(std::size_t events) {
  heap_.reserve(events);
  callbacks_.reserve(events);
  slotSeq_.reserve(events);
  freeSlots_.reserve(events);
}

void EventQueue::pushEntry(const Entry& entry) {
  std::size_t index = heap_.size();
  heap_.push_back(entry);
  while (index > 0) {
    const std::size_t parent = (index - 1) / kArity;
    if (!before(entry, heap_[parent])) break;
    heap_[index] = heap_[parent];
    index = parent;
  }
  heap_[index] = entry;
}

void EventQueue::popTop() {
  const Entry last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) siftDown(0, last);
}

void EventQueue::siftDown(std::size_t index, Entry entry) {
  const std::size_t size = heap_.size();
  for (;;) {
    const std::size_t first = index * kArity + 1;
    if (first >= size) break;
    const std::size_t end = std::min(first + kArity, size);
    std::size_t best = first;
    for (std::size_t child = first + 1; child < end; ++child) {
      if (before(heap_[child], heap_[best])) best = child;
    }
    if (!before(heap_[best], entry)) break;
    heap_[index] = heap_[best];
    index = best;
  }
  heap_[index] = entry;
}

void EventQueue::compact() {
  std::erase_if(heap_, [this](const Entry& e) { return !live(e); });
  cancelledInHeap_ = 0;
  // Floyd's bottom-up heap construction, O(n).
  if (heap_.size() > 1) {
    for (std::size_t i = (heap_.size() - 2) / kArity + 1; i-- > 0;) siftDown(i, heap_[i]);
  }
}

}  // namespace cdnsim::sim
