#pragma once
// Request collapsing bookkeeping for one cache node (DG/RequestAndResponseBehaviorCustomOrigin.html,
// "Simultaneous requests for the same object (request collapsing)"): while one fetch for a cache
// key is in flight, later requests for that key wait for its answer instead of fetching again.
// The table only remembers who waits, in order; what a waiter is (a simulator flight id, a proxy
// session id) is the caller's: a 32-bit token. Whether a request may collapse at all (caching
// disabled, forwarded cookies, ...) is decided before calling join.
//
// Layout: an open-addressing hash table (linear probing, backward-shift deletion, power-of-two
// capacity, grown at 1/2 load) maps a key to the head and tail of a singly linked list of waiters
// kept in one pooled vector with a free list. Once the table and the pool have grown to the
// peak number of keys in flight and waiters, join and release allocate nothing.
// Costs: join, inFlight and release are O(1) expected (release also O(followers)).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cdnsim::core::node {

class CollapseTable {
 public:
  enum class Join : std::uint8_t {
    Leader,    // no fetch for the key was in flight; the caller fetches, one is now recorded
    Follower,  // a fetch is in flight; the token waits for it
  };

  // Leader: no fetch for `key` was in flight; one is now recorded (the leader is not in the
  // waiter list). Follower: a fetch is in flight; `token` is queued behind it (FIFO).
  Join join(std::uint64_t key, std::uint32_t token);
  bool inFlight(std::uint64_t key) const;
  // Starts loading the slot where a probe for `key` begins (a hint; changes nothing).
  void prefetch(std::uint64_t key) const;
  // Ends the fetch for `key`: appends its followers, in join order, to `out` and forgets the
  // key. No-op when none is in flight.
  void release(std::uint64_t key, std::vector<std::uint32_t>& out);

  std::size_t inFlightCount() const { return keys_; }
  std::size_t waiting() const { return waiting_; }  // followers queued over all keys

  // Storage reserved so far (for tests and memory accounting): hash slots, and waiter nodes.
  std::size_t slotCapacity() const { return slots_.size(); }
  std::size_t poolCapacity() const { return pool_.size(); }

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t head = kNone;  // first waiter (pool index), kNone when only the leader
    std::uint32_t tail = kNone;  // last waiter, for O(1) append
    bool used = false;           // keys may take any value, so occupancy has its own flag
  };
  struct Waiter {
    std::uint32_t token = 0;
    std::uint32_t next = kNone;  // next waiter of the same key, or next free node
  };

  std::size_t home(std::uint64_t key) const;
  // Slot holding `key`, or kNone.
  std::uint32_t find(std::uint64_t key) const;
  void grow();
  void erase(std::size_t index);
  std::uint32_t allocWaiter(std::uint32_t token);

  std::vector<Slot> slots_;    // size 0 or a power of two
  std::vector<Waiter> pool_;   // waiter nodes, live or on the free list
  std::uint32_t freeHead_ = kNone;
  std::size_t keys_ = 0;
  std::size_t waiting_ = 0;
};

}  // namespace cdnsim::core::node
