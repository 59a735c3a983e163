// GDSF: see gdsf.h.

#include "core/store/policies/gdsf.h"

namespace cdnsim::core::store {

void GdsfPolicy::setPriority(SlotIndex slot) {
  Meta& m = meta_[slot];
  m.priority = inflation_ + static_cast<double>(m.frequency) /
                                static_cast<double>(index_.size(slot));
  m.sequence = ++sequence_;
}

void GdsfPolicy::place(std::uint32_t position, SlotIndex slot) {
  heap_[position] = slot;
  meta_[slot].heapPosition = position;
}

void GdsfPolicy::siftUp(std::uint32_t position) {
  const SlotIndex slot = heap_[position];
  while (position > 0) {
    const std::uint32_t parent = (position - 1) / 2;
    if (!before(slot, heap_[parent])) break;
    place(position, heap_[parent]);
    position = parent;
  }
  place(position, slot);
}

void GdsfPolicy::siftDown(std::uint32_t position) {
  const SlotIndex slot = heap_[position];
  const auto n = static_cast<std::uint32_t>(heap_.size());
  for (;;) {
    std::uint32_t child = 2 * position + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
    if (!before(heap_[child], slot)) break;
    place(position, heap_[child]);
    position = child;
  }
  place(position, slot);
}

void GdsfPolicy::removeFromHeap(SlotIndex slot) {
  const std::uint32_t position = meta_[slot].heapPosition;
  const SlotIndex last = heap_.back();
  heap_.pop_back();
  if (last == slot) return;
  place(position, last);
  siftDown(position);
  siftUp(meta_[last].heapPosition);
}

std::optional<SlotIndex> GdsfPolicy::find(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return slot;
  ++meta_[*slot].frequency;
  setPriority(*slot);  // priorities only grow here, so the object only moves down
  siftDown(meta_[*slot].heapPosition);
  return slot;
}

std::optional<SlotIndex> GdsfPolicy::insert(ObjectId id, std::uint64_t size) {
  const std::uint64_t u = units(size);
  if (!fits(u)) return std::nullopt;
  while (full(u)) {
    const SlotIndex victim = heap_.front();
    inflation_ = meta_[victim].priority;
    removeFromHeap(victim);
    evict(victim);
  }
  const SlotIndex slot = admit(id, u);
  ensureSlot(meta_, slot);
  meta_[slot].frequency = 1;
  setPriority(slot);
  heap_.push_back(slot);
  meta_[slot].heapPosition = static_cast<std::uint32_t>(heap_.size() - 1);
  siftUp(meta_[slot].heapPosition);
  return slot;
}

bool GdsfPolicy::erase(ObjectId id) {
  const auto slot = index_.find(id);
  if (!slot) return false;
  removeFromHeap(*slot);
  drop(*slot);
  return true;
}

std::uint64_t GdsfPolicy::memoryBytes() const {
  return IndexedPolicy::memoryBytes() + meta_.capacity() * sizeof(Meta) +
         heap_.capacity() * sizeof(SlotIndex);
}

}  // namespace cdnsim::core::store
