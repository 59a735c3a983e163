#include "core/config/aws_regions.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

// CloudFront's 13 regional edge caches sit in these AWS Regions (DG/HowCloudFrontWorks.html,
// "How CloudFront works with regional edge caches").
constexpr std::string_view kRecRegions[] = {
    "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",    "ap-south-1",
    "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "eu-central-1",
    "eu-west-1",      "eu-west-2",      "sa-east-1"};

// The Regions Origin Shield can be enabled in (DG/origin-shield.html, "Choosing the AWS Region for
// Origin Shield"): the REC Regions but us-west-1.
constexpr std::string_view kShieldRegions[] = {
    "us-east-1",      "us-east-2",      "us-west-2",      "ap-south-1",   "ap-northeast-1",
    "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "eu-central-1", "eu-west-1",
    "eu-west-2",      "sa-east-1"};

// The Origin Shield Region the same page suggests for an origin in a Region without one.
constexpr std::pair<std::string_view, std::string_view> kSuggestedShield[] = {
    {"us-west-1", "us-west-2"},      {"af-south-1", "eu-west-1"},  {"ap-east-1", "ap-southeast-1"},
    {"ca-central-1", "us-east-1"},   {"eu-south-1", "eu-central-1"}, {"eu-west-3", "eu-west-2"},
    {"eu-north-1", "eu-west-2"},     {"me-south-1", "ap-south-1"}};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

template <std::size_t N>
std::string joinList(const std::string_view (&list)[N]) {
  return joinNames(std::vector<std::string>(std::begin(list), std::end(list)));
}

}  // namespace

bool isRegionalEdgeCacheRegion(std::string_view region) { return contains(kRecRegions, region); }
std::string regionalEdgeCacheRegionList() { return joinList(kRecRegions); }

bool isOriginShieldRegion(std::string_view region) { return contains(kShieldRegions, region); }
std::string originShieldRegionList() { return joinList(kShieldRegions); }

std::optional<std::string_view> suggestedOriginShieldRegion(std::string_view originRegion) {
  for (const auto& [from, to] : kSuggestedShield) {
    if (from == originRegion) return to;
  }
  return std::nullopt;
}

// An AWS Region code as the CloudFront API writes it: two letters, a word, a number ("us-east-1",
// "ap-southeast-2"); the API's pattern is [a-z]{2}-[a-z]+-\d.
bool looksLikeRegion(std::string_view s) {
  const auto first = s.find('-');
  const auto last = s.rfind('-');
  if (first != 2 || last == first || last + 1 >= s.size()) return false;
  auto all = [&](std::size_t from, std::size_t to, auto pred) {
    for (std::size_t i = from; i < to; ++i) {
      if (!pred(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
  };
  auto lower = [](unsigned char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  auto lowerOrDash = [&](unsigned char c) { return lower(c) || c == '-'; };
  return all(0, 2, lower) && all(3, last, lowerOrDash) && s[last - 1] != '-' &&
         all(last + 1, s.size(), digit);
}

// The Region in an S3 endpoint, "" when the domain names none. Virtual-hosted endpoints end in
// s3.<region>.amazonaws.com, s3-<region>.amazonaws.com, or s3.dualstack.<region>.amazonaws.com
// (S3 User Guide, VirtualHosting.html); the legacy global s3.amazonaws.com names no Region.
// The bucket name may itself hold dots, so the labels are read from the right.
std::string s3RegionFromDomain(std::string_view domain) {
  constexpr std::string_view kSuffix = ".amazonaws.com";
  if (domain.size() <= kSuffix.size() || domain.substr(domain.size() - kSuffix.size()) != kSuffix) {
    return "";
  }
  domain.remove_suffix(kSuffix.size());
  auto popLabel = [&domain]() {
    const auto dot = domain.rfind('.');
    std::string_view label = dot == std::string_view::npos ? domain : domain.substr(dot + 1);
    domain = dot == std::string_view::npos ? std::string_view{} : domain.substr(0, dot);
    return label;
  };
  const std::string_view last = popLabel();
  if (last.substr(0, 3) == "s3-") {
    const auto region = last.substr(3);
    return looksLikeRegion(region) ? std::string(region) : "";
  }
  if (!looksLikeRegion(last)) return "";
  std::string_view before = popLabel();
  if (before == "dualstack") before = popLabel();
  return before == "s3" ? std::string(last) : "";
}

}  // namespace cdnsim::core::config
