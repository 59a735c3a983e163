// ARC: see arc.h. Case numbers refer to the paper's Figure 4.

#include "core/store/policies/arc.h"

#include <algorithm>

namespace cdnsim::core::store {

ArcPolicy::ArcPolicy(std::uint64_t capacityUnits)
    : IndexedPolicy(capacityUnits), b1_(capacityUnits), b2_(2 * capacityUnits) {}

std::optional<SlotIndex> ArcPolicy::find(ObjectId id) {
  // Case I: a hit moves the object to the MRU end of T2.
  const auto slot = index_.find(id);
  if (!slot) return slot;
  if (inT2_[*slot] != 0) {
    t2_.moveToFront(links_, *slot);
    return slot;
  }
  const std::uint64_t u = index_.size(*slot);
  t1_.remove(links_, *slot);
  t1Units_ -= u;
  t2_.pushFront(links_, *slot);
  t2Units_ += u;
  inT2_[*slot] = 1;
  return slot;
}

void ArcPolicy::evictFromT1(bool remember) {
  const SlotIndex victim = t1_.popBack(links_);
  const std::uint64_t u = index_.size(victim);
  t1Units_ -= u;
  if (remember) b1_.push(index_.id(victim), u);
  evict(victim);
}

void ArcPolicy::replace(bool hitInB2) {
  const bool fromT1 =
      !t1_.empty() && (t1Units_ > p_ || (hitInB2 && t1Units_ == p_) || t2_.empty());
  if (fromT1) {
    evictFromT1(true);
    return;
  }
  const SlotIndex victim = t2_.popBack(links_);
  const std::uint64_t u = index_.size(victim);
  t2Units_ -= u;
  b2_.push(index_.id(victim), u);
  evict(victim);
}

std::optional<SlotIndex> ArcPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  const std::uint64_t c = capacity_;
  bool toT2 = true;
  if (b1_.contains(id)) {
    // Case II: T1 was too small; grow its target.
    const std::uint64_t ratio = std::max<std::uint64_t>(1, b2_.units() / b1_.units());
    p_ = std::min(c, p_ + ratio * u);
    b1_.remove(id);
    while (full(u)) replace(false);
  } else if (b2_.contains(id)) {
    // Case III: T2 was too small; shrink T1's target.
    const std::uint64_t delta = std::max<std::uint64_t>(1, b1_.units() / b2_.units()) * u;
    p_ = p_ > delta ? p_ - delta : 0;
    b2_.remove(id);
    while (full(u)) replace(true);
  } else {
    // Case IV: a new id.
    toT2 = false;
    if (t1Units_ + b1_.units() + u > c) {
      // IV.A: L1 = T1 + B1 is full. Drop B1's oldest ghosts; if T1 alone is full, discard
      // T1's LRU without remembering it.
      while (!b1_.empty() && t1Units_ + b1_.units() + u > c) b1_.popOldest();
      while (t1Units_ + u > c) evictFromT1(false);
    } else {
      // IV.B: keep the whole directory within 2c.
      while (!b2_.empty() && t1Units_ + t2Units_ + b1_.units() + b2_.units() + u > 2 * c) {
        b2_.popOldest();
      }
    }
    while (full(u)) replace(false);
  }
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  ensureSlot(inT2_, slot);
  inT2_[slot] = toT2 ? 1 : 0;
  if (toT2) {
    t2_.pushFront(links_, slot);
    t2Units_ += u;
  } else {
    t1_.pushFront(links_, slot);
    t1Units_ += u;
  }
  return slot;
}

void ArcPolicy::unlink(SlotIndex slot) {
  const std::uint64_t u = index_.size(slot);
  if (inT2_[slot] != 0) {
    t2_.remove(links_, slot);
    t2Units_ -= u;
  } else {
    t1_.remove(links_, slot);
    t1Units_ -= u;
  }
}

bool ArcPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  unlink(*slot);
  drop(*slot);
  return true;
}

std::uint64_t ArcPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link) + inT2_.capacity() +
         b1_.memoryBytes() + b2_.memoryBytes();
}

}  // namespace cdnsim::core::store
