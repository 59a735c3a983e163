// EventQueue implementation: a 4-ary heap (shallower than a binary heap, and the four children
// of a node share a cache line or two) plus constant-delay FIFO lanes whose heads sit in a second,
// small 4-ary heap; lazy deletion of cancelled entries in both.
#include "sim/events/event_queue.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace cdnsim::sim {

namespace {
constexpr std::size_t kArity = 4;
// Compaction only pays off for large heaps; below this many cancelled entries lazy deletion is
// cheaper than a rebuild.
constexpr std::size_t kCompactionFloor = 1024;
// First capacity of a lane's ring (a power of two, like every later one).
constexpr std::size_t kFirstLaneCapacity = 16;
}  // namespace

EventId EventQueue::schedule(Duration delay, Callback callback) {
  if (delay < Duration::zero()) delay = Duration::zero();
  return scheduleAt(now_ + delay, std::move(callback));
}

EventId EventQueue::scheduleAt(TimePoint when, Callback callback) {
  if (when < now_) when = now_;
  const std::uint64_t seq = nextSeq_++;
  const std::uint32_t slot = storeCallback(std::move(callback), seq);
  heapPush(heap_, Entry{when.time_since_epoch().count(), seq, slot, kNoHint});
  ++pending_;
  return EventId{seq, slot};
}

LaneId EventQueue::lane(Duration delay) {
  const std::int64_t micros = std::max<std::int64_t>(delay.count(), 0);
  for (std::size_t i = 0; i < lanes_.size(); ++i) {
    if (lanes_[i].delay == micros) return LaneId{static_cast<std::uint32_t>(i)};
  }
  lanes_.push_back(Lane{micros, {}, 0, 0});
  return LaneId{static_cast<std::uint32_t>(lanes_.size() - 1)};
}

EventId EventQueue::scheduleOn(LaneId laneId, Callback callback) {
  return scheduleOn(laneId, std::move(callback), kNoHint);
}

EventId EventQueue::scheduleOn(LaneId laneId, Callback callback, std::uint32_t hint) {
  const std::uint64_t seq = nextSeq_++;
  const std::uint32_t slot = storeCallback(std::move(callback), seq);
  appendToLane(laneId, seq, slot, hint);
  return EventId{seq, slot};
}

EventQueue::HandlerId EventQueue::handler(HandlerFunction function, void* context,
                                          bool argumentIsHint) {
  handlers_.push_back(Handler{function, context, argumentIsHint});
  return HandlerId{static_cast<std::uint32_t>(handlers_.size() - 1)};
}

void EventQueue::scheduleOn(LaneId laneId, HandlerId handlerId, std::uint32_t argument) {
  assert(handlerId.index < handlers_.size());
  appendToLane(laneId, nextSeq_++, kHandlerBit | handlerId.index, argument);
}

void EventQueue::appendToLane(LaneId laneId, std::uint64_t seq, std::uint32_t slot,
                              std::uint32_t hint) {
  assert(laneId.index < lanes_.size());
  Lane& lane = lanes_[laneId.index];
  const std::int64_t when = now_.time_since_epoch().count() + lane.delay;
  // now() never decreases, so a lane only ever receives times in non-decreasing order: appending
  // keeps it sorted by (time, seq). This is the invariant the whole lane design rests on.
  assert(lane.size == 0 || lane.ring[(lane.head + lane.size - 1) & (lane.ring.size() - 1)].time <= when);
  const bool wasEmpty = lane.size == 0;
  lane.pushBack(Entry{when, seq, slot, hint});
  if (wasEmpty) heapPush(laneHeap_, Entry{when, seq, laneId.index, kNoHint});
  ++laneEntries_;
  ++pending_;
}

std::uint32_t EventQueue::storeCallback(Callback&& callback, std::uint64_t seq) {
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
  slotSeq_[slot] = seq;
  return slot;
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
  ++cancelledQueued_;
  if (cancelledQueued_ >= kCompactionFloor && cancelledQueued_ * 2 > heap_.size() + laneEntries_) {
    compact();
  }
  return true;
}

std::optional<TimePoint> EventQueue::nextEventTime() {
  for (;;) {
    const std::uint32_t source = earliestSource();
    if (source == kNone) return std::nullopt;
    const Entry& front = frontOf(source);
    if (live(front)) return TimePoint(Duration(front.time));
    popFrom(source);
    --cancelledQueued_;
  }
}

void EventQueue::run() { runLoop(false, 0); }

void EventQueue::runUntil(TimePoint limit) {
  if (limit < now_) return;
  runLoop(true, limit.time_since_epoch().count());
  if (!stopRequested_ && limit > now_) now_ = limit;
}

void EventQueue::runLoop(bool bounded, std::int64_t limit) {
  stopRequested_ = false;
  while (!stopRequested_) {
    const std::uint32_t source = earliestSource();
    if (source == kNone) break;
    const Entry top = frontOf(source);
    if (bounded && top.time > limit) break;
    popFrom(source);
    if (!live(top)) {
      --cancelledQueued_;
      continue;
    }
    now_ = TimePoint(Duration(top.time));
    --pending_;
    ++executed_;
    if ((top.slot & kHandlerBit) != 0) {
      if (prefetcher_ != nullptr) prefetchAhead();
      const Handler& h = handlers_[top.slot & ~kHandlerBit];
      h.function(h.context, top.hint);
      continue;
    }
    // Move the callback out and free its slot first: the callback may schedule events, which may
    // reuse the slot or grow (and move) the slot arrays.
    EventCallback callback = std::move(callbacks_[top.slot]);
    slotSeq_[top.slot] = 0;
    freeSlots_.push_back(top.slot);
    if (prefetcher_ != nullptr) prefetchAhead();
    callback();
  }
}

