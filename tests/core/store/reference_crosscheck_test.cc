// Each policy against an obviously-correct reference (reference_policies.h) on random traces of
// mixed sizes with a fixed seed: the hit/miss sequences must be identical, request by request.

#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "core/store/object_index.h"
#include "core/store/policy_registry.h"
#include "core/store/split_mix.h"
#include "tests/core/store/reference_policies.h"

namespace cdnsim::core::store {
namespace {

using ReferenceAccess = std::function<bool(ObjectId, std::uint64_t)>;
using ReferenceFactory = std::function<ReferenceAccess(std::uint64_t capacity)>;

template <class Ref>
ReferenceFactory referenceOf() {
  return [](std::uint64_t capacity) {
    auto ref = std::make_shared<Ref>(capacity);
    return [ref](ObjectId id, std::uint64_t size) { return ref->access(id, size); };
  };
}

struct Case {
  const char* policy;
  ReferenceFactory reference;
  bool unitSizesOnly = false;  // the reference follows a paper that counts pages
};

}  // namespace

TEST_CASE("policies match their slow reference implementations on random traces",
          "[store][policy][reference]") {
  const Case c = GENERATE(values<Case>({
      {"lru", referenceOf<reference::Lru>()},
      {"fifo", referenceOf<reference::Fifo>()},
      {"lfu", referenceOf<reference::Lfu>()},
      {"clock", referenceOf<reference::Clock>()},
      {"sieve", referenceOf<reference::Sieve>()},
      {"s3fifo", referenceOf<reference::S3Fifo>()},
      {"slru", referenceOf<reference::Slru>()},
      {"2q", referenceOf<reference::TwoQ>()},
      {"arc", referenceOf<reference::Arc>(), true},
      {"gdsf", referenceOf<reference::Gdsf>()},
      {"lirs", referenceOf<reference::Lirs>()},
      {"wtinylfu", referenceOf<reference::WTinyLfu>()},
  }));
  // (capacity, max object size, distinct ids): object-count and byte caches.
  const auto [capacity, maxSize, ids] = GENERATE(table<std::uint64_t, std::uint64_t, std::uint64_t>({
      {5, 1, 30},
      {20, 1, 100},
      {97, 1, 400},
      {2000, 300, 200},
      {500, 499, 60},
  }));
  CAPTURE(c.policy, capacity, maxSize, ids);
  if (c.unitSizesOnly && maxSize != 1) return;
  auto policy = makePolicy(c.policy, capacity);
  auto reference = c.reference(capacity);
  SplitMix64 rng(capacity * 31 + maxSize);
  for (int step = 0; step < 20000; ++step) {
    // Zipf-like skew without a distribution object: min of two uniforms favours small ids.
    const ObjectId id = std::min(rng.next() % ids, rng.next() % ids);
    const std::uint64_t size = maxSize == 1 ? 1 : 1 + mixId(id) % maxSize;  // fixed per id
    const bool expected = reference(id, size);
    const bool actual = policy->access(id, size);
    CAPTURE(step, id, size);
    REQUIRE(actual == expected);
  }
}

}  // namespace cdnsim::core::store
