#pragma once
// The synthetic catalogue: every object a scenario's viewers may ask for, in groups. A scenario's
// single `catalogue:` is one group; `object_groups:` give several (core/config/workload.h). Each
// object has a size drawn once from its group's size distribution (the group's own PRNG stream, so
// sizes do not depend on request order) and a path from its group's template: object k of a group
// is at the template with {id} = k (a `catalogue:` object i is at <pathPrefix>obj-<i>).
//
// A group's objects are numbered from its first index: first the `objects` it starts with, then
// room for every object its releases will add. Popularity ranks go newest first: with R objects
// released by time t, rank 1..R are the released ones (the newest is rank 1) and rank R+1.. the
// initial ones in order (rank R+1 is the group's object 0). Without releases rank k is object k-1.
// Memory: 8 bytes per object. Paths are built only when a trace needs them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/scenario.h"
#include "core/time.h"

namespace cdnsim::sim {

// One group's objects and what the origin sends with them.
struct CatalogueGroup {
  std::string name;
  std::uint64_t first = 0;      // index of its object 0
  std::uint64_t initial = 0;    // objects from the start
  std::uint64_t capacity = 0;   // initial + every released object
  std::string pathHead;         // the template before {id}
  std::string pathTail;         // after it
  std::string contentType;
  core::config::OriginCachingConfig origin;
  // Releases: `batch` objects at releaseStart, then every releaseEvery (zero: once), `releases`
  // times in all (0: no releases).
  std::uint64_t batch = 0;
  std::uint64_t releases = 0;
  core::TimePoint releaseStart{};
  core::Duration releaseEvery{};
};

class Catalogue {
 public:
  // One group from a scenario's `catalogue:`.
  Catalogue(const core::config::CatalogueConfig& config, std::uint64_t seed);
  // The scenario's object groups, or its catalogue when it has none.
  explicit Catalogue(const core::config::ScenarioConfig& scenario);

  std::uint64_t objectCount() const { return sizes_.size(); }
  std::uint64_t size(std::uint64_t object) const { return sizes_[object]; }
  // "/assets/obj-42"
  std::string path(std::uint64_t object) const;
  void appendPath(std::uint64_t object, std::string& out) const;

  std::size_t groupCount() const { return groups_.size(); }
  const CatalogueGroup& group(std::size_t g) const { return groups_[g]; }
  // The group an object belongs to. O(log groups).
  std::uint32_t groupOf(std::uint64_t object) const;
  // The origin's Cache-Control for an object's group ("" = none).
  std::string_view cacheControl(std::uint32_t group) const { return groups_[group].origin.cacheControl; }
  std::string_view contentType(std::uint32_t group) const { return groups_[group].contentType; }

  // Objects of group g released by `now` (the initial ones included): the ranks to draw from.
  std::uint64_t available(std::uint32_t g, core::TimePoint now) const;
  // How many release batches group g has made by `now`.
  std::uint64_t releasesBy(std::uint32_t g, core::TimePoint now) const;
  // The object at popularity rank `rank` (1-based) when `released` objects have been released.
  std::uint64_t objectAtRank(std::uint32_t g, std::uint64_t rank, std::uint64_t released) const;

 private:
  void addCatalogue(const core::config::CatalogueConfig& config, std::uint64_t seed);
  void addGroup(CatalogueGroup group, const core::config::SizeDistributionConfig& sizes,
                std::uint64_t seed, std::uint64_t stream);

  std::vector<CatalogueGroup> groups_;
  std::vector<std::uint64_t> sizes_;
};

}  // namespace cdnsim::sim
