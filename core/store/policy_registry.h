#pragma once
// Eviction policies by name, for the command line and the YAML model. Adding a policy touches its
// own file, one line of the registry (policy_registry.cc) and its tests.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/eviction_policy.h"

namespace cdnsim::core::store {

struct PolicyInfo {
  std::string_view name;     // as typed on the command line: "lru", "s3fifo", ...
  std::string_view summary;  // one line for --help, with the default parameters
};

// Admission filters placed in front of any policy; both may be combined.
struct AdmissionConfig {
  // Size-threshold admission: objects larger than this many units are never admitted.
  std::optional<std::uint64_t> maxObjectSize{};
  // Probabilistic admission: each miss is admitted with this probability, in (0, 1].
  std::optional<double> probability{};
  // Seeds the probabilistic filter's own PRNG stream.
  std::uint64_t seed{0};

  // Empty when valid, else what is wrong.
  std::optional<std::string> validate() const;
};

// Every registered policy, in a stable order.
const std::vector<PolicyInfo>& policyCatalogue();

// A policy by name (case-insensitive) holding `capacityUnits`; throws std::invalid_argument with a
// message listing the known names when `name` is unknown, or when `admission` is invalid.
// Policies take their published default parameters (see each PolicyInfo::summary).
std::unique_ptr<EvictionPolicy> makePolicy(std::string_view name, std::uint64_t capacityUnits,
                                           const AdmissionConfig& admission = {});

}  // namespace cdnsim::core::store
