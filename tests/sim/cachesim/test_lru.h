#pragma once
// A deliberately naive LRU (list + map) used only by these tests, so the replay loop and the job
// runner are tested independently of the real policies in core/store/policies/.

#include <list>
#include <string_view>
#include <unordered_map>

#include "core/store/eviction_policy.h"

namespace cdnsim::sim::cachesim::testing {

class TestLru final : public core::store::EvictionPolicy {
 public:
  explicit TestLru(std::uint64_t capacity) : capacity_(capacity) {}

  std::string_view name() const override { return "test-lru"; }

  std::optional<core::store::SlotIndex> find(core::store::ObjectId id) override {
    auto it = index_.find(id);
    if (it == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);
    return 0;
  }

  std::optional<core::store::SlotIndex> insert(core::store::ObjectId id,
                                               std::uint64_t size) override {
    if (size > capacity_) return std::nullopt;
    while (used_ + size > capacity_) {
      used_ -= order_.back().second;
      index_.erase(order_.back().first);
      order_.pop_back();
    }
    order_.emplace_front(id, size);
    index_[id] = order_.begin();
    used_ += size;
    return 0;
  }

  bool erase(core::store::ObjectId id) override {
    auto it = index_.find(id);
    if (it == index_.end()) return false;
    used_ -= it->second->second;
    order_.erase(it->second);
    index_.erase(it);
    return true;
  }

  bool contains(core::store::ObjectId id) const override { return index_.count(id) != 0; }
  std::optional<core::store::SlotIndex> peek(core::store::ObjectId id) const override {
    return contains(id) ? std::optional<core::store::SlotIndex>(0) : std::nullopt;
  }
  std::uint64_t memoryBytes() const override { return 0; }  // not measured: tests only
  std::uint64_t usedUnits() const override { return used_; }
  std::uint64_t capacityUnits() const override { return capacity_; }
  std::uint64_t objectCount() const override { return index_.size(); }

 private:
  using Entry = std::pair<core::store::ObjectId, std::uint64_t>;
  std::uint64_t capacity_;
  std::uint64_t used_{0};
  std::list<Entry> order_;
  std::unordered_map<core::store::ObjectId, std::list<Entry>::iterator> index_;
};

}  // namespace cdnsim::sim::cachesim::testing
