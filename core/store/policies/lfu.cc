// LFU with O(1) frequency nodes: see lfu.h.

#include "core/store/policies/lfu.h"

namespace cdnsim::core::store {

LfuPolicy::NodeIndex LfuPolicy::makeNode(std::uint64_t frequency, NodeIndex lower,
                                         NodeIndex higher) {
  NodeIndex node;
  if (!freeNodes_.empty()) {
    node = freeNodes_.back();
    freeNodes_.pop_back();
  } else {
    node = static_cast<NodeIndex>(nodes_.size());
    nodes_.emplace_back();
  }
  nodes_[node] = FrequencyNode{frequency, IntrusiveList{}, lower, higher};
  if (lower != kNilSlot) nodes_[lower].higher = node;
  else lowest_ = node;
  if (higher != kNilSlot) nodes_[higher].lower = node;
  return node;
}

void LfuPolicy::unlinkIfEmpty(NodeIndex node) {
  if (!nodes_[node].objects.empty()) return;
  const NodeIndex lower = nodes_[node].lower;
  const NodeIndex higher = nodes_[node].higher;
  if (lower != kNilSlot) nodes_[lower].higher = higher;
  else lowest_ = higher;
  if (higher != kNilSlot) nodes_[higher].lower = lower;
  freeNodes_.push_back(node);
}

std::optional<SlotIndex> LfuPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return slot;
  const NodeIndex current = nodeOf_[*slot];
  const std::uint64_t next = nodes_[current].frequency + 1;
  NodeIndex target = nodes_[current].higher;
  if (target == kNilSlot || nodes_[target].frequency != next) {
    target = makeNode(next, current, target);
  }
  nodes_[current].objects.remove(links_, *slot);
  nodes_[target].objects.pushFront(links_, *slot);
  nodeOf_[*slot] = target;
  unlinkIfEmpty(current);
  return slot;
}

std::optional<SlotIndex> LfuPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  while (full(u)) {
    const SlotIndex victim = *nodes_[lowest_].objects.back();
    detach(victim);
    evict(victim);
  }
  const SlotIndex slot = admit(id, u);
  ensureSlot(links_, slot);
  ensureSlot(nodeOf_, slot);
  NodeIndex node = lowest_;
  if (node == kNilSlot || nodes_[node].frequency != 1) node = makeNode(1, kNilSlot, lowest_);
  nodes_[node].objects.pushFront(links_, slot);
  nodeOf_[slot] = node;
  return slot;
}

void LfuPolicy::detach(SlotIndex slot) {
  const NodeIndex node = nodeOf_[slot];
  nodes_[node].objects.remove(links_, slot);
  unlinkIfEmpty(node);
}

bool LfuPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  detach(*slot);
  drop(*slot);
  return true;
}

std::optional<std::uint64_t> LfuPolicy::frequency(ObjectId id) const {
  const auto slot = index_.find(id);
  if (!slot) return std::nullopt;
  return nodes_[nodeOf_[*slot]].frequency;
}

std::uint64_t LfuPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + links_.capacity() * sizeof(Link) +
         nodeOf_.capacity() * sizeof(NodeIndex) + nodes_.capacity() * sizeof(FrequencyNode) +
         freeNodes_.capacity() * sizeof(NodeIndex);
}

}  // namespace cdnsim::core::store
