// Admission filters: size threshold and probabilistic admission in front of a policy.

#include "core/store/admission.h"

#include <catch2/catch.hpp>

#include "core/store/policies/lru.h"

namespace cdnsim::core::store {

TEST_CASE("AdmissionConfig::validate rejects impossible settings", "[store][admission]") {
  using Row = std::tuple<std::optional<std::uint64_t>, std::optional<double>, bool>;
  const auto [maxSize, probability, valid] = GENERATE(table<std::optional<std::uint64_t>,
                                                            std::optional<double>, bool>({
      Row{std::nullopt, std::nullopt, true},
      Row{100, std::nullopt, true},
      Row{0, std::nullopt, false},
      Row{std::nullopt, 1.0, true},
      Row{std::nullopt, 0.01, true},
      Row{std::nullopt, 0.0, false},
      Row{std::nullopt, -0.5, false},
      Row{std::nullopt, 1.01, false},
  }));
  AdmissionConfig config{maxSize, probability, 0};
  REQUIRE(config.validate().has_value() == !valid);
}

TEST_CASE("size-threshold admission refuses objects above the threshold", "[store][admission]") {
  AdmissionFilter filter(std::make_unique<LruPolicy>(1000), AdmissionConfig{100, std::nullopt, 0});
  REQUIRE(filter.insert(1, 100));
  REQUIRE_FALSE(filter.insert(2, 101));
  REQUIRE(filter.refused() == 1);
  REQUIRE(filter.usedUnits() == 100);
}

TEST_CASE("probabilistic admission admits about the given fraction, deterministically",
          "[store][admission]") {
  auto run = [](std::uint64_t seed) {
    AdmissionFilter filter(std::make_unique<LruPolicy>(1'000'000),
                           AdmissionConfig{std::nullopt, 0.25, seed});
    std::uint64_t admitted = 0;
    for (ObjectId id = 0; id < 40000; ++id) admitted += filter.insert(id, 1) ? 1 : 0;
    return admitted;
  };
  const auto admitted = run(7);
  REQUIRE(admitted > 9000);  // 10000 expected; binomial sd ~87
  REQUIRE(admitted < 11000);
  REQUIRE(run(7) == admitted);
}

TEST_CASE("the filter forwards the inner policy's evictions", "[store][admission]") {
  AdmissionFilter filter(std::make_unique<LruPolicy>(2), AdmissionConfig{10, std::nullopt, 0});
  int evictions = 0;
  filter.setEvictionListener([](void* n, ObjectId, SlotIndex) { ++*static_cast<int*>(n); },
                             &evictions);
  for (ObjectId id = 0; id < 5; ++id) filter.insert(id, 1);
  REQUIRE(evictions == 3);
}

}  // namespace cdnsim::core::store
