#include "core/routing/tier_plan.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace cdnsim::core::routing {

namespace {

using Skip = RecSkipReason;
const std::optional<std::string_view> kNoRec;
const std::optional<std::string_view> kNoShield;

struct Row {
  std::string name;
  TierPlanInput in;
  TierPlan expected;
};

}  // namespace

// DG/HowCloudFrontWorks.html (regional edge caches) and DG/origin-shield.html.
TEST_CASE("tier plans follow CloudFront's REC-skip and Origin Shield rules", "[routing][tier_plan]") {
  // TierPlan fields: viaRec, recSkip, viaShield, recIsShield.
  auto row = GENERATE(values<Row>({
      // Plain cacheable GET through the REC.
      {"GET via REC", {"GET", false, "us-east-1", false, "", kNoShield}, {true, Skip::None, false, false}},
      {"HEAD via REC", {"HEAD", false, "us-east-1", false, "", kNoShield}, {true, Skip::None, false, false}},
      // No REC for this POP.
      {"no REC", {"GET", false, kNoRec, false, "", kNoShield}, {false, Skip::NoRegionalEdgeCache, false, false}},
      {"no REC beats method", {"POST", true, kNoRec, true, "us-east-1", kNoShield},
       {false, Skip::NoRegionalEdgeCache, false, false}},
      // Proxy methods skip the REC.
      {"PUT", {"PUT", false, "us-east-1", false, "", kNoShield}, {false, Skip::MethodNotCached, false, false}},
      {"POST", {"POST", false, "us-east-1", false, "", kNoShield}, {false, Skip::MethodNotCached, false, false}},
      {"PATCH", {"PATCH", false, "us-east-1", false, "", kNoShield}, {false, Skip::MethodNotCached, false, false}},
      {"OPTIONS", {"OPTIONS", false, "us-east-1", false, "", kNoShield}, {false, Skip::MethodNotCached, false, false}},
      {"DELETE", {"DELETE", false, "us-east-1", false, "", kNoShield}, {false, Skip::MethodNotCached, false, false}},
      {"methods are case-sensitive", {"post", false, "us-east-1", false, "", kNoShield}, {true, Skip::None, false, false}},
      {"method beats dynamic", {"POST", true, "us-east-1", true, "us-east-1", kNoShield},
       {false, Skip::MethodNotCached, false, false}},
      // Dynamic requests skip the REC.
      {"dynamic", {"GET", true, "us-east-1", false, "", kNoShield}, {false, Skip::Dynamic, false, false}},
      {"dynamic beats same-region S3", {"GET", true, "us-east-1", true, "us-east-1", kNoShield},
       {false, Skip::Dynamic, false, false}},
      // S3 origin in the REC's Region.
      {"same-region S3", {"GET", false, "us-east-1", true, "us-east-1", kNoShield}, {false, Skip::SameRegionS3, false, false}},
      {"other-region S3", {"GET", false, "us-east-1", true, "eu-west-1", kNoShield}, {true, Skip::None, false, false}},
      {"S3 of unknown Region", {"GET", false, "us-east-1", true, "", kNoShield}, {true, Skip::None, false, false}},
      {"custom origin in the REC's Region", {"GET", false, "us-east-1", false, "us-east-1", kNoShield},
       {true, Skip::None, false, false}},
      // Origin Shield: every request goes through it.
      {"REC then shield", {"GET", false, "us-east-1", false, "", "eu-west-1"}, {true, Skip::None, true, false}},
      {"REC is the shield", {"GET", false, "eu-west-1", false, "", "eu-west-1"}, {true, Skip::None, false, true}},
      {"no REC, shield", {"GET", false, kNoRec, false, "", "eu-west-1"}, {false, Skip::NoRegionalEdgeCache, true, false}},
      {"POST through the shield", {"POST", false, "eu-west-1", false, "", "eu-west-1"},
       {false, Skip::MethodNotCached, true, false}},
      {"dynamic through the shield", {"GET", true, "us-east-1", false, "", "us-east-1"}, {false, Skip::Dynamic, true, false}},
      {"same-region S3 through the shield", {"GET", false, "us-east-1", true, "us-east-1", "us-east-1"},
       {false, Skip::SameRegionS3, true, false}},
      {"same-region S3, shield elsewhere", {"GET", false, "us-east-1", true, "us-east-1", "us-east-2"},
       {false, Skip::SameRegionS3, true, false}},
  }));
  CAPTURE(row.name);
  const TierPlan got = planTiers(row.in);
  INFO(fmt::format("got {}, expected {}", got, row.expected));
  CHECK(got == row.expected);
}

TEST_CASE("tier plans and skip reasons print", "[routing][tier_plan]") {
  CHECK(fmt::format("{}", RecSkipReason::None) == "none");
  CHECK(fmt::format("{}", RecSkipReason::NoRegionalEdgeCache) == "no regional edge cache");
  CHECK(fmt::format("{}", RecSkipReason::MethodNotCached) == "method not cached");
  CHECK(fmt::format("{}", RecSkipReason::Dynamic) == "dynamic");
  CHECK(fmt::format("{}", RecSkipReason::SameRegionS3) == "same-region S3 origin");
  CHECK(fmt::format("{}", TierPlan{true, Skip::None, true, false}) == "rec+shield");
  CHECK(fmt::format("{}", TierPlan{true, Skip::None, false, true}) == "rec(=shield)");
  CHECK(fmt::format("{}", TierPlan{false, Skip::Dynamic, false, false}) == "no rec (dynamic)");
}

}  // namespace cdnsim::core::routing
