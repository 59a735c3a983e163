#pragma once
// Which caching layers a request crosses between its POP and the origin.
// - Regional edge caches (DG/HowCloudFrontWorks.html, "How CloudFront works with regional edge
//   caches"): a POP that misses asks its REC, except in the cases listed on that page, where the
//   POP goes to the origin directly.
// - Origin Shield (DG/origin-shield.html): an extra caching layer per origin that every request
//   to that origin goes through, whichever layer it comes from; when the request's REC is in the
//   shield's Region, that REC is the shield and no extra layer is added.
// Pure: strings are the caller's and only read during the call.

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace cdnsim::core::routing {

// Why a POP forwards straight to the origin (or the shield) instead of its REC.
enum class RecSkipReason : std::uint8_t {
  None,                 // the REC is used
  NoRegionalEdgeCache,  // the POP has no REC
  MethodNotCached,      // PUT, POST, PATCH, OPTIONS or DELETE
  Dynamic,              // judged dynamic at request time (e.g. caching disabled)
  SameRegionS3,         // an S3 origin in the same AWS Region as the REC
};

// "none", "no regional edge cache", "method not cached", "dynamic", "same-region S3 origin".
std::string_view toString(RecSkipReason r);

struct TierPlanInput {
  std::string_view method;                        // viewer method, case-sensitive (RFC 9110 §9.1)
  bool dynamic = false;                           // judged dynamic at request time (caller decides: e.g. CachingDisabled)
  std::optional<std::string_view> recRegion;      // the POP's REC's AWS Region; nullopt = POP has no REC
  bool originIsS3 = false;                        // the origin is an S3 bucket (not a website endpoint)
  std::string_view originRegion;                  // the origin's AWS Region; "" = unknown
  std::optional<std::string_view> shieldRegion;   // the origin's Origin Shield Region, if enabled
};

struct TierPlan {
  bool viaRec = false;                        // the POP forwards to its REC
  RecSkipReason recSkip = RecSkipReason::None;  // why not, when !viaRec
  bool viaShield = false;    // an extra shield layer after the REC (or after the POP when the REC is skipped)
  bool recIsShield = false;  // the REC crossed is in the shield's Region: it is the shield (no extra layer)
  bool operator==(const TierPlan&) const = default;
};

// The layers for one request. No allocation.
TierPlan planTiers(const TierPlanInput& in);

}  // namespace cdnsim::core::routing

template <>
struct fmt::formatter<cdnsim::core::routing::RecSkipReason> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(cdnsim::core::routing::RecSkipReason r, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(cdnsim::core::routing::toString(r), ctx);
  }
};

// "rec" / "rec(=shield)" / "no rec (<reason>)", then "+shield" when a shield layer is added.
template <>
struct fmt::formatter<cdnsim::core::routing::TierPlan> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const cdnsim::core::routing::TierPlan& p, FormatContext& ctx) const {
    if (p.viaRec) {
      fmt::format_to(ctx.out(), "{}", p.recIsShield ? "rec(=shield)" : "rec");
    } else {
      fmt::format_to(ctx.out(), "no rec ({})", p.recSkip);
    }
    return fmt::format_to(ctx.out(), "{}", p.viaShield ? "+shield" : "");
  }
};
