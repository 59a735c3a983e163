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
#include "core/store/frequency_sketch.h"

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

// Helpers for the list-based references below.
inline std::list<Item>::iterator findIn(std::list<Item>& list, ObjectId id) {
  return std::find_if(list.begin(), list.end(), [&](const Item& i) { return i.id == id; });
}
inline std::uint64_t unitsIn(const std::list<Item>& list) {
  std::uint64_t total = 0;
  for (const Item& item : list) total += item.size;
  return total;
}

// SLRU: probation and protected, front = most recent.
class Slru {
 public:
  explicit Slru(std::uint64_t capacity)
      : capacity_(capacity),
        protectedCapacity_(static_cast<std::uint64_t>(static_cast<double>(capacity) * 0.8)) {}
  bool access(ObjectId id, std::uint64_t size) {
    if (auto it = findIn(protected_, id); it != protected_.end()) {
      protected_.splice(protected_.begin(), protected_, it);
      return true;
    }
    if (auto it = findIn(probation_, id); it != probation_.end()) {
      protected_.splice(protected_.begin(), probation_, it);
      while (unitsIn(protected_) > protectedCapacity_) {
        probation_.splice(probation_.begin(), protected_, std::prev(protected_.end()));
      }
      return true;
    }
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    while (unitsIn(probation_) + unitsIn(protected_) + u > capacity_) {
      (probation_.empty() ? protected_ : probation_).pop_back();
    }
    probation_.push_front(Item{id, u});
    return false;
  }

 private:
  std::uint64_t capacity_, protectedCapacity_;
  std::list<Item> probation_, protected_;
};

// 2Q (full version): A1in FIFO, A1out ghost FIFO (units), Am LRU; front = newest.
class TwoQ {
 public:
  explicit TwoQ(std::uint64_t capacity)
      : capacity_(capacity),
        kin_(static_cast<std::uint64_t>(static_cast<double>(capacity) * 0.25)),
        kout_(static_cast<std::uint64_t>(static_cast<double>(capacity) * 0.5)) {}
  bool access(ObjectId id, std::uint64_t size) {
    if (auto it = findIn(am_, id); it != am_.end()) {
      am_.splice(am_.begin(), am_, it);
      return true;
    }
    if (findIn(a1in_, id) != a1in_.end()) return true;
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    bool seen = false;
    if (auto it = findIn(a1out_, id); it != a1out_.end()) {
      a1out_.erase(it);
      seen = true;
    }
    while (unitsIn(a1in_) + unitsIn(am_) + u > capacity_) {
      if (!a1in_.empty() && (unitsIn(a1in_) > kin_ || am_.empty())) {
        Item oldest = a1in_.back();
        a1in_.pop_back();
        if (oldest.size <= kout_) {
          a1out_.push_front(oldest);
          while (unitsIn(a1out_) > kout_) a1out_.pop_back();
        }
      } else {
        am_.pop_back();
      }
    }
    (seen ? am_ : a1in_).push_front(Item{id, u});
    return false;
  }

 private:
  std::uint64_t capacity_, kin_, kout_;
  std::list<Item> a1in_, a1out_, am_;
};

// ARC exactly as in Megiddo & Modha's Figure 4, unit sizes only (sizes are ignored), with
// integer adaptation steps.
class Arc {
 public:
  explicit Arc(std::uint64_t capacity) : c_(capacity) {}
  bool access(ObjectId id, std::uint64_t) {
    for (std::list<Item>* l : {&t1_, &t2_}) {
      if (auto it = findIn(*l, id); it != l->end()) {
        t2_.splice(t2_.begin(), *l, it);
        return true;
      }
    }
    if (c_ == 0) return false;
    if (auto it = findIn(b1_, id); it != b1_.end()) {
      p_ = std::min(c_, p_ + std::max<std::uint64_t>(1, b2_.size() / b1_.size()));
      replace(false);
      t2_.splice(t2_.begin(), b1_, it);
      return false;
    }
    if (auto it = findIn(b2_, id); it != b2_.end()) {
      const std::uint64_t delta = std::max<std::uint64_t>(1, b1_.size() / b2_.size());
      p_ = p_ > delta ? p_ - delta : 0;
      replace(true);
      t2_.splice(t2_.begin(), b2_, it);
      return false;
    }
    if (t1_.size() + b1_.size() == c_) {
      if (t1_.size() < c_) {
        b1_.pop_back();
        replace(false);
      } else {
        t1_.pop_back();
      }
    } else if (t1_.size() + t2_.size() + b1_.size() + b2_.size() >= c_) {
      if (t1_.size() + t2_.size() + b1_.size() + b2_.size() == 2 * c_) b2_.pop_back();
      replace(false);
    }
    t1_.push_front(Item{id, 1});
    return false;
  }

