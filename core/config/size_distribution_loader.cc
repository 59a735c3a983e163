// readSizes(): an object group's `sizes:`, a size distribution clamped to min..max.

#include <fmt/format.h>

#include <cstdint>
#include <initializer_list>
#include <string>

#include "core/config/workload.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

SizeDistributionConfig readSizes(const YamlNode& node) {
  YamlMap m(node, "sizes", keys::kSizes);
  SizeDistributionConfig s;
  auto kind = m.require("distribution").asChoice("size distribution",
                                                 {"fixed", "lognormal", "pareto", "empirical"});
  auto requireOnly = [&](std::string_view key, std::initializer_list<std::string_view> forbidden) {
    for (auto f : forbidden) {
      if (auto v = m.get(f)) v->fail(fmt::format("'{}' does not apply to a {} distribution", f, kind));
    }
    return m.require(key);
  };
  if (kind == "empirical") {
    s.kind = SizeDistributionKind::Empirical;
    const auto points = requireOnly("points", {"size", "median", "scale", "sigma", "alpha", "min", "max"});
    double lastP = -1;
    std::uint64_t lastBytes = 0;
    for (const auto& item : points.asSequence("points")) {
      YamlMap pm(item, "size CDF point", keys::kSizeCdfPoint);
      const auto pNode = pm.require("p");
      const double p = pNode.asDouble("p (the probability that a size is at most this one)", 0, 1);
      const auto sizeNode = pm.require("size");
      const std::uint64_t bytes = sizeNode.asByteSize("size");
      if (s.points.empty() && p != 0.0) pNode.fail(fmt::format("the first point's p is {}; expected 0 (the smallest size)", p));
      if (!s.points.empty() && p <= lastP) pNode.fail(fmt::format("p {} does not rise after {}; expected probabilities in increasing order", p, lastP));
      if (!s.points.empty() && bytes < lastBytes) sizeNode.fail(fmt::format("size {} is below the previous point's {}; expected sizes that never decrease", bytes, lastBytes));
      if (bytes == 0) sizeNode.fail("size must be above zero");
      s.points.emplace_back(p, bytes);
      lastP = p;
      lastBytes = bytes;
    }
    if (s.points.size() < 2 || s.points.back().first != 1.0) {
      points.fail("an empirical size CDF needs at least two points, the first with p: 0 and the last with p: 1");
    }
    s.minBytes = s.points.front().second;
    s.maxBytes = s.points.back().second;
    s.medianBytes = s.points.front().second;
    return s;
  }
  if (auto v = m.get("points")) v->fail(fmt::format("'points' does not apply to a {} distribution; expected distribution: empirical", kind));
  if (kind == "fixed") {
    s.kind = SizeDistributionKind::Fixed;
    s.medianBytes = requireOnly("size", {"median", "scale", "sigma", "alpha"}).asByteSize("size");
  } else if (kind == "lognormal") {
    s.kind = SizeDistributionKind::Lognormal;
    s.medianBytes = requireOnly("median", {"size", "scale", "alpha"}).asByteSize("median");
    if (auto v = m.get("sigma")) s.shape = v->asDouble("sigma", 0.01, 10);
  } else {
    s.kind = SizeDistributionKind::Pareto;
    s.medianBytes = requireOnly("scale", {"size", "median", "sigma"}).asByteSize("scale");
    if (auto v = m.get("alpha")) s.shape = v->asDouble("alpha", 0.1, 10);
  }
  if (auto v = m.get("min")) s.minBytes = v->asByteSize("min");
  if (auto v = m.get("max")) s.maxBytes = v->asByteSize("max");
  if (s.minBytes == 0 || s.minBytes > s.maxBytes) {
    node.fail("object sizes need 0 < min <= max");
  }
  // Sizes are clamped to [min, max]: a size, median or scale outside it would quietly make every
  // object (or nearly every one) the same size, so it is refused at its key.
  const std::string_view key = kind == "fixed" ? "size" : kind == "lognormal" ? "median" : "scale";
  const auto value = m.require(key);
  if (s.medianBytes == 0) value.fail(fmt::format("{} must be above zero", key));
  if (s.medianBytes < s.minBytes || s.medianBytes > s.maxBytes) {
    value.fail(fmt::format("{} {} is outside the object sizes {}..{} (min..max), so every object "
                           "would be clamped to one of them; expected a {} within min..max",
                           key, s.medianBytes, s.minBytes, s.maxBytes, key));
  }
  if (s.kind == SizeDistributionKind::Pareto && s.medianBytes == s.maxBytes) {
    value.fail(fmt::format("scale {} equals max, and a Pareto size is never below its scale, so "
                           "every object would be {} bytes; expected a scale below max",
                           s.medianBytes, s.maxBytes));
  }
  return s;
}

}  // namespace cdnsim::core::config
