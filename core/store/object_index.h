#pragma once
// The id -> slot table every eviction policy composes, plus the slot allocator.
//
// A slot is a small integer naming one cached object; policies and CacheStore keep per-object
// data in flat vectors indexed by it, so SlotIndex means the same thing in every policy. Slots are
// reused (last freed, first reused) so the arrays grow with the number of cached objects, never
// with the number of requests.
//
// The table is open addressing over a power-of-two array of 8-byte buckets {tag, slot}, linear
// probing, grown at 70% load, deletion by backward shift (no tombstones, so probe lengths do not
// degrade under churn). The tag is the upper 32 bits of the id's hash; its top bits are also the
// bucket's home position, so rehashing and deletion never touch the id array. A tag match is
// confirmed against the slot's id.
//
// Sizes are kept in 32 bits; the rare object of 4 GiB or more keeps its size in a side map, so
// the common case pays 4 bytes instead of 8 (the per-object budget in DESIGN.md is tight).
//
// Costs: find/add/remove expected O(1). Memory: 8 bytes per bucket (11-22 bytes per object at
// 35-70% load) + 12 bytes per slot (id, size) + 4 bytes per free slot.

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/store/eviction_policy.h"

namespace cdnsim::core::store {

// MurmurHash3's 64-bit finalizer: a bijective mixer, so sequential ids spread over the table.
constexpr std::uint64_t mixId(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  x ^= x >> 33;
  return x;
}

class ObjectIndex {
 public:
  ObjectIndex();

  std::optional<SlotIndex> find(ObjectId id) const {
    const std::uint32_t tag = tagOf(id);
    for (std::size_t i = tag >> shift_;; i = (i + 1) & mask_) {
      const Bucket b = buckets_[i];
      if (b.slot == kEmpty) return std::nullopt;
      if (b.tag == tag && records_[b.slot].id() == id) return b.slot;
    }
  }

  // Starts loading the bucket where a lookup of `id` begins.
  void prefetch(ObjectId id) const { __builtin_prefetch(&buckets_[tagOf(id) >> shift_]); }
  // Starts loading `slot`'s id and size (which an eviction of it reads first).
  void prefetchRecord(SlotIndex slot) const { __builtin_prefetch(&records_[slot]); }

  // Precondition: `id` is not present. Returns the slot now naming it.
  SlotIndex add(ObjectId id, std::uint64_t size);

  // Frees `slot` (which must be in use) and removes its id from the table.
  void remove(SlotIndex slot);

  ObjectId id(SlotIndex slot) const { return records_[slot].id(); }
  std::uint64_t size(SlotIndex slot) const {
    const std::uint32_t s = records_[slot].size;
    return s != kHugeSize ? s : hugeSizes_.at(slot);
  }

  std::uint64_t count() const { return count_; }
  // One past the highest slot ever handed out: per-slot arrays must be at least this long.
  std::size_t slotLimit() const { return records_.size(); }

  // Prepares for `objects` entries without rehashing or reallocating.
  void reserve(std::size_t objects);

  // Heap bytes held (capacity, not size, of every array).
  std::uint64_t memoryBytes() const;

 private:
  struct Bucket {
    std::uint32_t tag;
    SlotIndex slot;
  };
  static constexpr SlotIndex kEmpty = 0xFFFFFFFFu;
  // A slot's id and size side by side in 12 bytes (4-byte aligned halves, no padding), so that
  // reading both, as every eviction does, costs one cache miss.
  struct SlotRecord {
    std::uint32_t idLow;
    std::uint32_t idHigh;
    std::uint32_t size;
    ObjectId id() const { return (ObjectId{idHigh} << 32) | idLow; }
    static SlotRecord of(ObjectId id, std::uint32_t size) {
      return {static_cast<std::uint32_t>(id), static_cast<std::uint32_t>(id >> 32), size};
    }
  };
  // SlotRecord::size value meaning "look in hugeSizes_".
  static constexpr std::uint32_t kHugeSize = 0xFFFFFFFFu;

  static std::uint32_t tagOf(ObjectId id) { return static_cast<std::uint32_t>(mixId(id) >> 32); }
  std::size_t home(std::uint32_t tag) const { return tag >> shift_; }
  void rehash(unsigned bits);
  void placeBucket(Bucket b);

  std::vector<Bucket> buckets_;
  std::size_t mask_ = 0;
  unsigned bits_ = 0;
  unsigned shift_ = 32;
  std::uint64_t count_ = 0;
  std::vector<SlotRecord> records_;
  std::unordered_map<SlotIndex, std::uint64_t> hugeSizes_;
  std::vector<SlotIndex> freeSlots_;
};

}  // namespace cdnsim::core::store
