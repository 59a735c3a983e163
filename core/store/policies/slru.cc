// SLRU: see slru.h.

#include "core/store/policies/slru.h"

namespace cdnsim::core::store {

std::optional<std::string> SlruConfig::validate() const {
  if (!(protectedFraction >= 0.0 && protectedFraction < 1.0)) {
    return "protectedFraction must be in [0, 1)";
  }
  return std::nullopt;
}

SlruPolicy::SlruPolicy(std::uint64_t capacityUnits, const SlruConfig& config)
    : IndexedPolicy(capacityUnits),
      protectedCapacity_(
          static_cast<std::uint64_t>(static_cast<double>(capacityUnits) * config.protectedFraction)) {}

std::optional<SlotIndex> SlruPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return slot;
  if (isProtected_[*slot] != 0) {
    protected_.moveToFront(links_, *slot);
    return slot;
  }
  probation_.remove(links_, *slot);
  protected_.pushFront(links_, *slot);
  isProtected_[*slot] = 1;
  protectedUnits_ += index_.size(*slot);
  while (protectedUnits_ > protectedCapacity_) {
    const SlotIndex demoted = protected_.popBack(links_);
    protectedUnits_ -= index_.size(demoted);
    isProtected_[demoted] = 0;
    probation_.pushFront(links_, demoted);
  }
  return slot;
}

std::optional<SlotIndex> SlruPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  while (full(u)) {
    const SlotIndex victim = probation_.empty() ? *protected_.back() : *probation_.back();
    unlink(victim);
    evict(victim);
  }
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  ensureSlot(isProtected_, slot);
  isProtected_[slot] = 0;
  probation_.pushFront(links_, slot);
  return slot;
}

void SlruPolicy::unlink(SlotIndex slot) {
  if (isProtected_[slot] != 0) {
    protected_.remove(links_, slot);
    protectedUnits_ -= index_.size(slot);
  } else {
    probation_.remove(links_, slot);
  }
}

bool SlruPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  unlink(*slot);
  drop(*slot);
  return true;
}

std::uint64_t SlruPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link) + isProtected_.capacity();
}

}  // namespace cdnsim::core::store
