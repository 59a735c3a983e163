#pragma once
// A set of 64-bit object ids for the working-set pass: open addressing with linear probing over a
// flat power-of-two table, about 2× the ids × 8 bytes, and far fewer cache misses than
// std::unordered_set's node per id. Id 0 is the empty-slot marker and is tracked apart.

#include <cstdint>
#include <vector>

#include "core/split_mix64.h"

namespace cdnsim::sim::cachesim {

class IdSet {
 public:
  IdSet() : table_(1024, 0) {}

  // Adds `id`; returns true when it was not there yet.
  bool insert(std::uint64_t id) {
    if (id == 0) {
      const bool added = !hasZero_;
      hasZero_ = true;
      return added;
    }
    if ((count_ + 1) * 2 > table_.size()) grow();
    return place(table_, id);
  }

  std::uint64_t size() const { return count_ + (hasZero_ ? 1 : 0); }

 private:
  static std::uint64_t mix(std::uint64_t x) {
    // Trace ids may be sequential: scramble them (Stafford's variant 13 finaliser, as in
    // SplitMix64).
    return core::splitMix64Finalizer(x);
  }

  bool place(std::vector<std::uint64_t>& table, std::uint64_t id) {
    const std::uint64_t mask = table.size() - 1;
    for (std::uint64_t i = mix(id) & mask;; i = (i + 1) & mask) {
      if (table[i] == id) return false;
      if (table[i] == 0) {
        table[i] = id;
        ++count_;
        return true;
      }
    }
  }

  void grow() {
    std::vector<std::uint64_t> bigger(table_.size() * 2, 0);
    count_ = 0;
    for (std::uint64_t id : table_)
      if (id != 0) place(bigger, id);
    table_.swap(bigger);
  }

  std::vector<std::uint64_t> table_;
  std::uint64_t count_{0};
  bool hasZero_{false};
};

}  // namespace cdnsim::sim::cachesim
