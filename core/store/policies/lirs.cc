// LIRS: see lirs.h. Case names follow section 3.3 of the paper.

#include "core/store/policies/lirs.h"

#include <algorithm>

namespace cdnsim::core::store {

std::optional<std::string> LirsConfig::validate() const {
  if (!(hirFraction > 0.0 && hirFraction < 1.0)) return "hirFraction must be in (0, 1)";
  if (!(nonResidentFraction >= 0.0 && nonResidentFraction <= 8.0)) {
    return "nonResidentFraction must be in [0, 8]";
  }
  return std::nullopt;
}

LirsPolicy::LirsPolicy(std::uint64_t capacityUnits, const LirsConfig& config)
    : IndexedPolicy(capacityUnits),
      lirCapacity_(capacityUnits -
                   std::min(capacityUnits,
                            std::max<std::uint64_t>(1, static_cast<std::uint64_t>(
                                                           static_cast<double>(capacityUnits) *
                                                           config.hirFraction)))),
      nonResidentCapacity_(static_cast<std::uint64_t>(static_cast<double>(capacityUnits) *
                                                      config.nonResidentFraction)) {}

std::optional<SlotIndex> LirsPolicy::peek(ObjectId id) const {
  const auto slot = index_.find(id);
  if (slot && status_[*slot] == Status::kHirNonResident) return std::nullopt;
  return slot;
}

void LirsPolicy::forget(SlotIndex slot) {
  // Precondition: non-resident, or resident and already out of Q and the LIR count.
  if (inStack_[slot] != 0) stack_.remove(stackLinks_, slot);
  if (status_[slot] == Status::kHirNonResident) {
    nonResident_.remove(queueLinks_, slot);
    nonResidentUnits_ -= index_.size(slot);
    index_.remove(slot);
  } else {
    --residents_;
    drop(slot);
  }
}

void LirsPolicy::toStackTop(SlotIndex slot) {
  if (inStack_[slot] != 0) {
    stack_.moveToFront(stackLinks_, slot);
  } else {
    stack_.pushFront(stackLinks_, slot);
    inStack_[slot] = 1;
  }
}

void LirsPolicy::prune() {
  // Stack pruning: HIR entries at the bottom of S can never become LIR by a hit (their recency
  // exceeds every LIR's), so they leave S; non-resident ones are forgotten altogether.
  while (!stack_.empty()) {
    const SlotIndex bottom = *stack_.back();
    if (status_[bottom] == Status::kLir) return;
    if (status_[bottom] == Status::kHirNonResident) {
      forget(bottom);
    } else {
      stack_.remove(stackLinks_, bottom);
      inStack_[bottom] = 0;
    }
  }
}

void LirsPolicy::demoteBottomLir() {
  const SlotIndex bottom = *stack_.back();  // LIR after pruning
  stack_.remove(stackLinks_, bottom);
  inStack_[bottom] = 0;
  status_[bottom] = Status::kHirResident;
  lirUnits_ -= index_.size(bottom);
  queue_.pushFront(queueLinks_, bottom);
  prune();
}

void LirsPolicy::evictFrontOfQ() {
  const SlotIndex slot = queue_.popBack(queueLinks_);
  notifyEvicted(index_.id(slot), slot);
  if (inStack_[slot] == 0) {
    --residents_;
    drop(slot);
    return;
  }
  // Stays in S as a non-resident id, keeping its slot but no longer its units.
  const std::uint64_t u = index_.size(slot);
  used_ -= u;
  --residents_;
  status_[slot] = Status::kHirNonResident;
  nonResident_.pushFront(queueLinks_, slot);
  nonResidentUnits_ += u;
  while (nonResidentUnits_ > nonResidentCapacity_) forget(*nonResident_.back());
}

std::optional<SlotIndex> LirsPolicy::find(ObjectId id) {
  const auto slot = peek(id);
  if (!slot) return slot;
  if (status_[*slot] == Status::kLir) {
    const bool wasBottom = stack_.back() == slot;
    toStackTop(*slot);
    if (wasBottom) prune();
  } else if (inStack_[*slot] != 0) {
    // Resident HIR in S: its new inter-reference recency is below the bottom LIR's.
    toStackTop(*slot);
    queue_.remove(queueLinks_, *slot);
    status_[*slot] = Status::kLir;
    lirUnits_ += index_.size(*slot);
    while (lirUnits_ > lirCapacity_) demoteBottomLir();
  } else {
    // Resident HIR not in S: stays HIR, moves to the end of Q.
    toStackTop(*slot);
    queue_.moveToFront(queueLinks_, *slot);
  }
  return slot;
}

std::optional<SlotIndex> LirsPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  // A non-resident id is always in S (pruning forgets the others). Its node is replaced by a
  // fresh one (the size may have changed), which goes to the top of S anyway.
  bool wasInStack = false;
  if (const auto ghost = index_.find(id)) {
    wasInStack = true;
    forget(*ghost);
  }
  while (full(u)) {
    if (queue_.empty()) demoteBottomLir();
    evictFrontOfQ();
  }
  const SlotIndex slot = admit(id, u);
  ++residents_;
  ensureSlot(status_, slot);
  ensureSlot(inStack_, slot);
  ensureSlot(stackLinks_, slot);
  ensureSlot(queueLinks_, slot);
  inStack_[slot] = 0;
  const bool lir = lirUnits_ + u <= lirCapacity_ || wasInStack;
  status_[slot] = lir ? Status::kLir : Status::kHirResident;
  toStackTop(slot);
  if (lir) {
    lirUnits_ += u;
    while (lirUnits_ > lirCapacity_) demoteBottomLir();
  } else {
    queue_.pushFront(queueLinks_, slot);
  }
  return slot;
}

bool LirsPolicy::erase(ObjectId id) {
  const auto slot = peek(id);
  if (!slot) return false;
  if (status_[*slot] == Status::kLir) {
    lirUnits_ -= index_.size(*slot);
  } else {
    queue_.remove(queueLinks_, *slot);
  }
  forget(*slot);
  prune();
  return true;
}

bool LirsPolicy::isLir(ObjectId id) const {
  const auto slot = peek(id);
  return slot && status_[*slot] == Status::kLir;
}

std::uint64_t LirsPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + status_.capacity() + inStack_.capacity() +
         (stackLinks_.capacity() + queueLinks_.capacity()) * sizeof(Link);
}

}  // namespace cdnsim::core::store
