// W-TinyLFU: see w_tinylfu.h.

#include "core/store/policies/w_tinylfu.h"

#include <algorithm>

namespace cdnsim::core::store {

std::optional<std::string> WTinyLfuConfig::validate() const {
  if (!(windowFraction > 0.0 && windowFraction < 1.0)) return "windowFraction must be in (0, 1)";
  if (!(protectedFraction >= 0.0 && protectedFraction < 1.0)) {
    return "protectedFraction must be in [0, 1)";
  }
  return std::nullopt;
}

WTinyLfuPolicy::WTinyLfuPolicy(std::uint64_t capacityUnits, const WTinyLfuConfig& config)
    : IndexedPolicy(capacityUnits),
      // Caffeine computes main first and gives the window the rest, so a tiny cache still has
      // a window of one unit.
      windowCapacity_(capacityUnits - static_cast<std::uint64_t>(
                                          static_cast<double>(capacityUnits) *
                                          (1.0 - config.windowFraction))),
      mainCapacity_(capacityUnits - windowCapacity_),
      protectedCapacity_(static_cast<std::uint64_t>(static_cast<double>(mainCapacity_) *
                                                    config.protectedFraction)),
      sketch_(std::min<std::uint64_t>(capacityUnits, 1024)) {}

void WTinyLfuPolicy::pushTo(Segment segment, SlotIndex slot) {
  const std::uint64_t u = index_.size(slot);
  segment_[slot] = segment;
  switch (segment) {
    case kWindow:
      window_.pushFront(links_, slot);
      windowUnits_ += u;
      break;
    case kProbation:
      probation_.pushFront(links_, slot);
      probationUnits_ += u;
      break;
    case kProtected:
      protected_.pushFront(links_, slot);
      protectedUnits_ += u;
      break;
  }
}

void WTinyLfuPolicy::unlink(SlotIndex slot) {
  const std::uint64_t u = index_.size(slot);
  switch (segment_[slot]) {
    case kWindow:
      window_.remove(links_, slot);
      windowUnits_ -= u;
      break;
    case kProbation:
      probation_.remove(links_, slot);
      probationUnits_ -= u;
      break;
    case kProtected:
      protected_.remove(links_, slot);
      protectedUnits_ -= u;
      break;
  }
}

std::optional<SlotIndex> WTinyLfuPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return slot;
  sketch_.record(id);
  switch (segment_[*slot]) {
    case kWindow:
      window_.moveToFront(links_, *slot);
      break;
    case kProtected:
      protected_.moveToFront(links_, *slot);
      break;
    case kProbation:
      unlink(*slot);
      pushTo(kProtected, *slot);
      while (protectedUnits_ > protectedCapacity_) {
        const SlotIndex demoted = *protected_.back();
        unlink(demoted);
        pushTo(kProbation, demoted);
      }
      break;
  }
  return slot;
}

bool WTinyLfuPolicy::offerToMain(SlotIndex candidate, std::optional<SlotIndex> newcomer) {
  const std::uint64_t u = index_.size(candidate);
  unlink(candidate);
  const auto reject = [&] {
    if (newcomer == candidate) {
      drop(candidate);
      return false;
    }
    evict(candidate);
    return true;
  };
  if (u > mainCapacity_) return reject();
  const std::uint32_t candidateFrequency = sketch_.estimate(index_.id(candidate));
  while (probationUnits_ + protectedUnits_ + u > mainCapacity_) {
    const SlotIndex victim = probation_.empty() ? *protected_.back() : *probation_.back();
    if (candidateFrequency <= sketch_.estimate(index_.id(victim))) return reject();
    unlink(victim);
    evict(victim);
  }
  pushTo(kProbation, candidate);
  return true;
}

std::optional<SlotIndex> WTinyLfuPolicy::insert(ObjectId id, std::uint64_t size) {
  sketch_.record(id);
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  ensureSlot(segment_, slot);
  pushTo(kWindow, slot);
  bool admitted = true;
  while (windowUnits_ > windowCapacity_) {
    const SlotIndex candidate = *window_.back();
    if (!offerToMain(candidate, slot)) admitted = false;
  }
  if (index_.count() > sketch_.expectedObjects()) sketch_.resize(2 * sketch_.expectedObjects());
  if (!admitted) return std::nullopt;
  return slot;
}

bool WTinyLfuPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  unlink(*slot);
  drop(*slot);
  return true;
}

std::uint64_t WTinyLfuPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link) + segment_.capacity() +
         sketch_.memoryBytes();
}

}  // namespace cdnsim::core::store
