// LIRS: see lirs.h. Case names follow section 3.3 of the paper.

#include "core/store/policies/lirs.h"

#include <algorithm>

namespace cdnsim::core::store {

std::optional<std::string> LirsConfig::validate() const {
  if (!(hirFraction > 0.0 && hirFraction < 1.0)) return "hirFraction must be in (0, 1)";
  if (!(nonResidentFraction >= 0.0 && nonResidentFraction <= 8.0)) {
    return "nonResidentFraction must be in [0, 8]";
  }
  return std::nullopt;
}

LirsPolicy::LirsPolicy(std::uint64_t capacityUnits, const LirsConfig& config)
    : IndexedPolicy(capacityUnits),
      lirCapacity_(capacityUnits -
                   std::min(capacityUnits,
                            std::max<std::uint64_t>(1, static_cast<std::uint64_t>(
                                                           static_cast<double>(capacityUnits) *
                                                           config.hirFraction)))),
      nonResidentCapacity_(static_cast<std::uint64_t>(static_cast<double>(capacityUnits) *
                                                      config.nonResidentFraction)) {}

LirsPolicy::NodeIndex LirsPolicy::makeNode(ObjectId id, std::uint64_t units, Status status,
                                           SlotIndex slot) {
  const NodeIndex node = nodes_.add(id, units);
  ensureSlot(node_, node);
  ensureSlot(stackLinks_, node);
  ensureSlot(queueLinks_, node);
  node_[node] = Node{status, false, slot};
  return node;
}

void LirsPolicy::forget(NodeIndex node) {
  if (node_[node].inStack) stack_.remove(stackLinks_, node);
  if (node_[node].status == Status::kHirNonResident) {
    nonResident_.remove(queueLinks_, node);
    nonResidentUnits_ -= nodes_.size(node);
  }
  nodes_.remove(node);
}

void LirsPolicy::toStackTop(NodeIndex node) {
  if (node_[node].inStack) {
    stack_.moveToFront(stackLinks_, node);
  } else {
    stack_.pushFront(stackLinks_, node);
    node_[node].inStack = true;
  }
}

void LirsPolicy::prune() {
  // Stack pruning: HIR entries at the bottom of S can never become LIR by a hit (their recency
  // exceeds every LIR's), so they leave S; non-resident ones are forgotten altogether.
  while (!stack_.empty()) {
    const NodeIndex bottom = *stack_.back();
    if (node_[bottom].status == Status::kLir) return;
    if (node_[bottom].status == Status::kHirNonResident) {
      forget(bottom);
    } else {
      stack_.remove(stackLinks_, bottom);
      node_[bottom].inStack = false;
    }
  }
}

void LirsPolicy::demoteBottomLir() {
  const NodeIndex bottom = *stack_.back();  // LIR after pruning
  stack_.remove(stackLinks_, bottom);
  node_[bottom].inStack = false;
  node_[bottom].status = Status::kHirResident;
  lirUnits_ -= nodes_.size(bottom);
  queue_.pushFront(queueLinks_, bottom);
  prune();
}

void LirsPolicy::trimNonResident() {
  while (nonResidentUnits_ > nonResidentCapacity_) forget(*nonResident_.back());
}

void LirsPolicy::evictFrontOfQ() {
  const NodeIndex node = queue_.popBack(queueLinks_);
  const SlotIndex slot = node_[node].slot;
  evict(slot);
  if (node_[node].inStack) {
    node_[node].status = Status::kHirNonResident;
    nonResident_.pushFront(queueLinks_, node);
    nonResidentUnits_ += nodes_.size(node);
    trimNonResident();
  } else {
    nodes_.remove(node);
  }
}

std::optional<SlotIndex> LirsPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return slot;
  const NodeIndex node = nodeOfSlot_[*slot];
  Node& n = node_[node];
  if (n.status == Status::kLir) {
    const bool wasBottom = stack_.back() == node;
    toStackTop(node);
    if (wasBottom) prune();
  } else if (n.inStack) {
    // Resident HIR in S: its new inter-reference recency is below the bottom LIR's.
    toStackTop(node);
    queue_.remove(queueLinks_, node);
    n.status = Status::kLir;
    lirUnits_ += nodes_.size(node);
    while (lirUnits_ > lirCapacity_) demoteBottomLir();
  } else {
    // Resident HIR not in S: stays HIR, moves to the end of Q.
    toStackTop(node);
    queue_.moveToFront(queueLinks_, node);
  }
  return slot;
}

std::optional<SlotIndex> LirsPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  // A non-resident id is always in S (pruning forgets the others).
  bool wasInStack = false;
  if (const auto ghost = nodes_.find(id)) {
    wasInStack = true;
    forget(*ghost);
  }
  while (full(u)) {
    if (queue_.empty()) demoteBottomLir();
    evictFrontOfQ();
  }
  const SlotIndex slot = admit(id, u);
  ensureSlot(nodeOfSlot_, slot);
  Status status = Status::kHirResident;
  if (lirUnits_ + u <= lirCapacity_ || wasInStack) status = Status::kLir;
  const NodeIndex node = makeNode(id, u, status, slot);
  nodeOfSlot_[slot] = node;
  toStackTop(node);
  if (status == Status::kLir) {
    lirUnits_ += u;
    while (lirUnits_ > lirCapacity_) demoteBottomLir();
  } else {
    queue_.pushFront(queueLinks_, node);
  }
  return slot;
}

bool LirsPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  const NodeIndex node = nodeOfSlot_[*slot];
  if (node_[node].status == Status::kLir) {
    lirUnits_ -= nodes_.size(node);
  } else {
    queue_.remove(queueLinks_, node);
  }
  forget(node);
  prune();
  drop(*slot);
  return true;
}

bool LirsPolicy::isLir(ObjectId id) const {
  const auto slot = index_.find(id);
  return slot && node_[nodeOfSlot_[*slot]].status == Status::kLir;
}

std::uint64_t LirsPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + nodes_.memoryBytes() + node_.capacity() * sizeof(Node) +
         nodeOfSlot_.capacity() * sizeof(NodeIndex) +
         (stackLinks_.capacity() + queueLinks_.capacity()) * sizeof(Link);
}

}  // namespace cdnsim::core::store
