// What scheduled events (sim/faults/) change while the run goes on: deploys (new versions and
// sizes), invalidations, POPs and RECs taken down. They change state when an event fires, so the
// per-request path checks no event list.
#include "sim/run/tiered_simulation.h"

#include <memory>
#include <span>

#include "sim/run/flight.h"

namespace cdnsim::sim {

TimePoint TieredSimulation::lastModified(std::uint64_t object, std::uint32_t version) const {
  if (version <= 1 || versionWritten_.empty()) return scenario_.start;
  const auto it = versionWritten_.find({object, version});
  return it != versionWritten_.end() ? it->second : scenario_.start;
}

void TieredSimulation::deploy(std::uint64_t object, std::optional<std::uint64_t> newBytes) {
  auto& info = objects_[object];
  if (newBytes && *newBytes != info.bytes) replacedSizes_[{object, info.version}] = info.bytes;
  ++info.version;
  versionWritten_[{object, info.version}] = queue_.now();  // its Last-Modified
  if (newBytes) info.bytes = *newBytes;
}

std::uint64_t TieredSimulation::bytesOf(std::uint64_t object, std::uint32_t version) const {
  const auto it = replacedSizes_.find({object, version});
  return it != replacedSizes_.end() ? it->second : objects_[object].bytes;
}

std::uint64_t TieredSimulation::invalidate(std::uint64_t object) {
  std::uint64_t removed = 0;
  for (auto& node : nodes_) removed += node->invalidate(objects_[object].key) ? 1 : 0;
  return removed;
}

void TieredSimulation::setPopDown(std::uint32_t pop, bool down) {
  popUp_[pop] = !down;
  // std::vector<bool> is not contiguous bools: copy it for the span.
  std::unique_ptr<bool[]> flags(new bool[popUp_.size()]);
  for (std::size_t p = 0; p < popUp_.size(); ++p) flags[p] = popUp_[p];
  for (std::uint32_t c = 0; c < clientPop_.size(); ++c) {
    // With every POP down, viewers keep their nearest one (there is nowhere else to go).
    const auto choice = world_.choosePop(c, std::span<const bool>(flags.get(), popUp_.size()));
    const auto pick = choice ? *choice : World::PopChoice{world_.clientPop(c), world_.clientToPop(c)};
    if (pick.pop == clientPop_[c]) continue;
    clientPop_[c] = pick.pop;
    clientToPop_[c] = pick.oneWay;
    clientLanes_[c] = queue_.lane(pick.oneWay);
  }
}

void TieredSimulation::setRecDown(std::uint32_t rec, bool down) {
  const auto& name = topology_.regionalEdgeCaches[rec].name;
  for (std::uint32_t p = 0; p < topology_.pops.size(); ++p) {
    if (topology_.pops[p].regionalEdgeCache == name) popRecDown_[p] = down ? 1 : 0;
  }
}

}  // namespace cdnsim::sim