void EventQueue::prefetchAhead() {
  const std::uint32_t next = earliestSource();
  if (next == kNone) return;
  // The farther one first, so that its first load starts as early as possible.
  const Entry* second = secondAfter(next);
  if (second != nullptr) {
    const std::uint32_t hint = hintOf(*second);
    if (hint != kNoHint) prefetcher_(prefetchContext_, hint, 2);
  }
  const std::uint32_t hint = hintOf(frontOf(next));
  if (hint != kNoHint) prefetcher_(prefetchContext_, hint, 1);
}

const EventQueue::Entry* EventQueue::secondAfter(std::uint32_t source) const {
  const Entry* best = nullptr;
  const auto consider = [&best](const Entry& e) {
    if (best == nullptr || before(e, *best)) best = &e;
  };
  const auto laneHead = [this](const Entry& keyed) -> const Entry& {
    return lanes_[keyed.slot].front();
  };
  if (source == kFromHeap) {
    for (std::size_t c = 1; c <= kArity && c < heap_.size(); ++c) consider(heap_[c]);
    if (!laneHeap_.empty()) consider(laneHead(laneHeap_.front()));
  } else {
    const Lane& lane = lanes_[source];
    if (lane.size > 1) consider(lane.ring[(lane.head + 1) & (lane.ring.size() - 1)]);
    for (std::size_t c = 1; c <= kArity && c < laneHeap_.size(); ++c) {
      consider(laneHead(laneHeap_[c]));
    }
    if (!heap_.empty()) consider(heap_.front());
  }
  return best;
}

void EventQueue::popFrom(std::uint32_t source) {
  if (source == kFromHeap) {
    heapPopTop(heap_);
    return;
  }
  // A lane is only ever popped while it is the lane heap's top; its new head can only be later,
  // so re-keying is a sift-down from the root.
  Lane& lane = lanes_[source];
  lane.popFront();
  --laneEntries_;
  if (lane.size == 0) {
    heapPopTop(laneHeap_);
  } else {
    const Entry& head = lane.front();
    siftDown(laneHeap_, 0, Entry{head.time, head.seq, source, kNoHint});
  }
}

void EventQueue::Lane::pushBack(const Entry& entry) {
  if (size == ring.size()) {
    // Grow by doubling and unwrap, so that the ring stays a power of two and the lane allocates
    // only until it has reached its peak.
    std::vector<Entry> grown(std::max(kFirstLaneCapacity, 2 * ring.size()));
    for (std::size_t i = 0; i < size; ++i) grown[i] = ring[(head + i) & (ring.size() - 1)];
    ring.swap(grown);
    head = 0;
  }
  ring[(head + size) & (ring.size() - 1)] = entry;
  ++size;
}

void EventQueue::reserve(std::size_t events) {
  heap_.reserve(events);
  callbacks_.reserve(events);
  slotSeq_.reserve(events);
  freeSlots_.reserve(events);
}

void EventQueue::heapPush(std::vector<Entry>& heap, const Entry& entry) {
  std::size_t index = heap.size();
  heap.push_back(entry);
  while (index > 0) {
    const std::size_t parent = (index - 1) / kArity;
    if (!before(entry, heap[parent])) break;
    heap[index] = heap[parent];
    index = parent;
  }
  heap[index] = entry;
}

void EventQueue::heapPopTop(std::vector<Entry>& heap) {
  const Entry last = heap.back();
  heap.pop_back();
  if (!heap.empty()) siftDown(heap, 0, last);
}

void EventQueue::siftDown(std::vector<Entry>& heap, std::size_t index, Entry entry) {
  const std::size_t size = heap.size();
  for (;;) {
    const std::size_t first = index * kArity + 1;
    if (first >= size) break;
    const std::size_t end = std::min(first + kArity, size);
    std::size_t best = first;
    for (std::size_t child = first + 1; child < end; ++child) {
      if (before(heap[child], heap[best])) best = child;
    }
    if (!before(heap[best], entry)) break;
    heap[index] = heap[best];
    index = best;
  }
  heap[index] = entry;
}

void EventQueue::heapify(std::vector<Entry>& heap) {
  // Floyd's bottom-up heap construction, O(n).
  if (heap.size() > 1) {
    for (std::size_t i = (heap.size() - 2) / kArity + 1; i-- > 0;) siftDown(heap, i, heap[i]);
  }
}

void EventQueue::compact() {
  std::erase_if(heap_, [this](const Entry& e) { return !live(e); });
  heapify(heap_);
  // Lanes: squeeze out cancelled entries in place, keeping the FIFO order, then rebuild the heap
  // of lane heads from scratch.
  laneHeap_.clear();
  laneEntries_ = 0;
  for (std::size_t index = 0; index < lanes_.size(); ++index) {
    Lane& lane = lanes_[index];
    const std::size_t mask = lane.ring.size() - 1;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < lane.size; ++i) {
      const Entry& e = lane.ring[(lane.head + i) & mask];
      if (live(e)) lane.ring[(lane.head + kept++) & mask] = e;
    }
    lane.size = kept;
    laneEntries_ += kept;
    if (kept > 0) {
      laneHeap_.push_back(Entry{lane.front().time, lane.front().seq,
                                static_cast<std::uint32_t>(index), kNoHint});
    }
  }
  heapify(laneHeap_);
  cancelledQueued_ = 0;
}

}  // namespace cdnsim::sim
