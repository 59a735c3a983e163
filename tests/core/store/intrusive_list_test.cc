// IntrusiveList and GhostQueue against std containers on random operations.

#include "core/store/intrusive_list.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <deque>
#include <list>

#include "core/store/ghost_queue.h"
#include "core/store/split_mix.h"

namespace cdnsim::core::store {

TEST_CASE("IntrusiveList matches std::list under random operations", "[store][list]") {
  constexpr SlotIndex kSlots = 64;
  Links links(kSlots);
  IntrusiveList a, b;  // two lists sharing one Links array
  std::list<SlotIndex> modelA, modelB;
  std::vector<int> where(kSlots, 0);  // 0 none, 1 a, 2 b
  SplitMix64 rng(3);
  for (int step = 0; step < 50000; ++step) {
    const auto slot = static_cast<SlotIndex>(rng.next() % kSlots);
    const auto op = rng.next() % 4;
    if (where[slot] == 0) {
      IntrusiveList& list = op % 2 == 0 ? a : b;
      auto& model = op % 2 == 0 ? modelA : modelB;
      if (op < 2) {
        list.pushFront(links, slot);
        model.push_front(slot);
      } else {
        list.pushBack(links, slot);
        model.push_back(slot);
      }
      where[slot] = op % 2 == 0 ? 1 : 2;
    } else {
      IntrusiveList& list = where[slot] == 1 ? a : b;
      auto& model = where[slot] == 1 ? modelA : modelB;
      if (op == 0) {
        list.moveToFront(links, slot);
        model.remove(slot);
        model.push_front(slot);
      } else if (op == 1 && !model.empty()) {
        const SlotIndex back = list.popBack(links);
        REQUIRE(back == model.back());
        model.pop_back();
        where[back] = 0;
      } else {
        list.remove(links, slot);
        model.remove(slot);
        where[slot] = 0;
      }
    }
    for (auto [list, model] : {std::pair{&a, &modelA}, std::pair{&b, &modelB}}) {
      REQUIRE(list->size() == model->size());
      if (model->empty()) {
        REQUIRE(list->empty());
        REQUIRE_FALSE(list->front());
      } else {
        REQUIRE(list->front() == std::optional<SlotIndex>(model->front()));
        REQUIRE(list->back() == std::optional<SlotIndex>(model->back()));
      }
    }
  }
  // Walk a from the back to the front through prev(): the model's order reversed.
  std::vector<SlotIndex> walked;
  for (auto s = a.back(); s; s = IntrusiveList::prev(links, *s)) walked.push_back(*s);
  REQUIRE(walked == std::vector<SlotIndex>(modelA.rbegin(), modelA.rend()));
}

TEST_CASE("GhostQueue forgets the oldest ids beyond its capacity in units", "[store][ghost]") {
  GhostQueue ghosts(10);
  ghosts.push(1, 4);
  ghosts.push(2, 4);
  REQUIRE(ghosts.units() == 8);
  ghosts.push(3, 4);  // 12 > 10: 1 goes
  REQUIRE_FALSE(ghosts.contains(1));
  REQUIRE(ghosts.contains(2));
  REQUIRE(ghosts.contains(3));
  REQUIRE(ghosts.remove(2));
  ghosts.push(2, 4);  // pushed again: now newest, so 3 is the oldest
  ghosts.push(4, 4);
  REQUIRE_FALSE(ghosts.contains(3));
  REQUIRE(ghosts.remove(2));
  REQUIRE_FALSE(ghosts.remove(2));
  REQUIRE(ghosts.units() == 4);
  ghosts.push(5, 11);  // larger than the whole ghost: not kept
  REQUIRE_FALSE(ghosts.contains(5));
  REQUIRE(ghosts.count() == 1);
}

}  // namespace cdnsim::core::store
