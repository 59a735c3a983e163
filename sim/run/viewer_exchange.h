#pragma once
// One finished viewer request as the simulator saw it, handed to observers (trace and access-log
// writers, tests). Plain data, valid during the callback; rendering headers is the observer's job,
// so a run without observers renders nothing.

#include <cstdint>
#include <optional>

#include "core/config/workload.h"
#include "core/emit/result_type.h"
#include "core/http/message.h"
#include "core/time.h"

namespace cdnsim::sim {

struct ViewerExchange {
  std::uint64_t sequence = 0;  // viewer request number, from 0, in arrival order
  std::uint32_t client = 0;    // client population index
  std::uint32_t pop = 0;       // POP index in the topology
  std::uint64_t object = 0;    // catalogue index
  std::uint32_t behavior = 0;  // index of the behaviour that matched
  std::uint32_t group = 0;     // the object's group in the catalogue
  std::uint64_t variant = 0;   // the request's variant seed (Workload::variant gives its values)
  core::config::RequestMethod method = core::config::RequestMethod::Get;
  std::uint64_t cacheKey = 0;  // the cache key's hash the request was looked up under
  core::TimePoint start{};     // the viewer sent the request
  core::TimePoint popArrival{};
  core::TimePoint firstByte{};  // the first byte reached the viewer
  core::TimePoint end{};        // the last byte reached the viewer
  int status = 200;              // sc-status: what the viewer got (a custom error response's code)
  std::uint64_t bodyBytes = 0;
  std::uint32_t version = 0;               // object version served
  std::uint16_t origin = 0;                // the origin that produced the response
  core::TimePoint originDate{};            // the Date that origin sent for this copy
  core::emit::Outcome outcome{};           // result types for x-cache and the access log
  core::emit::HitLayer answeredBy = core::emit::HitLayer::Edge;  // the layer that produced the body
  std::optional<core::emit::HitLayer> hitLayer{};  // Server-Timing cdn-hit-layer, on hits
  std::optional<core::Duration> age{};     // Age sent to the viewer (cached answers)
  // Errors. `answerStatus`: the status of the answer whose headers the viewer got (the origin's,
  // a cache's, CloudFront's own, or the custom error page's fetch). `generatedError`: CloudFront
  // made it (1 + core::emit::DetailedResultType; 0: the origin's). A custom error response
  // replaced the answer: `errorStatus` is the error it replaced, `answerObject` the page.
  int answerStatus = 200;
  std::uint8_t generatedError = 0;
  bool customErrorPage = false;
  int errorStatus = 0;
  std::uint64_t answerObject = 0;   // whose headers: the page, or `object`
  bool staleOnError = false;        // an expired copy served because the origin failed
  // A replayed request as logged (method, host, path, query, headers); null for synthetic ones,
  // whose request the workload rebuilds from `group` and `variant`.
  const core::http::Request* request = nullptr;
};

class ExchangeObserver {
 public:
  virtual ~ExchangeObserver() = default;
  virtual void onViewerExchange(const ViewerExchange& exchange) = 0;
};

}  // namespace cdnsim::sim
