#include "sim/workload/catalogue.h"

#include <charconv>

#include "sim/random/distributions.h"
#include "sim/random/rng.h"

namespace cdnsim::sim {

namespace {

// Stream ids of the scenario's independent random sources.
constexpr std::uint64_t kSizesStream = 0x5153;

SizeDistribution toDistribution(const core::config::SizeDistributionConfig& c) {
  SizeDistribution d;
  d.minBytes = c.minBytes;
  d.maxBytes = c.maxBytes;
  switch (c.kind) {
    case core::config::SizeDistributionKind::Fixed:
      d.shape = FixedSize{c.medianBytes};
      break;
    case core::config::SizeDistributionKind::Lognormal:
      d.shape = Lognormal{std::log(static_cast<double>(c.medianBytes)), c.shape};
      break;
    case core::config::SizeDistributionKind::Pareto:
      d.shape = Pareto{static_cast<double>(c.medianBytes), c.shape};
      break;
  }
  return d;
}

}  // namespace

Catalogue::Catalogue(const core::config::CatalogueConfig& config, std::uint64_t seed)
    : config_(config) {
  Rng rng = Rng::stream(seed, kSizesStream);
  const SizeDistribution sizes = toDistribution(config.sizes);
  sizes_.resize(config.objects);
  for (auto& s : sizes_) s = sizes(rng);
}

void Catalogue::appendPath(std::uint64_t object, std::string& out) const {
  out += config_.pathPrefix;
  out += "obj-";
  char digits[24];  // to_chars: this runs once per trace line
  out.append(digits, std::to_chars(digits, digits + sizeof digits, object).ptr);
}

std::string Catalogue::path(std::uint64_t object) const {
  std::string out;
  appendPath(object, out);
  return out;
}

}  // namespace cdnsim::sim
