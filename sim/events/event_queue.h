#pragma once
// EventQueue: the simulator's discrete-event scheduler on a virtual clock (ns-3 style, see
// STYLE.md). An object, not a singleton: each run owns one.
//
// Order: events run by (time, insertion sequence), so events scheduled for the same instant run
// in the order they were scheduled. That is what makes a run deterministic.
//
// Storage: events live in one of two kinds of sorted containers, merged by the run loop.
//   - The heap: a 4-ary min-heap of 24-byte POD entries {time, seq, slot}, for any event.
//   - Lanes: one FIFO ring buffer of the same entries per constant delay (lane(delay), then
//     scheduleOn(lane, cb)). now() never goes back, so events appended with the same delay come in
//     non-decreasing time and increasing seq: each lane is sorted by (time, seq) by construction,
//     and appending is O(1) instead of a heap push. Most simulator events are scheduled with a
//     per-route constant delay (client->POP one-way, POP->REC one-way, ...), so this takes the bulk
//     of the events out of the big heap.
//   The lanes' heads are kept in a second, small 4-ary heap (one entry per non-empty lane, keyed by
//   its head's (time, seq)); each step of the run loop compares the two heaps' tops. The global
//   order is therefore exactly (time, seq), whichever container an event went through.
// The callback lives in a slot of a flat array (inline 48-byte storage, see event_callback.h),
// slots are recycled through a free list. Scheduling allocates nothing once the arrays and the
// lanes' rings have grown to the run's peak number of pending events.
//
// Costs (n = entries in the heap, L = non-empty lanes; both include cancelled entries not yet
// popped):
//   schedule / scheduleAt   O(log n)
//   lane                    O(lanes registered) (a scan; call it once per route and keep the id)
//   scheduleOn              O(1) amortised (ring append; O(log L) when the lane was empty)
//   cancel / isPending      O(1) amortised: the callback is destroyed at once, its heap or lane
//                           entry is dropped lazily when it reaches the front, or by a compaction
//                           (O(n + lane entries)) once cancelled entries outnumber live ones
//                           (amortised O(1)).
//   run: per event          one comparison of the two tops, then O(log n) for a heap event or
//                           O(log L) for a lane event (re-keying its lane), + one indirect call
//   now / pending           O(1); nextEventTime O(1) plus dropping cancelled entries at the fronts
// Memory: a lane's ring keeps the capacity of its peak (a power of two), it never shrinks.
// Measured (tools/bench/event_queue_bench.sh, 200 k requests in flight, 4 constant-delay hops and
// one arbitrary-delay arrival each): lanes run the same events about 1.5x faster than the heap
// alone, on the 2-core build machine.
//
// Re-entrancy: callbacks may schedule, cancel (including their own, already-fired id: a no-op)
// and call stop(). They must not call run()/runUntil() recursively.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/time.h"
#include "sim/events/event_callback.h"

namespace cdnsim::sim {

using core::Duration;
using core::TimePoint;

// Identifies one scheduled event. A default-constructed id names no event. Safe to cancel at any
// time: after the event has fired or been cancelled, cancel() simply returns false.
struct EventId {
  std::uint64_t seq = 0;   // insertion sequence (unique per queue, starts at 1)
  std::uint32_t slot = 0;  // where its callback is stored
  friend bool operator==(const EventId&, const EventId&) = default;
};

// Identifies a lane: a FIFO for events scheduled with one constant delay (see lane()). Only
// meaningful for the queue that returned it.
struct LaneId {
  std::uint32_t index = 0;
  friend bool operator==(const LaneId&, const LaneId&) = default;
};

class EventQueue {
 public:
  using Callback = EventCallback;

  explicit EventQueue(TimePoint start = TimePoint{}) : now_(start) {}
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;

  // Runs `callback` at now() + delay. A negative delay is treated as zero (runs after the events
  // already scheduled for now()).
  EventId schedule(Duration delay, Callback callback);
  // Runs `callback` at `when`. A time in the past is treated as now() (a precondition
  // violation that we keep deterministic rather than crash on).
  EventId scheduleAt(TimePoint when, Callback callback);

