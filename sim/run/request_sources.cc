// Where viewer requests come from: the workload's sources (client populations, flash crowds) or a
// replayed log (sim/replay/). Each arrival starts a flight towards its client's POP.
#include "sim/run/tiered_simulation.h"

#include "sim/replay/replay_arrivals.h"
#include "sim/run/flight.h"

namespace cdnsim::sim {

void TieredSimulation::scheduleArrival(std::uint32_t source) {
  const auto next = workload_.nextArrival(source, queue_.now());
  if (next) queue_.scheduleAt(*next, [this, source] { onArrival(source); });
}

// A viewer request's flight, numbered in generation order; the progress meter hears of it.
std::uint32_t TieredSimulation::newViewerFlight() {
  const std::uint32_t f = allocateFlight();
  flights_[f].sequence = generated_++;
  if ((generated_ & (kProgressEvery - 1)) == 0 && progress_ != nullptr) {
    progress_(progressContext_, generated_);
  }
  return f;
}

void TieredSimulation::onArrival(std::uint32_t source) {
  if (generated_ >= scenario_.requests) return;
  const auto arrival = workload_.draw(source, queue_.now());
  const std::uint32_t client = arrival.client;
  const std::uint32_t f = newViewerFlight();
  Flight& fl = flights_[f];
  fl.client = client;
  if (missingPopularity_ && missingRng_.uniform() < scenario_.catalogue.missingShare) {
    fl.object = catalogueObjects_ + (*missingPopularity_)(missingRng_) - 1;  // a key the origin lacks
    fl.group = 0;
    fl.variant = 0;
  } else {
    fl.object = arrival.object;
    fl.group = static_cast<std::uint16_t>(arrival.group);
    fl.variant = arrival.variant;
  }
  // The object's row is first needed at the POP, an event from now: start loading it, as the
  // table of a large catalogue is far bigger than the CPU caches.
  __builtin_prefetch(&objects_[fl.object]);
  fl.start = queue_.now();
  queue_.scheduleOn(clientLanes_[client], arriveStep_, f);
  if (generated_ < scenario_.requests) scheduleArrival(source);
}

void TieredSimulation::scheduleReplay() {
  if (generated_ >= scenario_.requests) return;
  const auto next = replay_->nextTime();
  if (next) queue_.scheduleAt(*next, [this] { onReplayArrival(); });
}

void TieredSimulation::onReplayArrival() {
  const auto arrival = replay_->take();
  if (arrival.newObject) {
    // A logged object: its behaviour's origin answers it with its default profile.
    const std::uint16_t origin = world_.behaviors()[arrival.behavior].origin;
    objects_.push_back(ObjectInfo{arrival.key, arrival.objectBytes,
                                  static_cast<std::uint16_t>(arrival.behavior),
                                  originStates_[origin].defaultProfile, 1});
  }
  const std::uint32_t f = newViewerFlight();
  Flight& fl = flights_[f];
  fl.replayed = true;
  fl.client = arrival.client;
  fl.object = arrival.object;
  fl.behavior = arrival.behavior;
  fl.key = arrival.key;
  fl.method = arrival.method;
  fl.start = queue_.now();
  if (observer_ != nullptr) {
    if (replayRequests_.size() <= f) replayRequests_.resize(flights_.size());
    replayRequests_[f] = replay_->request();
  }
  queue_.scheduleOn(clientLanes_[fl.client], arriveStep_, f);
  scheduleReplay();
}

}  // namespace cdnsim::sim
