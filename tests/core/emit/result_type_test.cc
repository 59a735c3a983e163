// Result type spellings and mappings (DG/standard-logs-reference.html x-edge-result-type,
// x-edge-detailed-result-type; X-Cache values, CLOUDFRONT.md §4, §8).

#include "core/emit/result_type.h"

#include <catch2/catch.hpp>

namespace cdnsim::core::emit {

TEST_CASE(
    "x-edge-result-type spellings round-trip (DG/standard-logs-reference: "
    "x-edge-result-type)",
    "[emit][result]") {
  auto [t, text] = GENERATE(table<EdgeResultType, std::string>({
      {EdgeResultType::Hit, "Hit"},
      {EdgeResultType::RefreshHit, "RefreshHit"},
      {EdgeResultType::Miss, "Miss"},
      {EdgeResultType::LimitExceeded, "LimitExceeded"},
      {EdgeResultType::CapacityExceeded, "CapacityExceeded"},
      {EdgeResultType::Error, "Error"},
      {EdgeResultType::Redirect, "Redirect"},
  }));
  CHECK(toString(t) == text);
  CHECK(fmt::format("{}", t) == text);
  CHECK(parseEdgeResultType(text) == t);
}

TEST_CASE(
    "x-edge-detailed-result-type: every value spelled exactly and mapped to its result "
    "type (DG/standard-logs-reference: x-edge-detailed-result-type)",
    "[emit][result]") {
  using D = DetailedResultType;
  using E = EdgeResultType;
  auto [d, text, edge] = GENERATE(table<D, std::string, E>({
      {D::Hit, "Hit", E::Hit},
      {D::RefreshHit, "RefreshHit", E::RefreshHit},
      {D::Miss, "Miss", E::Miss},
      {D::LimitExceeded, "LimitExceeded", E::LimitExceeded},
      {D::CapacityExceeded, "CapacityExceeded", E::CapacityExceeded},
      {D::Error, "Error", E::Error},
      {D::Redirect, "Redirect", E::Redirect},
      {D::OriginShieldHit, "OriginShieldHit", E::Hit},
      {D::MissGeneratedResponse, "MissGeneratedResponse", E::Miss},
      {D::AbortedOrigin, "AbortedOrigin", E::Error},
      {D::ClientCommError, "ClientCommError", E::Error},
      {D::ClientGeoBlocked, "ClientGeoBlocked", E::Error},
      {D::ClientHungUpRequest, "ClientHungUpRequest", E::Error},
      {D::InvalidRequest, "InvalidRequest", E::Error},
      {D::InvalidRequestBlocked, "InvalidRequestBlocked", E::Error},
      {D::InvalidRequestCertificate, "InvalidRequestCertificate", E::Error},
      {D::InvalidRequestHeader, "InvalidRequestHeader", E::Error},
      {D::InvalidRequestMethod, "InvalidRequestMethod", E::Error},
      {D::OriginCommError, "OriginCommError", E::Error},
      {D::OriginConnectError, "OriginConnectError", E::Error},
      {D::OriginContentRangeLengthError, "OriginContentRangeLengthError", E::Error},
      {D::OriginDnsError, "OriginDnsError", E::Error},
      {D::OriginError, "OriginError", E::Error},
      {D::OriginHeaderTooBigError, "OriginHeaderTooBigError", E::Error},
      {D::OriginInvalidResponseError, "OriginInvalidResponseError", E::Error},
      {D::OriginReadError, "OriginReadError", E::Error},
      {D::OriginWriteError, "OriginWriteError", E::Error},
      {D::OriginZeroSizeObjectError, "OriginZeroSizeObjectError", E::Error},
      {D::SlowReaderOriginError, "SlowReaderOriginError", E::Error},
  }));
  CHECK(toString(d) == text);
  CHECK(parseDetailedResultType(text) == d);
  CHECK(edgeResultOf(d) == edge);
  CHECK(outcomeOf(d) == Outcome{edge, edge, d});
}

TEST_CASE("result type parsing is exact and never throws", "[emit][result]") {
  auto text = GENERATE(as<std::string>{}, "", "hit", "HIT", "Hit ", "-", "OriginShieldhit");
  CHECK_FALSE(parseEdgeResultType(text).has_value());
  CHECK_FALSE(parseDetailedResultType(text).has_value());
}

TEST_CASE("X-Cache values: '<Type> from cloudfront', lower-case cloudfront (CLOUDFRONT.md §4)",
          "[emit][result]") {
  auto [t, value] = GENERATE(table<XCacheType, std::string>({
      {XCacheType::Hit, "Hit from cloudfront"},
      {XCacheType::RefreshHit, "RefreshHit from cloudfront"},
      {XCacheType::Miss, "Miss from cloudfront"},
      {XCacheType::Error, "Error from cloudfront"},
      {XCacheType::Redirect, "Redirect from cloudfront"},
      {XCacheType::FunctionGeneratedResponse, "FunctionGeneratedResponse from cloudfront"},
      {XCacheType::LambdaGeneratedResponse, "LambdaGeneratedResponse from cloudfront"},
  }));
  CHECK(xCacheValue(t) == value);
}

TEST_CASE(
    "X-Cache type per result type: quota and capacity refusals are errors "
    "(CLOUDFRONT.md §6: 503 CapacityExceeded)",
    "[emit][result]") {
  auto [r, x] = GENERATE(table<EdgeResultType, XCacheType>({
      {EdgeResultType::Hit, XCacheType::Hit},
      {EdgeResultType::RefreshHit, XCacheType::RefreshHit},
      {EdgeResultType::Miss, XCacheType::Miss},
      {EdgeResultType::Redirect, XCacheType::Redirect},
      {EdgeResultType::Error, XCacheType::Error},
      {EdgeResultType::LimitExceeded, XCacheType::Error},
      {EdgeResultType::CapacityExceeded, XCacheType::Error},
  }));
  CHECK(xCacheTypeFor(r) == x);
}

TEST_CASE("hit layers use Server-Timing's spelling (DG/understanding-server-timing-header)",
          "[emit][result]") {
  auto [l, text] = GENERATE(table<HitLayer, std::string>({
      {HitLayer::Edge, "EDGE"},
      {HitLayer::RegionalEdgeCache, "REC"},
      {HitLayer::OriginShield, "Origin Shield"},
      {HitLayer::Origin, "Origin"},
  }));
  CHECK(toString(l) == text);
}

TEST_CASE("an outcome prints as result/response/detailed", "[emit][result]") {
  Outcome o{EdgeResultType::Hit, EdgeResultType::Error, DetailedResultType::ClientHungUpRequest};
  CHECK(fmt::format("{}", o) == "Hit/Error/ClientHungUpRequest");
}

}  // namespace cdnsim::core::emit