  // Returns the lane for a constant `delay`, registering it on first use: the same delay always
  // gives the same lane. A negative delay is treated as zero, as in schedule().
  LaneId lane(Duration delay);
  // Same as schedule(delay of `lane`, callback) — same time, same sequence number, same order
  // against every other event — but appended to the lane's FIFO in O(1). The returned id works
  // with cancel() and isPending() like any other.
  EventId scheduleOn(LaneId lane, Callback callback);
  // The same, with a hint for the prefetcher (see setPrefetcher); kNoHint gives none.
  EventId scheduleOn(LaneId lane, Callback callback, std::uint32_t hint);

  // Handlers: events that are a plain call `function(context, argument)`, for a simulator's
  // per-request steps. Such an event is its lane entry alone: no callback is stored, moved or
  // destroyed, which is most of what a callback event costs. It runs in exactly the order a
  // callback scheduled at the same point would, but cannot be cancelled.
  using HandlerFunction = void (*)(void* context, std::uint32_t argument);
  struct HandlerId {
    std::uint32_t index = 0;
  };
  // Registers a handler (call once per kind of step). With `argumentIsHint`, each event's argument
  // is also its prefetcher hint.
  HandlerId handler(HandlerFunction function, void* context, bool argumentIsHint);
  // Runs handler(argument) at now() + the lane's delay.
  void scheduleOn(LaneId lane, HandlerId handler, std::uint32_t argument);

  // Memory prefetching a few events ahead. Just before the run loop runs an event, it passes the
  // hints of the next two events (those that have one) to `prefetcher`, with their distance (1:
  // the next event, 2: the one after it, as far as the queue can tell now), so that it may start
  // loading what they will touch in stages: an event's own memory is usually long evicted by the
  // time it runs, while one event's work is about the time one memory load takes. A prefetcher
  // must change nothing but timing; the order of events is unaffected.
  using Prefetcher = void (*)(void* context, std::uint32_t hint, int distance);
  static constexpr std::uint32_t kNoHint = 0xFFFFFFFFu;
  void setPrefetcher(Prefetcher prefetcher, void* context) {
    prefetcher_ = prefetcher;
    prefetchContext_ = context;
  }

  // Cancels a pending event: returns true if it was pending (its callback is destroyed now), false
  // for an event that already fired, was already cancelled, or is unknown.
  bool cancel(EventId id);
  bool isPending(EventId id) const;

  // The virtual clock: the time of the event being run, or of the last one run, or the limit of
  // the last runUntil().
  TimePoint now() const { return now_; }

  // Runs events until none is left or stop() is called from a callback.
  void run();
  // Runs the events with time <= limit (events exactly at `limit` do run), then advances now() to
  // `limit` unless stop() was called (then now() stays at the event that called it). Events
  // after `limit` stay pending. A limit before now() runs nothing and leaves now() unchanged.
  void runUntil(TimePoint limit);
  // Asks run()/runUntil() to return once the current callback returns; remaining events stay
  // pending. Each run()/runUntil() call starts with the request cleared.
  void stop() { stopRequested_ = true; }

  // Time of the earliest pending event, nullopt when there is none. Not const: it drops the
  // cancelled entries it finds at the fronts of the heap and lanes (each paid once).
  std::optional<TimePoint> nextEventTime();

  // Events scheduled and neither fired nor cancelled.
  std::size_t pending() const { return pending_; }
  bool empty() const { return pending_ == 0; }
  // Events fired since construction (for throughput reports).
  std::uint64_t executed() const { return executed_; }

  // Pre-sizes the arrays for `events` simultaneously pending events (the lanes' rings grow on
  // their own, by doubling).
  void reserve(std::size_t events);

