// Spellings and mappings of CloudFront's result types (DG/standard-logs-reference.html).

#include "core/emit/result_type.h"

#include <array>

namespace cdnsim::core::emit {

namespace {

constexpr std::array<std::string_view, 7> kEdgeNames{
    "Hit", "RefreshHit", "Miss", "LimitExceeded", "CapacityExceeded", "Error", "Redirect"};

// In enum order.
constexpr std::array<std::string_view, kDetailedResultTypeCount> kDetailedNames{
    "Hit",
    "RefreshHit",
    "Miss",
    "LimitExceeded",
    "CapacityExceeded",
    "Error",
    "Redirect",
    "OriginShieldHit",
    "MissGeneratedResponse",
    "AbortedOrigin",
    "ClientCommError",
    "ClientGeoBlocked",
    "ClientHungUpRequest",
    "InvalidRequest",
    "InvalidRequestBlocked",
    "InvalidRequestCertificate",
    "InvalidRequestHeader",
    "InvalidRequestMethod",
    "OriginCommError",
    "OriginConnectError",
    "OriginContentRangeLengthError",
    "OriginDnsError",
    "OriginError",
    "OriginHeaderTooBigError",
    "OriginInvalidResponseError",
    "OriginReadError",
    "OriginWriteError",
    "OriginZeroSizeObjectError",
    "SlowReaderOriginError",
};

constexpr std::array<std::string_view, 7> kXCacheNames{"Hit",
                                                       "RefreshHit",
                                                       "Miss",
                                                       "Error",
                                                       "Redirect",
                                                       "FunctionGeneratedResponse",
                                                       "LambdaGeneratedResponse"};

constexpr std::array<std::string_view, 7> kXCacheValues{"Hit from cloudfront",
                                                        "RefreshHit from cloudfront",
                                                        "Miss from cloudfront",
                                                        "Error from cloudfront",
                                                        "Redirect from cloudfront",
                                                        "FunctionGeneratedResponse from cloudfront",
                                                        "LambdaGeneratedResponse from cloudfront"};

template <std::size_t N>
std::string_view at(const std::array<std::string_view, N>& names, std::size_t i) {
  return i < N ? names[i] : std::string_view("-");
}

}  // namespace

std::string_view toString(EdgeResultType t) { return at(kEdgeNames, static_cast<std::size_t>(t)); }
std::string_view toString(DetailedResultType t) {
  return at(kDetailedNames, static_cast<std::size_t>(t));
}
std::string_view toString(XCacheType t) { return at(kXCacheNames, static_cast<std::size_t>(t)); }

std::string_view toString(HitLayer l) {
  switch (l) {
    case HitLayer::Edge:
      return "EDGE";
    case HitLayer::RegionalEdgeCache:
      return "REC";
    case HitLayer::OriginShield:
      return "Origin Shield";
    case HitLayer::Origin:
      return "Origin";
  }
  return "-";
}

std::optional<EdgeResultType> parseEdgeResultType(std::string_view text) {
  for (std::size_t i = 0; i < kEdgeNames.size(); ++i) {
    if (kEdgeNames[i] == text) return static_cast<EdgeResultType>(i);
  }
  return std::nullopt;
}

std::optional<DetailedResultType> parseDetailedResultType(std::string_view text) {
  for (std::size_t i = 0; i < kDetailedNames.size(); ++i) {
    if (kDetailedNames[i] == text) return static_cast<DetailedResultType>(i);
  }
  return std::nullopt;
}

EdgeResultType edgeResultOf(DetailedResultType d) {
  using D = DetailedResultType;
  switch (d) {
    case D::Hit:
    case D::OriginShieldHit:
      return EdgeResultType::Hit;
    case D::RefreshHit:
      return EdgeResultType::RefreshHit;
    case D::Miss:
    case D::MissGeneratedResponse:
      return EdgeResultType::Miss;
    case D::LimitExceeded:
      return EdgeResultType::LimitExceeded;
    case D::CapacityExceeded:
      return EdgeResultType::CapacityExceeded;
    case D::Redirect:
      return EdgeResultType::Redirect;
    default:
      return EdgeResultType::Error;
  }
}

std::string_view xCacheValue(XCacheType t) {
  return at(kXCacheValues, static_cast<std::size_t>(t));
}

XCacheType xCacheTypeFor(EdgeResultType t) {
  switch (t) {
    case EdgeResultType::Hit:
      return XCacheType::Hit;
    case EdgeResultType::RefreshHit:
      return XCacheType::RefreshHit;
    case EdgeResultType::Miss:
      return XCacheType::Miss;
    case EdgeResultType::Redirect:
      return XCacheType::Redirect;
    case EdgeResultType::LimitExceeded:
    case EdgeResultType::CapacityExceeded:
    case EdgeResultType::Error:
      return XCacheType::Error;
  }
  return XCacheType::Error;
}

Outcome outcomeOf(DetailedResultType d) {
  const auto r = edgeResultOf(d);
  return Outcome{r, r, d};
}

}  // namespace cdnsim::core::emit
