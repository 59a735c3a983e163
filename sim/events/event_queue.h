#pragma once
// EventQueue: the simulator's discrete-event scheduler on a virtual clock (ns-3 style, see
// STYLE.md). An object, not a singleton: each run owns one.
//
// Order: events run by (time, insertion sequence), so events scheduled for the same instant run
// in the order they were scheduled. That is what makes a run deterministic.
//
// Storage: the heap is a 4-ary min-heap of 24-byte POD entries {time, seq, slot}; the callback
// lives in a slot of a flat array (inline 48-byte storage, see event_callback.h), slots are
// recycled through a free list. Scheduling allocates nothing once the arrays have grown to the
// run's peak number of pending events.
//
// Costs (n = entries in the heap, including cancelled ones not yet popped):
//   schedule / scheduleAt   O(log n)
//   cancel / isPending      O(1) amortised: the callback is destroyed at once, its heap entry is
//                           dropped lazily when it reaches the top, or by a compaction (O(n))
//                           once cancelled entries outnumber live ones (amortised O(1)).
//   run: per event          O(log n) pop + one indirect call
//   now / pending           O(1); nextEventTime O(1) plus dropping cancelled entries at the top
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
  // cancelled entries it finds at the top of the heap (each O(log n), paid once).
  std::optional<TimePoint> nextEventTime();

  // Events scheduled and neither fired nor cancelled.
  std::size_t pending() const { return pending_; }
  bool empty() const { return pending_ == 0; }
  // Events fired since construction (for throughput reports).
  std::uint64_t executed() const { return executed_; }

  // Pre-sizes the arrays for `events` simultaneously pending events.
  void reserve(std::size_t events);

 private:
  struct Entry {
    std::int64_t time;  // microseconds since the Unix epoch
    std::uint64_t seq;
    std::uint32_t slot;
  };
  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }

  void runLoop(bool bounded, std::int64_t limit);
  void pushEntry(const Entry& entry);
  void popTop();
  void siftDown(std::size_t index, Entry entry);
  void compact();
  bool live(const Entry& entry) const { return slotSeq_[entry.slot] == entry.seq; }

  TimePoint now_;
  std::uint64_t nextSeq_ = 1;
  std::vector<Entry> heap_;
  std::vector<EventCallback> callbacks_;  // indexed by slot
  std::vector<std::uint64_t> slotSeq_;    // seq of the pending event in each slot, 0 if none
  std::vector<std::uint32_t> freeSlots_;
  std::size_t pending_ = 0;
  std::size_t cancelledInHeap_ = 0;
  std::uint64_t executed_ = 0;
  bool stopRequested_ = false;
};

}  // namespace cdnsim::sim