 private:
  void replace(bool inB2) {
    if (t1_.size() + t2_.size() < c_) return;  // room left: nothing to replace
    const bool fromT1 = !t1_.empty() && ((inB2 && t1_.size() == p_) || t1_.size() > p_ || t2_.empty());
    if (fromT1) b1_.splice(b1_.begin(), t1_, std::prev(t1_.end()));
    else b2_.splice(b2_.begin(), t2_, std::prev(t2_.end()));
  }

  std::uint64_t c_;
  std::uint64_t p_ = 0;
  std::list<Item> t1_, t2_, b1_, b2_;
};

// GDSF: linear scan for the lowest (priority, time the priority was set).
class Gdsf {
 public:
  explicit Gdsf(std::uint64_t capacity) : capacity_(capacity) {}
  bool access(ObjectId id, std::uint64_t size) {
    for (Entry& e : entries_) {
      if (e.id != id) continue;
      ++e.frequency;
      e.priority = inflation_ + static_cast<double>(e.frequency) / static_cast<double>(e.size);
      e.sequence = ++sequence_;
      return true;
    }
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    while (used_ + u > capacity_) {
      auto victim = std::min_element(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
        return a.priority != b.priority ? a.priority < b.priority : a.sequence < b.sequence;
      });
      inflation_ = victim->priority;
      used_ -= victim->size;
      entries_.erase(victim);
    }
    entries_.push_back(Entry{id, u, 1, inflation_ + 1.0 / static_cast<double>(u), ++sequence_});
    used_ += u;
    return false;
  }

 private:
  struct Entry {
    ObjectId id;
    std::uint64_t size;
    std::uint64_t frequency;
    double priority;
    std::uint64_t sequence;
  };
  std::uint64_t capacity_;
  std::uint64_t used_ = 0;
  double inflation_ = 0;
  std::uint64_t sequence_ = 0;
  std::vector<Entry> entries_;
};

// LIRS with std::list for S (front = top), Q (back = next victim) and the non-resident ids
// (back = non-resident longest), and a std::map of statuses; the bounds of lirs.h.
class Lirs {
 public:
  explicit Lirs(std::uint64_t capacity)
      : capacity_(capacity),
        lirCapacity_(capacity - std::min<std::uint64_t>(capacity, std::max<std::uint64_t>(
                                                                      1, capacity / 100))),
        nonResidentCapacity_(capacity) {}

  bool access(ObjectId id, std::uint64_t size) {
    auto it = meta_.find(id);
    if (it != meta_.end() && it->second.status != kNonResident) {
      Meta& m = it->second;
      const bool inS = contains(s_, id);
      if (m.status == kLir) {
        const bool wasBottom = s_.back() == id;
        toTop(id);
        if (wasBottom) prune();
      } else if (inS) {
        toTop(id);
        q_.remove(id);
        m.status = kLir;
        lirUnits_ += m.size;
        while (lirUnits_ > lirCapacity_) demote();
      } else {
        toTop(id);
        q_.remove(id);
        q_.push_front(id);
      }
      return true;
    }
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    const bool wasInS = it != meta_.end();
    if (wasInS) forget(id);
    while (used_ + u > capacity_) {
      if (q_.empty()) demote();
      evictFromQ();
    }
    const bool lir = lirUnits_ + u <= lirCapacity_ || wasInS;
    meta_[id] = Meta{lir ? kLir : kResident, u};
    used_ += u;
    s_.push_front(id);
    if (lir) {
      lirUnits_ += u;
      while (lirUnits_ > lirCapacity_) demote();
    } else {
      q_.push_front(id);
    }
    return false;
  }

