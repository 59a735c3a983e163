#include "core/node/collapse_table.h"

#include <utility>

#include "core/split_mix64.h"

namespace cdnsim::core::node {

namespace {

constexpr std::size_t kInitialSlots = 16;

}  // namespace

std::size_t CollapseTable::home(std::uint64_t key) const {
  // Keys are usually hashes already, but a caller passing sequential ids would otherwise cluster
  // under linear probing.
  return static_cast<std::size_t>(splitMix64Finalizer(key)) & (slots_.size() - 1);
}

std::uint32_t CollapseTable::find(std::uint64_t key) const {
  if (slots_.empty()) return kNone;
  const std::size_t mask = slots_.size() - 1;
  // Load stays at most 1/2, so an empty slot always ends the probe.
  for (std::size_t i = home(key);; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!s.used) return kNone;
    if (s.key == key) return static_cast<std::uint32_t>(i);
  }
}

void CollapseTable::grow() {
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.empty() ? kInitialSlots : slots_.size() * 2));
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (!s.used) continue;
    std::size_t i = home(s.key);
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

// Backward-shift deletion: walk the cluster after the hole and move back every entry whose home
// is not in the cyclic range (hole, current], so no tombstones are needed and probes stay short.
void CollapseTable::erase(std::size_t hole) {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t j = (hole + 1) & mask; slots_[j].used; j = (j + 1) & mask) {
    const std::size_t h = home(slots_[j].key);
    const bool homeInRange = hole < j ? (hole < h && h <= j) : (hole < h || h <= j);
    if (homeInRange) continue;
    slots_[hole] = slots_[j];
    hole = j;
  }
  slots_[hole] = Slot{};
}

std::uint32_t CollapseTable::allocWaiter(std::uint32_t token) {
  std::uint32_t index;
  if (freeHead_ != kNone) {
    index = freeHead_;
    freeHead_ = pool_[index].next;
  } else {
    index = static_cast<std::uint32_t>(pool_.size());
    pool_.emplace_back();
  }
  pool_[index] = Waiter{token, kNone};
  return index;
}

CollapseTable::Join CollapseTable::join(std::uint64_t key, std::uint32_t token) {
  if (std::uint32_t at = find(key); at != kNone) {
    const std::uint32_t w = allocWaiter(token);
    Slot& s = slots_[at];
    if (s.tail == kNone) {
      s.head = w;
    } else {
      pool_[s.tail].next = w;
    }
    s.tail = w;
    ++waiting_;
    return Join::Follower;
  }
  // Grow before inserting so the load never exceeds 1/2.
  if ((keys_ + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = home(key);
  while (slots_[i].used) i = (i + 1) & mask;
  slots_[i] = Slot{key, kNone, kNone, true};
  ++keys_;
  return Join::Leader;
}

bool CollapseTable::inFlight(std::uint64_t key) const { return find(key) != kNone; }

void CollapseTable::prefetch(std::uint64_t key) const {
  if (!slots_.empty()) __builtin_prefetch(&slots_[home(key)]);
}

void CollapseTable::release(std::uint64_t key, std::vector<std::uint32_t>& out) {
  const std::uint32_t at = find(key);
  if (at == kNone) return;
  for (std::uint32_t w = slots_[at].head; w != kNone;) {
    out.push_back(pool_[w].token);
    const std::uint32_t next = pool_[w].next;
    pool_[w].next = freeHead_;
    freeHead_ = w;
    w = next;
    --waiting_;
  }
  erase(at);
  --keys_;
}

}  // namespace cdnsim::core::node
