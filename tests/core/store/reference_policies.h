#pragma once
// Obviously-correct, slow reference policies (std::list / std::map, linear scans) used to
// cross-check the real ones request by request. Each mirrors the documented semantics of its
// policy in core/store/policies/, including zero-size objects counting as one unit.

#include <cstdint>
#include <list>
#include <map>
#include <unordered_map>

#include "core/store/eviction_policy.h"

namespace cdnsim::core::store::reference {

inline std::uint64_t units(std::uint64_t size) { return size == 0 ? 1 : size; }

struct Item {
  ObjectId id;
  std::uint64_t size;
  int freq = 0;    // LFU: accesses while cached; CLOCK/SIEVE: reference bit; S3-FIFO: 0..3
  std::uint64_t lastUse = 0;
};

// Front = newest. Returns true on a hit.
class Lru {
 public:
  explicit Lru(std::uint64_t capacity) : capacity_(capacity) {}
  bool access(ObjectId id, std::uint64_t size) {
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      if (it->id != id) continue;
      items_.splice(items_.begin(), items_, it);
      return true;
    }
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    while (used_ + u > capacity_) {
      used_ -= items_.back().size;
      items_.pop_back();
    }
    items_.push_front(Item{id, u});
    used_ += u;
    return false;
  }

 private:
  std::uint64_t capacity_;
  std::uint64_t used_ = 0;
  std::list<Item> items_;
};

class Fifo {
 public:
  explicit Fifo(std::uint64_t capacity) : capacity_(capacity) {}
  bool access(ObjectId id, std::uint64_t size) {
    for (const Item& item : items_) {
      if (item.id == id) return true;
    }
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    while (used_ + u > capacity_) {
      used_ -= items_.back().size;
      items_.pop_back();
    }
    items_.push_front(Item{id, u});
    used_ += u;
    return false;
  }

 private:
  std::uint64_t capacity_;
  std::uint64_t used_ = 0;
  std::list<Item> items_;
};

}  // namespace cdnsim::core::store::reference
