// readOriginRegion() and readOriginShield(): where an origin is and which Origin Shield it uses.

#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/config/aws_regions.h"
#include "core/config/origin_yaml.h"

namespace cdnsim::core::config {

// An origin's `region:`, else for S3 the Region its domain names. An explicit Region must be a
// Region code and agree with an S3 domain that names one.
std::string readOriginRegion(const YamlMap& m, const OriginConfig& o) {
  const std::string fromDomain = o.kind == OriginKind::S3 ? s3RegionFromDomain(o.domain) : "";
  const auto v = m.get("region");
  if (!v) return fromDomain;
  std::string region = v->asString("origin region");
  if (!looksLikeRegion(region)) {
    v->fail(fmt::format("origin region '{}' must be an AWS Region code such as us-east-1", region));
  }
  if (!fromDomain.empty() && region != fromDomain) {
    v->fail(fmt::format("origin region '{}' disagrees with its S3 domain '{}'; expected {}", region,
                        o.domain, fromDomain));
  }
  return region;
}

// `origin_shield: {region: ...}`: an Origin Shield Region that a REC of the topology is in, since
// cdnsim runs the shield on that REC. RECs are read before origins.
OriginShieldConfig readOriginShield(const YamlNode& node, const TopologyConfig& t,
                                   const std::unordered_map<std::string, std::size_t>& recByRegion) {
  YamlMap m(node, "origin_shield", keys::kOriginShield);
  const auto v = m.require("region");
  OriginShieldConfig shield{v.asString("origin shield region")};
  if (!isOriginShieldRegion(shield.region)) {
    std::string hint;
    if (const auto to = suggestedOriginShieldRegion(shield.region)) {
      hint = fmt::format(" (CloudFront suggests {} for origins in {})", *to, shield.region);
    }
    v.fail(fmt::format(
        "origin shield region '{}' is not an Origin Shield Region{}; expected one of: {}",
        shield.region, hint, originShieldRegionList()));
  }
  if (recByRegion.count(shield.region) == 0) {
    std::vector<std::string> regions;
    for (const auto& r : t.regionalEdgeCaches) regions.push_back(r.region);
    v.fail(fmt::format(
        "origin shield region '{}' has no regional edge cache in this topology (cdnsim runs the "
        "shield on the Region's regional edge cache); expected a regional edge cache with region: "
        "{} (regions present: {})",
        shield.region, shield.region, regions.empty() ? "none" : joinNames(regions)));
  }
  return shield;
}

}  // namespace cdnsim::core::config
