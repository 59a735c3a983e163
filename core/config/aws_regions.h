#pragma once
// AWS Regions as CloudFront uses them: where its regional edge caches and Origin Shield can be,
// what a Region code looks like, and the Region an S3 endpoint names.

#include <optional>
#include <string>
#include <string_view>

namespace cdnsim::core::config {

// One of CloudFront's 13 regional edge cache Regions (DG/HowCloudFrontWorks.html).
bool isRegionalEdgeCacheRegion(std::string_view region);
std::string regionalEdgeCacheRegionList();  // "us-east-1, us-east-2, ..."

// One of the 12 Regions Origin Shield can be enabled in (DG/origin-shield.html).
bool isOriginShieldRegion(std::string_view region);
std::string originShieldRegionList();
// The Origin Shield Region the same page suggests for an origin in a Region without one.
std::optional<std::string_view> suggestedOriginShieldRegion(std::string_view originRegion);

// An AWS Region code as the CloudFront API writes it: [a-z]{2}-[a-z]+-\d ("us-east-1").
bool looksLikeRegion(std::string_view s);

// The Region in an S3 endpoint, "" when the domain names none (S3 User Guide, VirtualHosting.html).
std::string s3RegionFromDomain(std::string_view domain);

}  // namespace cdnsim::core::config
