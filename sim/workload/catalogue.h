#pragma once
// The synthetic catalogue: N objects ranked by popularity, each with a size drawn once from the
// scenario's size distribution (its own PRNG stream, so sizes do not depend on request order).
// Object i is served at <pathPrefix>obj-<i>; rank 1 (the most popular) is object 0.
// Memory: 8 bytes per object. Paths are built only when a trace needs them.

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/scenario.h"

namespace cdnsim::sim {

class Catalogue {
 public:
  Catalogue(const core::config::CatalogueConfig& config, std::uint64_t seed);

  std::uint64_t objectCount() const { return sizes_.size(); }
  std::uint64_t size(std::uint64_t object) const { return sizes_[object]; }
  // "/assets/obj-42"
  std::string path(std::uint64_t object) const;
  void appendPath(std::uint64_t object, std::string& out) const;
  const core::config::CatalogueConfig& config() const { return config_; }

 private:
  core::config::CatalogueConfig config_;
  std::vector<std::uint64_t> sizes_;
};

}  // namespace cdnsim::sim
