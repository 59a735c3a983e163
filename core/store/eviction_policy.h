#pragma once
// The one small interface every eviction policy implements (one policy per file in
// core/store/policies/). A policy owns the set of cached objects: it answers "is it cached?",
// records accesses, and chooses victims when an insert needs room.
//
// Objects are identified by a 64-bit id (a trace's object id, or the hash of a cache key) and
// sized in capacity units: bytes, or 1 per object when the cache counts objects.
// Each cached object has a SlotIndex, stable while it stays cached and reused after it leaves, so
// that callers (CacheStore) keep per-object data in flat arrays instead of a second hash map.

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace cdnsim::core::store {

using ObjectId = std::uint64_t;
using SlotIndex = std::uint32_t;

class EvictionPolicy {
 public:
  // Told of every object the policy evicts to make room (not of explicit erase()).
  using EvictionListener = void (*)(void* context, ObjectId id, SlotIndex slot);

  virtual ~EvictionPolicy() = default;

  virtual std::string_view name() const = 0;

  // Hit: records the access (promotion, frequency...) and returns the object's slot.
  // Miss: returns nullopt and changes nothing that a later insert() would not.
  virtual std::optional<SlotIndex> find(ObjectId id) = 0;

  // Precondition: `id` is not cached. Admits it, evicting as needed; returns its slot, or nullopt
  // when it is not admitted (larger than the capacity, or refused by an admission filter).
  virtual std::optional<SlotIndex> insert(ObjectId id, std::uint64_t size) = 0;

  // Removes `id` if cached (no listener call). Returns whether it was cached.
  virtual bool erase(ObjectId id) = 0;

  // No side effects: does not count as an access.
  virtual bool contains(ObjectId id) const = 0;
  // The slot of `id` if cached, without counting an access (for revalidation and inspection).
  virtual std::optional<SlotIndex> peek(ObjectId id) const = 0;
  // A hint that `id` will be looked up soon: start loading what find() reads first. No effect on
  // the policy's state. The simulator knows each lookup's key an event or more ahead.
  virtual void prefetch(ObjectId id) const { (void)id; }

  virtual std::uint64_t usedUnits() const = 0;
  virtual std::uint64_t capacityUnits() const = 0;
  virtual std::uint64_t objectCount() const = 0;

  // Heap and object bytes this policy holds for its metadata (index, queues, ghosts, sketches),
  // excluding the objects' payloads: memoryBytes() / objectCount() is the per-object overhead.
  virtual std::uint64_t memoryBytes() const = 0;

  // libCacheSim's get(): find, else insert. Returns true on a hit.
  bool access(ObjectId id, std::uint64_t size) {
    if (find(id)) return true;
    insert(id, size);
    return false;
  }

  void setEvictionListener(EvictionListener listener, void* context) {
    listener_ = listener;
    listenerContext_ = context;
  }

 protected:
  void notifyEvicted(ObjectId id, SlotIndex slot) {
    if (listener_ != nullptr) listener_(listenerContext_, id, slot);
  }

 private:
  EvictionListener listener_ = nullptr;
  void* listenerContext_ = nullptr;
};

}  // namespace cdnsim::core::store
