#include "sim/workload/catalogue.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sim/random/distributions.h"
#include "sim/random/rng.h"

namespace cdnsim::sim {

namespace {

// Stream ids of the scenario's independent random sources: group g's sizes use kSizesStream + g
// (the single catalogue is group 0, so its sizes are what they always were).
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
    case core::config::SizeDistributionKind::Empirical: {
      EmpiricalCdf cdf;
      for (const auto& [p, bytes] : c.points) cdf.points.emplace_back(p, static_cast<double>(bytes));
      d.shape = std::move(cdf);
      break;
    }
  }
  return d;
}

}  // namespace

Catalogue::Catalogue(const core::config::CatalogueConfig& config, std::uint64_t seed) {
  addCatalogue(config, seed);
}

void Catalogue::addCatalogue(const core::config::CatalogueConfig& config, std::uint64_t seed) {
  CatalogueGroup g;
  g.name = "catalogue";
  g.initial = config.objects;
  g.capacity = config.objects;
  g.pathHead = config.pathPrefix + "obj-";
  g.contentType = "application/octet-stream";
  g.origin.cacheControl = config.cacheControl;
  addGroup(std::move(g), config.sizes, seed, kSizesStream);
}

Catalogue::Catalogue(const core::config::ScenarioConfig& scenario) {
  if (scenario.objectGroups.empty()) {
    addCatalogue(scenario.catalogue, scenario.seed);
    return;
  }
  const double expected = scenario.expectedSeconds();
  for (std::size_t i = 0; i < scenario.objectGroups.size(); ++i) {
    const auto& c = scenario.objectGroups[i];
    CatalogueGroup g;
    g.name = c.name;
    g.initial = c.objects;
    g.capacity = c.objects;
    const auto id = c.pathTemplate.find("{id}");
    g.pathHead = c.pathTemplate.substr(0, id);
    g.pathTail = c.pathTemplate.substr(id + 4);
    g.contentType = c.contentType;
    g.origin = c.origin;
    if (c.release) {
      g.batch = c.release->objects;
      g.releases = core::config::releaseCount(*c.release, expected);
      g.releaseStart = scenario.start + c.release->firstAt;
      g.releaseEvery = c.release->every.value_or(core::Duration::zero());
      g.capacity += g.batch * g.releases;
    }
    addGroup(std::move(g), c.sizes, scenario.seed, kSizesStream + i);
  }
}

void Catalogue::addGroup(CatalogueGroup group, const core::config::SizeDistributionConfig& sizes,
                         std::uint64_t seed, std::uint64_t stream) {
  group.first = sizes_.size();
  Rng rng = Rng::stream(seed, stream);
  const SizeDistribution law = toDistribution(sizes);
  sizes_.resize(group.first + group.capacity);
  for (std::uint64_t i = group.first; i < sizes_.size(); ++i) sizes_[i] = law(rng);
  groups_.push_back(std::move(group));
}

std::uint32_t Catalogue::groupOf(std::uint64_t object) const {
  const auto it = std::upper_bound(groups_.begin(), groups_.end(), object,
                                   [](std::uint64_t o, const CatalogueGroup& g) { return o < g.first; });
  return static_cast<std::uint32_t>(it - groups_.begin() - 1);
}

std::uint64_t Catalogue::releasesBy(std::uint32_t g, core::TimePoint now) const {
  const CatalogueGroup& group = groups_[g];
  if (group.releases == 0 || now < group.releaseStart) return 0;
  if (group.releaseEvery == core::Duration::zero()) return 1;
  const auto done = static_cast<std::uint64_t>((now - group.releaseStart) / group.releaseEvery) + 1;
  return std::min(done, group.releases);
}

std::uint64_t Catalogue::available(std::uint32_t g, core::TimePoint now) const {
  return groups_[g].initial + releasesBy(g, now) * groups_[g].batch;
}

std::uint64_t Catalogue::objectAtRank(std::uint32_t g, std::uint64_t rank, std::uint64_t released) const {
  const CatalogueGroup& group = groups_[g];
  if (rank <= released) return group.first + group.initial + (released - rank);
  return group.first + (rank - released - 1);
}

void Catalogue::appendPath(std::uint64_t object, std::string& out) const {
  const CatalogueGroup& g = groups_[groupOf(object)];
  out += g.pathHead;
  char digits[24];  // to_chars: this runs once per trace line
  out.append(digits, std::to_chars(digits, digits + sizeof digits, object - g.first).ptr);
  out += g.pathTail;
}

std::string Catalogue::path(std::uint64_t object) const {
  std::string out;
  appendPath(object, out);
  return out;
}

}  // namespace cdnsim::sim
