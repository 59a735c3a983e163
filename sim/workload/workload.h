#pragma once
// The synthetic workload of a scenario as the simulator draws it: who asks (client populations and
// flash crowds, sim/workload/arrivals.h), when, for which object (the groups' shares and
// popularity, newest releases first, sim/workload/catalogue.h), and with what method, query string,
// cookies and headers (sim/workload/request_shape.h); and, per object and behaviour, the cache key
// the simulator looks the request up under.
//
// Sources: 0 .. populations-1 are the client populations (each with its own PRNG stream, the
// stream a population always had: a `catalogue:` scenario draws exactly the numbers it always
// drew), then one source per flash crowd (with its own stream).
//
// Per request (draw, requestKey): no allocation; a varying request costs one extra 64-bit draw
// (its variant seed) and, at the POP, the variant's few draws and the key's continuation.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/cache/cache_key.h"
#include "core/cache/cache_policy.h"
#include "core/cache/ttl.h"
#include "core/config/scenario.h"
#include "core/time.h"
#include "sim/random/distributions.h"
#include "sim/random/rng.h"
#include "sim/workload/arrivals.h"
#include "sim/workload/catalogue.h"
#include "sim/workload/request_shape.h"

namespace cdnsim::sim {

class Workload {
 public:
  // `host` is the distribution's domain; `policies` the cache policy of each behaviour, by index.
  Workload(const core::config::ScenarioConfig& scenario, std::string_view host,
           std::vector<core::cache::CachePolicyConfig> policies);

  const Catalogue& catalogue() const { return catalogue_; }
  std::size_t sourceCount() const { return sources_.size(); }

  // When the source's next request arrives after `now`; nullopt when it sends no more.
  std::optional<core::TimePoint> nextArrival(std::uint32_t source, core::TimePoint now);

  struct Arrival {
    std::uint32_t client = 0;   // the population that sends it
    std::uint32_t group = 0;
    std::uint64_t object = 0;
    std::uint64_t variant = 0;  // seed of its RequestVariant (0 when the group's requests never vary)
  };
  // The request the source sends at `now`.
  Arrival draw(std::uint32_t source, core::TimePoint now);

  const RequestShape& shape(std::uint32_t group) const { return shapes_[group]; }
  // Whether requests of the group differ (method or fields): only then is requestKey needed.
  bool varies(std::uint32_t group) const { return shapes_[group].varies(); }
  RequestVariant variant(std::uint32_t group, std::uint64_t seed) const { return shapes_[group].draw(seed); }

  // What an object's row keeps as its key under `behavior`: the key itself when no request of its
  // group can change it, else the hasher state after its GET head (requestKey finishes it).
  // `path` is the object's path (the caller has it at hand).
  std::uint64_t objectKey(std::uint64_t object, std::string_view path, std::uint32_t behavior) const;
  // The key of one request for `object` (its row's objectKey() is `stored`).
  core::cache::CacheKeyHash requestKey(std::uint64_t object, std::uint32_t group, std::uint32_t behavior,
                                       const RequestVariant& v, std::uint64_t stored);

  // The origin's caching headers for the group, parsed once (Expires added per answer: see
  // freshnessFor).
  core::cache::ResponseFreshnessInput freshnessFor(std::uint32_t group, core::TimePoint date) const;

 private:
  struct Population {
    PopulationArrivals arrivals;
  };
  struct Flash {
    FlashCrowdArrivals arrivals;
    std::uint32_t group;
    std::uint64_t firstObject;  // the released batch
    std::uint64_t objects;
  };
  struct Source {
    Rng rng;
    std::variant<Population, Flash> kind;
  };
  // A group's popularity over the objects released so far (rebuilt when a release adds some).
  struct Popularity {
    core::config::PopularityConfig config;
    std::uint64_t n = 0;
    std::variant<ZipfSampler, ZipfMandelbrotSampler> sampler{ZipfSampler(1, 1.0)};
  };
  const KeyPlan& plan(std::uint32_t group, std::uint32_t behavior) const {
    return plans_[group * policies_.size() + behavior];
  }
  std::uint64_t drawObject(std::uint32_t group, Rng& rng, core::TimePoint now);

  Catalogue catalogue_;
  std::string host_;
  std::vector<core::cache::CachePolicyConfig> policies_;
  std::vector<Source> sources_;
  std::vector<Popularity> popularity_;  // per group
  WeightedChoice groupChoice_{{1.0}};
  WeightedChoice flashClients_{{1.0}};  // a flash crowd's population, by rate
  std::vector<RequestShape> shapes_;    // per group
  std::vector<KeyPlan> plans_;          // per (group, behaviour)
  std::vector<core::cache::ResponseFreshnessInput> freshness_;  // per group
  std::string scratchPath_;             // an OPTIONS request's path (reused)
};

}  // namespace cdnsim::sim
