// S3-FIFO: see s3fifo.h.

#include "core/store/policies/s3fifo.h"

#include <algorithm>
#include "core/store/policies/capacity_share.h"

namespace cdnsim::core::store {

namespace {
constexpr std::uint8_t kMaxFrequency = 3;  // 2 bits
}  // namespace

std::optional<std::string> S3FifoConfig::validate() const {
  if (!(smallFraction > 0.0 && smallFraction < 1.0)) return "smallFraction must be in (0, 1)";
  if (!(ghostFraction >= 0.0 && ghostFraction <= 4.0)) return "ghostFraction must be in [0, 4]";
  if (moveToMainThreshold < 1 || moveToMainThreshold > kMaxFrequency) {
    return "moveToMainThreshold must be 1, 2 or 3";
  }
  return std::nullopt;
}

S3FifoPolicy::S3FifoPolicy(std::uint64_t capacityUnits, const S3FifoConfig& config)
    : IndexedPolicy(capacityUnits),
      config_(config),
      smallCapacity_(capacityShare(capacityUnits, config.smallFraction)),
      mainCapacity_(capacityUnits - smallCapacity_),
      ghost_(capacityShare(capacityUnits, config.ghostFraction)) {}

std::optional<SlotIndex> S3FifoPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (slot && frequency_[*slot] < kMaxFrequency) ++frequency_[*slot];
  return slot;
}

void S3FifoPolicy::evictOne() {
  if (!small_.empty() && (smallUnits_ >= smallCapacity_ || main_.empty())) {
    evictSmall();
  } else {
    evictMain();
  }
}

void S3FifoPolicy::evictSmall() {
  while (!small_.empty()) {
    const SlotIndex oldest = small_.popBack(links_);
    const std::uint64_t u = index_.size(oldest);
    smallUnits_ -= u;
    if (frequency_[oldest] >= config_.moveToMainThreshold) {
      frequency_[oldest] = 0;
      inMain_[oldest] = 1;
      main_.pushFront(links_, oldest);
      mainUnits_ += u;
      while (mainUnits_ > mainCapacity_) evictMain();
      continue;
    }
    ghost_.push(index_.id(oldest), u);
    evict(oldest);
    return;
  }
}

void S3FifoPolicy::evictMain() {
  for (;;) {
    const SlotIndex oldest = *main_.back();
    if (frequency_[oldest] > 0) {
      --frequency_[oldest];
      main_.moveToFront(links_, oldest);
      continue;
    }
    main_.remove(links_, oldest);
    mainUnits_ -= index_.size(oldest);
    evict(oldest);
    return;
  }
}

std::optional<SlotIndex> S3FifoPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  while (full(u)) evictOne();
  const bool wasGhost = ghost_.remove(id);
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  ensureSlot(frequency_, slot);
  ensureSlot(inMain_, slot);
  frequency_[slot] = 0;
  inMain_[slot] = wasGhost ? 1 : 0;
  if (wasGhost) {
    main_.pushFront(links_, slot);
    mainUnits_ += u;
  } else {
    small_.pushFront(links_, slot);
    smallUnits_ += u;
  }
  return slot;
}

bool S3FifoPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  if (inMain_[*slot] != 0) {
    main_.remove(links_, *slot);
    mainUnits_ -= index_.size(*slot);
  } else {
    small_.remove(links_, *slot);
    smallUnits_ -= index_.size(*slot);
  }
  drop(*slot);
  return true;
}

std::uint64_t S3FifoPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link) +
         frequency_.capacity() + inMain_.capacity() + ghost_.memoryBytes();
}

}  // namespace cdnsim::core::store