 private:
  enum Status { kLir, kResident, kNonResident };
  struct Meta {
    Status status;
    std::uint64_t size;
  };
  static bool contains(const std::list<ObjectId>& l, ObjectId id) {
    return std::find(l.begin(), l.end(), id) != l.end();
  }
  void toTop(ObjectId id) {
    s_.remove(id);
    s_.push_front(id);
  }
  void forget(ObjectId id) {
    s_.remove(id);
    Meta& m = meta_.at(id);
    if (m.status == kNonResident) {
      nonResident_.remove(id);
      nonResidentUnits_ -= m.size;
    } else {
      used_ -= m.size;
    }
    meta_.erase(id);
  }
  void prune() {
    while (!s_.empty() && meta_.at(s_.back()).status != kLir) {
      if (meta_.at(s_.back()).status == kNonResident) forget(s_.back());
      else s_.pop_back();
    }
  }
  void demote() {
    const ObjectId bottom = s_.back();
    s_.pop_back();
    Meta& m = meta_.at(bottom);
    m.status = kResident;
    lirUnits_ -= m.size;
    q_.push_front(bottom);
    prune();
  }
  void evictFromQ() {
    const ObjectId victim = q_.back();
    q_.pop_back();
    Meta& m = meta_.at(victim);
    used_ -= m.size;
    if (!contains(s_, victim)) {
      meta_.erase(victim);
      return;
    }
    m.status = kNonResident;
    nonResident_.push_front(victim);
    nonResidentUnits_ += m.size;
    while (nonResidentUnits_ > nonResidentCapacity_) forget(nonResident_.back());
  }

  std::uint64_t capacity_, lirCapacity_, nonResidentCapacity_;
  std::uint64_t used_ = 0, lirUnits_ = 0, nonResidentUnits_ = 0;
  std::list<ObjectId> s_, q_, nonResident_;
  std::map<ObjectId, Meta> meta_;
};

// W-TinyLFU with std::list segments; it shares the real FrequencySketch (tested on its own in
// frequency_sketch_test.cc), so this checks the window / SLRU / admission logic.
class WTinyLfu {
 public:
  explicit WTinyLfu(std::uint64_t capacity)
      : capacity_(capacity),
        windowCapacity_(capacity - static_cast<std::uint64_t>(static_cast<double>(capacity) * 0.99)),
        mainCapacity_(capacity - windowCapacity_),
        protectedCapacity_(static_cast<std::uint64_t>(static_cast<double>(mainCapacity_) * 0.8)),
        sketch_(std::min<std::uint64_t>(capacity, 1024)) {}

  bool access(ObjectId id, std::uint64_t size) {
    if (auto it = findIn(window_, id); it != window_.end()) {
      sketch_.record(id);
      window_.splice(window_.begin(), window_, it);
      return true;
    }
    if (auto it = findIn(protected_, id); it != protected_.end()) {
      sketch_.record(id);
      protected_.splice(protected_.begin(), protected_, it);
      return true;
    }
    if (auto it = findIn(probation_, id); it != probation_.end()) {
      sketch_.record(id);
      protected_.splice(protected_.begin(), probation_, it);
      while (unitsIn(protected_) > protectedCapacity_) {
        probation_.splice(probation_.begin(), protected_, std::prev(protected_.end()));
      }
      return true;
    }
    sketch_.record(id);
    const std::uint64_t u = units(size);
    if (u > capacity_) return false;
    window_.push_front(Item{id, u});
    while (unitsIn(window_) > windowCapacity_) {
      const Item candidate = window_.back();
      window_.pop_back();
      if (candidate.size > mainCapacity_) continue;
      bool admitted = true;
      while (unitsIn(probation_) + unitsIn(protected_) + candidate.size > mainCapacity_) {
        std::list<Item>& from = probation_.empty() ? protected_ : probation_;
        if (sketch_.estimate(candidate.id) <= sketch_.estimate(from.back().id)) {
          admitted = false;
          break;
        }
        from.pop_back();
      }
      if (admitted) probation_.push_front(candidate);
    }
    const std::uint64_t count = window_.size() + probation_.size() + protected_.size();
    if (count > sketch_.expectedObjects()) sketch_.resize(2 * sketch_.expectedObjects());
    return false;
  }

 private:
  std::uint64_t capacity_, windowCapacity_, mainCapacity_, protectedCapacity_;
  std::list<Item> window_, probation_, protected_;
  FrequencySketch sketch_;
};

}  // namespace cdnsim::core::store::reference
