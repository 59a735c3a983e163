#pragma once
// A doubly linked list threaded through per-slot link arrays by index (CacheLib's MM containers
// do the same with pointers). Several lists may share one Links array as long as a slot is on at
// most one of them at a time, e.g. S3-FIFO's small and main queues or SLRU's two segments.
//
// Orientation: front = most recently inserted/promoted, back = next victim. All operations O(1);
// 8 bytes per slot for the links, 12 bytes per list.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/store/eviction_policy.h"

namespace cdnsim::core::store {

// Marks the end of a list inside Link (a terminator, like nullptr, not a value of the API).
inline constexpr SlotIndex kNilSlot = 0xFFFFFFFFu;

struct Link {
  SlotIndex prev = kNilSlot;  // towards the front
  SlotIndex next = kNilSlot;  // towards the back
};
using Links = std::vector<Link>;

// Grows a per-slot array so that `slot` is a valid index (geometric growth via resize).
template <class Vector>
inline void ensureSlot(Vector& v, SlotIndex slot) {
  if (slot >= v.size()) v.resize(static_cast<std::size_t>(slot) + 1);
}

class IntrusiveList {
 public:
  bool empty() const { return front_ == kNilSlot; }
  std::uint32_t size() const { return size_; }
  std::optional<SlotIndex> front() const { return wrap(front_); }
  std::optional<SlotIndex> back() const { return wrap(back_); }
  // The neighbour towards the front of `slot`, for hands that walk from the back (SIEVE).
  static std::optional<SlotIndex> prev(const Links& links, SlotIndex slot) {
    return wrap(links[slot].prev);
  }

  void pushFront(Links& links, SlotIndex slot) {
    links[slot] = Link{kNilSlot, front_};
    if (front_ != kNilSlot) links[front_].prev = slot;
    else back_ = slot;
    front_ = slot;
    ++size_;
  }

  void pushBack(Links& links, SlotIndex slot) {
    links[slot] = Link{back_, kNilSlot};
    if (back_ != kNilSlot) links[back_].next = slot;
    else front_ = slot;
    back_ = slot;
    ++size_;
  }

  void remove(Links& links, SlotIndex slot) {
    const Link l = links[slot];
    if (l.prev != kNilSlot) links[l.prev].next = l.next;
    else front_ = l.next;
    if (l.next != kNilSlot) links[l.next].prev = l.prev;
    else back_ = l.prev;
    links[slot] = Link{};
    --size_;
  }

  void moveToFront(Links& links, SlotIndex slot) {
    if (front_ == slot) return;
    remove(links, slot);
    pushFront(links, slot);
  }

  // Removes and returns the back (precondition: not empty).
  SlotIndex popBack(Links& links) {
    const SlotIndex slot = back_;
    remove(links, slot);
    return slot;
  }

 private:
  static std::optional<SlotIndex> wrap(SlotIndex s) {
    return s == kNilSlot ? std::nullopt : std::optional<SlotIndex>(s);
  }

  SlotIndex front_ = kNilSlot;
  SlotIndex back_ = kNilSlot;
  std::uint32_t size_ = 0;
};

}  // namespace cdnsim::core::store