 private:
  struct Entry {
    std::int64_t time;  // microseconds since the Unix epoch
    std::uint64_t seq;
    // Callback slot, or kHandlerBit | handler index for a handler event; in laneHeap_, the lane's
    // index instead.
    std::uint32_t slot;
    std::uint32_t hint = kNoHint;  // for the prefetcher; a handler event's argument
  };
  static constexpr std::uint32_t kHandlerBit = 0x80000000u;
  struct Handler {
    HandlerFunction function;
    void* context;
    bool argumentIsHint;
  };
  std::uint32_t hintOf(const Entry& entry) const {
    if ((entry.slot & kHandlerBit) == 0) return entry.hint;
    return handlers_[entry.slot & ~kHandlerBit].argumentIsHint ? entry.hint : kNoHint;
  }
  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  // A FIFO ring of entries in (time, seq) order; capacity is a power of two (or zero).
  struct Lane {
    std::int64_t delay;  // microseconds, >= 0
    std::vector<Entry> ring;
    std::size_t head = 0;
    std::size_t size = 0;
    const Entry& front() const { return ring[head]; }
    void popFront() {
      head = (head + 1) & (ring.size() - 1);
      --size;
    }
    void pushBack(const Entry& entry);
  };

  std::uint32_t storeCallback(Callback&& callback, std::uint64_t seq);
  // Appends the entry {now() + the lane's delay, seq, slot, hint} to the lane; counts it pending.
  void appendToLane(LaneId lane, std::uint64_t seq, std::uint32_t slot, std::uint32_t hint);
  void runLoop(bool bounded, std::int64_t limit);
  static constexpr std::uint32_t kFromHeap = 0xFFFFFFFEu;
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // Where the earliest entry (live or cancelled) is: kFromHeap, a lane's index, or kNone. Seqs are
  // unique, so there are no ties between the two heaps.
  std::uint32_t earliestSource() const {
    if (laneHeap_.empty()) return heap_.empty() ? kNone : kFromHeap;
    if (heap_.empty() || before(laneHeap_.front(), heap_.front())) return laneHeap_.front().slot;
    return kFromHeap;
  }
  const Entry& frontOf(std::uint32_t source) const {
    return source == kFromHeap ? heap_.front() : lanes_[source].front();
  }
  void popFrom(std::uint32_t source);
  // The entry after frontOf(source) in (time, seq) order (null when none); `source` is the
  // earliest source. Lane heads and the 4-ary heaps' children are the only candidates.
  const Entry* secondAfter(std::uint32_t source) const;
  void prefetchAhead();
  static void heapPush(std::vector<Entry>& heap, const Entry& entry);
  static void heapPopTop(std::vector<Entry>& heap);
  static void siftDown(std::vector<Entry>& heap, std::size_t index, Entry entry);
  static void heapify(std::vector<Entry>& heap);
  void compact();
  bool live(const Entry& entry) const {
    return (entry.slot & kHandlerBit) != 0 || slotSeq_[entry.slot] == entry.seq;
  }

  TimePoint now_;
  std::uint64_t nextSeq_ = 1;
  std::vector<Entry> heap_;
  std::vector<Lane> lanes_;         // indexed by LaneId::index
  std::vector<Entry> laneHeap_;     // {head time, head seq, lane index} of each non-empty lane
  std::size_t laneEntries_ = 0;     // entries in all lanes, cancelled ones included
  std::vector<EventCallback> callbacks_;  // indexed by slot
  std::vector<std::uint64_t> slotSeq_;    // seq of the pending event in each slot, 0 if none
  std::vector<std::uint32_t> freeSlots_;
  std::vector<Handler> handlers_;  // indexed by HandlerId::index
  std::size_t pending_ = 0;
  std::size_t cancelledQueued_ = 0;  // cancelled entries still in the heap or a lane
  std::uint64_t executed_ = 0;
  bool stopRequested_ = false;
  Prefetcher prefetcher_ = nullptr;
  void* prefetchContext_ = nullptr;
};

}  // namespace cdnsim::sim
