// Custom error responses at the POP (DG/GeneratingCustomErrorResponses.html): a child flight fetches
// the page, and the viewer's flight resumes with it.
#include "sim/run/tiered_simulation.h"

#include "core/cache/cacheability.h"
#include "sim/run/flight.h"

namespace cdnsim::sim {

const core::cache::CustomErrorResponse* TieredSimulation::customErrorFor(int status) const {
  return core::cache::findCustomErrorResponse(topology_.customErrorResponses, status);
}

void TieredSimulation::startErrorPageFetch(std::uint32_t f, std::size_t rule) {
  // DG/GeneratingCustomErrorResponses.html: the POP gets the page through the behaviour that
  // matches its path, as a request of its own (cached under that behaviour's TTLs).
  const std::uint64_t page = customPageObject_[rule];
  const ObjectInfo info = objects_[page];
  const std::uint32_t pop = flights_[f].route->hops[0].node;
  const std::uint32_t c = allocateFlight();  // may move the slab
  Flight& child = flights_[c];
  const Flight& parent = flights_[f];
  child.parent = f;
  child.sequence = parent.sequence;
  child.client = parent.client;
  child.object = page;
  child.key = info.key;
  child.bytes = info.bytes;
  child.profile = info.profile;
  child.behavior = info.behavior;
  child.route = &viewerRoute(pop, info.behavior, core::config::RequestMethod::Get);
  child.start = queue_.now();
  child.popArrival = queue_.now();
  ++summary_.viewerCustomErrorPages;
  arriveAt(c);
}

void TieredSimulation::resumeAfterErrorPage(std::uint32_t c) {
  const Flight child = flights_[c];
  releaseFlight(c);
  Flight& fl = flights_[child.parent];
  const auto* rule = customErrorFor(fl.status);
  fl.customPage = true;
  fl.errorStatus = fl.status;
  fl.errorGenerated = fl.generated;
  // DG/GeneratingCustomErrorResponses.html: a page that cannot be had yields the status its
  // origin answered.
  fl.viewerStatus = child.status == 200 && rule != nullptr && rule->responseCode
                        ? static_cast<std::uint16_t>(*rule->responseCode)
                        : child.status;
  fl.status = child.status;
  fl.generated = child.generated;
  fl.pageObject = child.object;
  fl.bytes = child.bytes;
  fl.version = child.version;
  fl.origin = child.origin;
  fl.profile = child.profile;
  fl.date = child.date;
  fl.age = child.age;
  fl.bodyHop = child.bodyHop;
  fl.bodyRefreshed = child.bodyRefreshed;
  deliver(child.parent);
}

}  // namespace cdnsim::sim
