#pragma once
// FIFO: evicts the oldest inserted object; hits change nothing. One queue; a miss inserts at the
// front, eviction takes the back. No parameters. The simplest policy, and the base S3-FIFO,
// SIEVE and CLOCK build on (Yang et al., "FIFO queues are all you need for cache eviction",
// SOSP 2023, argue its lazy promotion suits modern workloads).

#include "core/store/single_queue_policy.h"

namespace cdnsim::core::store {

class FifoPolicy final : public SingleQueuePolicy {
 public:
  explicit FifoPolicy(std::uint64_t capacityUnits) : SingleQueuePolicy(capacityUnits) {}

  std::string_view name() const override { return "fifo"; }
  std::optional<SlotIndex> find(ObjectId id) override;
};

}  // namespace cdnsim::core::store
