#pragma once
// Obviously-correct, slow reference policies (std::list / std::map, linear scans) used to
// cross-check the real ones request by request. Each mirrors the documented semantics of its
// policy in core/store/policies/, including zero-size objects counting as one unit.

#include <cstdint>
#include <list>
#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

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

// LFU: evict the smallest (frequency, time of last access) by a linear scan.
class Lfu {
 public:
  explicit Lfu(std::uint64_t capacity) : capacity_(capacity) {}
  bool access(ObjectId id, std::uint64_t size) {
    ++tick_;
    for (Item& item : items_) {
      if (item.id != id) continue;
      ++item.freq;
      item.lastUse = tick_;
      return true;
    }
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    while (used_ + u > capacity_) {
      auto victim = std::min_element(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
        return a.freq != b.freq ? a.freq < b.freq : a.lastUse < b.lastUse;
      });
      used_ -= victim->size;
      items_.erase(victim);
    }
    items_.push_back(Item{id, u, 1, tick_});
    used_ += u;
    return false;
  }

 private:
  std::uint64_t capacity_;
  std::uint64_t used_ = 0;
  std::uint64_t tick_ = 0;
  std::list<Item> items_;
};

// CLOCK as a queue: front = newest; the oldest with its bit set goes back to the front.
class Clock {
 public:
  explicit Clock(std::uint64_t capacity) : capacity_(capacity) {}
  bool access(ObjectId id, std::uint64_t size) {
    for (Item& item : items_) {
      if (item.id != id) continue;
      item.freq = 1;
      return true;
    }
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    while (used_ + u > capacity_) {
      Item oldest = items_.back();
      items_.pop_back();
      if (oldest.freq == 1) {
        oldest.freq = 0;
        items_.push_front(oldest);
      } else {
        used_ -= oldest.size;
      }
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

// SIEVE: items_ runs oldest first; the hand names an item, or none (start at the oldest).
class Sieve {
 public:
  explicit Sieve(std::uint64_t capacity) : capacity_(capacity) {}
  bool access(ObjectId id, std::uint64_t size) {
    for (Item& item : items_) {
      if (item.id != id) continue;
      item.freq = 1;
      return true;
    }
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    while (used_ + u > capacity_) evictOne();
    items_.push_back(Item{id, u});
    used_ += u;
    return false;
  }

 private:
  void evictOne() {
    std::size_t i = 0;
    if (hand_) {
      while (items_[i].id != *hand_) ++i;
    }
    while (items_[i].freq == 1) {
      items_[i].freq = 0;
      i = i + 1 == items_.size() ? 0 : i + 1;
    }
    hand_ = i + 1 < items_.size() ? std::optional<ObjectId>(items_[i + 1].id) : std::nullopt;
    used_ -= items_[i].size;
    items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i));
  }

  std::uint64_t capacity_;
  std::uint64_t used_ = 0;
  std::vector<Item> items_;
  std::optional<ObjectId> hand_;
};

// S3-FIFO straight from the paper's Algorithm 1 with the choices documented in s3fifo.h.
class S3Fifo {
 public:
  explicit S3Fifo(std::uint64_t capacity)
      : capacity_(capacity),
        smallCapacity_(static_cast<std::uint64_t>(static_cast<double>(capacity) * 0.10)),
        mainCapacity_(capacity - smallCapacity_),
        ghostCapacity_(static_cast<std::uint64_t>(static_cast<double>(capacity) * 0.90)) {}

  bool access(ObjectId id, std::uint64_t size) {
    for (std::list<Item>* queue : {&small_, &main_}) {
      for (Item& item : *queue) {
        if (item.id != id) continue;
        item.freq = std::min(item.freq + 1, 3);
        return true;
      }
    }
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    while (unitsOf(small_) + unitsOf(main_) + u > capacity_) {
      if (!small_.empty() && (unitsOf(small_) >= smallCapacity_ || main_.empty())) evictSmall();
      else evictMain();
    }
    auto ghost = std::find_if(ghost_.begin(), ghost_.end(), [&](const Item& g) { return g.id == id; });
    if (ghost != ghost_.end()) {
      ghost_.erase(ghost);
      main_.push_front(Item{id, u});
    } else {
      small_.push_front(Item{id, u});
    }
    return false;
  }

 private:
  static std::uint64_t unitsOf(const std::list<Item>& queue) {
    std::uint64_t total = 0;
    for (const Item& item : queue) total += item.size;
    return total;
  }
  void evictSmall() {
    while (!small_.empty()) {
      Item oldest = small_.back();
      small_.pop_back();
      if (oldest.freq >= 1) {
        oldest.freq = 0;
        main_.push_front(oldest);
        while (unitsOf(main_) > mainCapacity_) evictMain();
        continue;
      }
      auto same = std::find_if(ghost_.begin(), ghost_.end(),
                               [&](const Item& g) { return g.id == oldest.id; });
      if (same != ghost_.end()) ghost_.erase(same);
      if (oldest.size <= ghostCapacity_) {
        ghost_.push_front(oldest);
        while (unitsOf(ghost_) > ghostCapacity_) ghost_.pop_back();
      }
      return;
    }
  }
  void evictMain() {
    for (;;) {
      Item oldest = main_.back();
      main_.pop_back();
      if (oldest.freq > 0) {
        --oldest.freq;
        main_.push_front(oldest);
        continue;
      }
      return;
    }
  }

  std::uint64_t capacity_, smallCapacity_, mainCapacity_, ghostCapacity_;
  std::list<Item> small_, main_, ghost_;
};

}  // namespace cdnsim::core::store::reference
