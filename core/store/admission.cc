// AdmissionFilter: see admission.h.

#include "core/store/admission.h"

namespace cdnsim::core::store {

std::optional<std::string> AdmissionConfig::validate() const {
  if (maxObjectSize && *maxObjectSize == 0) return "maxObjectSize must be at least 1";
  // Written so that NaN fails too.
  if (probability && !(*probability > 0.0 && *probability <= 1.0)) {
    return "admission probability must be in (0, 1]";
  }
  return std::nullopt;
}

AdmissionFilter::AdmissionFilter(std::unique_ptr<EvictionPolicy> inner,
                                 const AdmissionConfig& admission)
    : inner_(std::move(inner)), config_(admission), rng_(admission.seed) {
  inner_->setEvictionListener(&AdmissionFilter::forwardEviction, this);
}

void AdmissionFilter::forwardEviction(void* self, ObjectId id, SlotIndex slot) {
  static_cast<AdmissionFilter*>(self)->notifyEvicted(id, slot);
}

std::optional<SlotIndex> AdmissionFilter::insert(ObjectId id, std::uint64_t size) {
  if (config_.maxObjectSize && size > *config_.maxObjectSize) {
    ++refused_;
    return std::nullopt;
  }
  // The coin is flipped only for objects that passed the size test: one draw per candidate, so
  // a seed and a trace always give the same admissions.
  if (config_.probability && !(rng_.uniform() < *config_.probability)) {
    ++refused_;
    return std::nullopt;
  }
  return inner_->insert(id, size);
}

}  // namespace cdnsim::core::store
