#pragma once
// FIFO: evicts the oldest inserted object; hits change nothing. One queue; a miss inserts at the
// front, eviction takes the back. No parameters. The simplest policy, and the base S3-FIFO,
// SIEVE and CLOCK build on (Yang et al., "FIFO queues are all you need for cache eviction",
// SOSP 2023, argue its lazy promotion suits modern workloads).

#include "core/store/indexed_policy.h"
#include "core/store/intrusive_list.h"

namespace cdnsim::core::store {

class FifoPolicy final : public IndexedPolicy {
 public:
  explicit FifoPolicy(std::uint64_t capacityUnits) : IndexedPolicy(capacityUnits) {}

  std::string_view name() const override { return "fifo"; }
  std::optional<SlotIndex> find(ObjectId id) override;
  std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) override;
  bool erase(ObjectId id) override;
  std::uint64_t memoryBytes() const override;

 private:
  Links links_;
  IntrusiveList queue_;
};

}  // namespace cdnsim::core::store
