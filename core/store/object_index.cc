// ObjectIndex: open-addressing id -> slot table with backward-shift deletion, and the slot
// allocator. See object_index.h for the layout and its costs.

#include "core/store/object_index.h"

namespace cdnsim::core::store {

namespace {
constexpr unsigned kMinBits = 4;
}  // namespace

ObjectIndex::ObjectIndex() { rehash(kMinBits); }

void ObjectIndex::rehash(unsigned bits) {
  std::vector<Bucket> old;
  old.swap(buckets_);
  bits_ = bits;
  shift_ = 32 - bits;
  buckets_.assign(std::size_t{1} << bits, Bucket{0, kEmpty});
  mask_ = buckets_.size() - 1;
  for (const Bucket b : old) {
    if (b.slot != kEmpty) placeBucket(b);
  }
}

void ObjectIndex::placeBucket(Bucket b) {
  std::size_t i = home(b.tag);
  while (buckets_[i].slot != kEmpty) i = (i + 1) & mask_;
  buckets_[i] = b;
}

void ObjectIndex::reserve(std::size_t objects) {
  unsigned bits = bits_;
  // Keep the load at or below 70% once `objects` are present.
  while (bits < 32 && (std::size_t{1} << bits) * 7 < objects * 10) ++bits;
  if (bits != bits_) rehash(bits);
  records_.reserve(objects);
}

SlotIndex ObjectIndex::add(ObjectId id, std::uint64_t size) {
  if ((count_ + 1) * 10 > buckets_.size() * 7 && bits_ < 32) rehash(bits_ + 1);
  SlotIndex slot;
  const std::uint32_t stored = size < kHugeSize ? static_cast<std::uint32_t>(size) : kHugeSize;
  if (!freeSlots_.empty()) {
    slot = freeSlots_.back();
    freeSlots_.pop_back();
    records_[slot] = SlotRecord::of(id, stored);
  } else {
    slot = static_cast<SlotIndex>(records_.size());
    records_.push_back(SlotRecord::of(id, stored));
  }
  if (stored == kHugeSize) hugeSizes_[slot] = size;
  placeBucket(Bucket{tagOf(id), slot});
  ++count_;
  return slot;
}

void ObjectIndex::remove(SlotIndex slot) {
  const std::uint32_t tag = tagOf(records_[slot].id());
  std::size_t hole = home(tag);
  while (buckets_[hole].slot != slot) hole = (hole + 1) & mask_;
  // Backward shift: pull later members of the probe run into the hole unless that would move
  // them before their home bucket (Knuth vol. 3, 6.4, Algorithm R).
  std::size_t j = hole;
  for (;;) {
    j = (j + 1) & mask_;
    const Bucket b = buckets_[j];
    if (b.slot == kEmpty) break;
    const std::size_t h = home(b.tag);
    const bool homeInGap = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
    if (homeInGap) continue;
    buckets_[hole] = b;
    hole = j;
  }
  buckets_[hole] = Bucket{0, kEmpty};
  if (records_[slot].size == kHugeSize) hugeSizes_.erase(slot);
  freeSlots_.push_back(slot);
  --count_;
}

std::uint64_t ObjectIndex::memoryBytes() const {
  return buckets_.capacity() * sizeof(Bucket) + records_.capacity() * sizeof(SlotRecord) +
         freeSlots_.capacity() * sizeof(SlotIndex) +
         hugeSizes_.size() * 32;  // node estimate; rare
}

}  // namespace cdnsim::core::store
