// ObjectIndex against std::unordered_map under insert/erase churn: same membership, slots stay
// unique and stable while an id is present (backward-shift deletion must never lose an entry).

#include "core/store/object_index.h"

#include <catch2/catch.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/store/split_mix.h"

namespace cdnsim::core::store {

TEST_CASE("ObjectIndex matches std::unordered_map under churn", "[store][object_index]") {
  // Few distinct ids relative to operations => long probe runs, many backward shifts.
  const auto idSpace = GENERATE(as<std::uint64_t>{}, 17, 1000, 100000);
  SplitMix64 rng(idSpace);
  ObjectIndex index;
  std::unordered_map<ObjectId, SlotIndex> model;
  std::unordered_set<SlotIndex> slotsInUse;
  for (int step = 0; step < 200000; ++step) {
    // Sequential-ish ids (a stride) as well as random ones: both must spread.
    const ObjectId id = (rng.next() % idSpace) * 4096;
    const auto found = index.find(id);
    const auto it = model.find(id);
    REQUIRE(found.has_value() == (it != model.end()));
    if (found) {
      REQUIRE(*found == it->second);
      REQUIRE(index.id(*found) == id);
      if (rng.next() % 2 == 0) {
        index.remove(*found);
        slotsInUse.erase(*found);
        model.erase(it);
      }
    } else {
      const std::uint64_t size = rng.next() % 1000;
      const SlotIndex slot = index.add(id, size);
      REQUIRE(slotsInUse.insert(slot).second);
      REQUIRE(index.size(slot) == size);
      model.emplace(id, slot);
    }
    REQUIRE(index.count() == model.size());
  }
  for (const auto& [id, slot] : model) REQUIRE(index.find(id) == std::optional<SlotIndex>(slot));
  // Slots are reused: the arrays never outgrow the peak population.
  REQUIRE(index.slotLimit() <= idSpace);
}

TEST_CASE("ObjectIndex reuses freed slots and reports its memory", "[store][object_index]") {
  ObjectIndex index;
  const SlotIndex a = index.add(1, 10);
  index.add(2, 20);
  index.remove(a);
  REQUIRE_FALSE(index.find(1));
  REQUIRE(index.add(3, 30) == a);
  REQUIRE(index.count() == 2);
  REQUIRE(index.memoryBytes() > 0);
}

}  // namespace cdnsim::core::store
