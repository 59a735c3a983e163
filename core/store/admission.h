#pragma once
// Admission filters in front of any eviction policy (a decorator): size-threshold admission
// refuses objects larger than a limit, probabilistic admission admits each miss with a fixed
// probability. Both are classic CDN tools against one-hit wonders and large scans; see
// Maggs & Sitaraman, "Algorithmic nuggets in content delivery" (SIGCOMM CCR 2015), and
// webcachesim's "Threshold" / "ExpProb" admission families (Berger et al., NSDI 2017).
// Lookups, erases and evictions pass straight through; only insert() is filtered.

#include <memory>
#include <string>

#include "core/store/eviction_policy.h"
#include "core/store/policy_registry.h"
#include "core/store/split_mix.h"

namespace cdnsim::core::store {

class AdmissionFilter final : public EvictionPolicy {
 public:
  // Precondition: admission.validate() is empty.
  AdmissionFilter(std::unique_ptr<EvictionPolicy> inner, const AdmissionConfig& admission);

  std::string_view name() const override { return inner_->name(); }
  std::optional<SlotIndex> find(ObjectId id) override { return inner_->find(id); }
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override { return inner_->erase(id); }
  bool contains(ObjectId id) const override { return inner_->contains(id); }
  std::optional<SlotIndex> peek(ObjectId id) const override { return inner_->peek(id); }
  std::uint64_t usedUnits() const override { return inner_->usedUnits(); }
  std::uint64_t capacityUnits() const override { return inner_->capacityUnits(); }
  std::uint64_t objectCount() const override { return inner_->objectCount(); }
  std::uint64_t memoryBytes() const override { return sizeof(*this) + inner_->memoryBytes(); }

  // Misses refused by the filter so far (they never reached the inner policy).
  std::uint64_t refused() const { return refused_; }

 private:
  static void forwardEviction(void* self, ObjectId id, SlotIndex slot);

  std::unique_ptr<EvictionPolicy> inner_;
  AdmissionConfig config_;
  SplitMix64 rng_;
  std::uint64_t refused_ = 0;
};

}  // namespace cdnsim::core::store
