// 2Q: see two_q.h.

#include "core/store/policies/two_q.h"
#include "core/store/policies/capacity_share.h"

namespace cdnsim::core::store {

std::optional<std::string> TwoQConfig::validate() const {
  if (!(inFraction > 0.0 && inFraction < 1.0)) return "inFraction (Kin) must be in (0, 1)";
  if (!(outFraction >= 0.0 && outFraction <= 4.0)) return "outFraction (Kout) must be in [0, 4]";
  return std::nullopt;
}

TwoQPolicy::TwoQPolicy(std::uint64_t capacityUnits, const TwoQConfig& config)
    : IndexedPolicy(capacityUnits),
      inCapacity_(capacityShare(capacityUnits, config.inFraction)),
      a1out_(capacityShare(capacityUnits, config.outFraction)) {}

std::optional<SlotIndex> TwoQPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (slot && inAm_[*slot] != 0) am_.moveToFront(links_, *slot);
  return slot;
}

void TwoQPolicy::reclaim() {
  if (!a1in_.empty() && (a1inUnits_ > inCapacity_ || am_.empty())) {
    const SlotIndex oldest = a1in_.popBack(links_);
    a1inUnits_ -= index_.size(oldest);
    a1out_.push(index_.id(oldest), index_.size(oldest));
    evict(oldest);
    return;
  }
  evict(am_.popBack(links_));
}

std::optional<SlotIndex> TwoQPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  // Checked before reclaiming, as in the paper: reclaiming may push other ids into A1out.
  const bool seenBefore = a1out_.remove(id);
  while (full(u)) reclaim();
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  ensureSlot(inAm_, slot);
  inAm_[slot] = seenBefore ? 1 : 0;
  if (seenBefore) {
    am_.pushFront(links_, slot);
  } else {
    a1in_.pushFront(links_, slot);
    a1inUnits_ += u;
  }
  return slot;
}

void TwoQPolicy::unlink(SlotIndex slot) {
  if (inAm_[slot] != 0) {
    am_.remove(links_, slot);
  } else {
    a1in_.remove(links_, slot);
    a1inUnits_ -= index_.size(slot);
  }
}

bool TwoQPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  unlink(*slot);
  drop(*slot);
  return true;
}

std::uint64_t TwoQPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link) + inAm_.capacity() +
         a1out_.memoryBytes();
}

}  // namespace cdnsim::core::store
