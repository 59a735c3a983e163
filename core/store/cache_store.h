#pragma once
// CacheStore<Entry>: an eviction policy plus the caller's per-object data (for a CDN node: the
// response's freshness metadata and validators), kept in a flat vector indexed by the policy's
// SlotIndex, so one hash lookup serves both. Expired entries are not removed here: they stay
// until evicted, because a stale copy still serves revalidation (RFC 9111 section 4.3).
//
// Not thread-safe. Entry must be default-constructible and movable; a slot's Entry is reset to
// Entry{} when its object is evicted or erased.

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/store/eviction_policy.h"

namespace cdnsim::core::store {

// What the policy's capacity counts. Byte caches model real nodes; object-count caches exist for
// comparison with studies that count objects (the policy then sees every object as 1 unit).
enum class CapacityUnit : std::uint8_t { kBytes, kObjects };

template <class Entry>
class CacheStore {
 public:
  // `policy` was made with its capacity in `unit`s.
  explicit CacheStore(std::unique_ptr<EvictionPolicy> policy,
                      CapacityUnit unit = CapacityUnit::kBytes)
      : policy_(std::move(policy)), unit_(unit) {
    policy_->setEvictionListener(&CacheStore::onEvicted, this);
  }
  CacheStore(const CacheStore&) = delete;  // the listener holds `this`
  CacheStore& operator=(const CacheStore&) = delete;

  // A lookup that counts as an access (promotes the object). nullptr on a miss.
  Entry* find(ObjectId id) {
    const auto slot = policy_->find(id);
    return slot ? &entries_[*slot] : nullptr;
  }

  // A lookup that is not an access (revalidation bookkeeping, explain). nullptr on a miss.
  Entry* peek(ObjectId id) {
    const auto slot = policy_->peek(id);
    return slot ? &entries_[*slot] : nullptr;
  }

  // Precondition: `id` is not cached. Stores `entry` if the policy admits the object of `size`
  // bytes (evicting as needed); returns the stored entry, or nullptr when not admitted (larger
  // than the capacity, or refused by an admission filter).
  Entry* insert(ObjectId id, std::uint64_t size, Entry entry) {
    const auto slot = policy_->insert(id, unit_ == CapacityUnit::kBytes ? size : 1);
    if (!slot) return nullptr;
    if (*slot >= entries_.size()) entries_.resize(static_cast<std::size_t>(*slot) + 1);
    entries_[*slot] = std::move(entry);
    return &entries_[*slot];
  }

  // Removes `id` if cached; returns whether it was.
  bool erase(ObjectId id) {
    const auto slot = policy_->peek(id);
    if (!slot) return false;
    policy_->erase(id);
    entries_[*slot] = Entry{};
    return true;
  }

  bool contains(ObjectId id) const { return policy_->contains(id); }
  void prefetch(ObjectId id) const { policy_->prefetch(id); }
  const EvictionPolicy& policy() const { return *policy_; }
  std::uint64_t evictions() const { return evictions_; }

 private:
  static void onEvicted(void* self, ObjectId, SlotIndex slot) {
    auto* store = static_cast<CacheStore*>(self);
    store->entries_[slot] = Entry{};
    ++store->evictions_;
  }

  std::unique_ptr<EvictionPolicy> policy_;
  CapacityUnit unit_;
  std::vector<Entry> entries_;
  std::uint64_t evictions_ = 0;
};

}  // namespace cdnsim::core::store
