// decideFailover(): origin groups (DG/high_availability_origin_failover.html).

#include "core/origin/failover.h"

#include <catch2/catch.hpp>

#include <vector>

namespace cdnsim::core::origin {

TEST_CASE("failover on the group's codes and on no answer, for GET, HEAD and OPTIONS only",
          "[origin][failover]") {
  const std::vector<std::uint16_t> codes = {500, 503};
  CHECK(decideFailover(codes, "GET", true, 503) == FailoverDecision{true, FailoverReason::StatusCode});
  CHECK(decideFailover(codes, "HEAD", true, 500) == FailoverDecision{true, FailoverReason::StatusCode});
  CHECK(decideFailover(codes, "OPTIONS", false, 0) == FailoverDecision{true, FailoverReason::NoAnswer});
  CHECK(decideFailover(codes, "GET", true, 502) == FailoverDecision{});  // not one of its codes
  CHECK(decideFailover(codes, "GET", true, 200) == FailoverDecision{});
  CHECK(decideFailover(codes, "POST", true, 503) ==
        FailoverDecision{false, FailoverReason::MethodNotEligible});
  CHECK(decideFailover(codes, "PUT", false, 0) ==
        FailoverDecision{false, FailoverReason::MethodNotEligible});
  CHECK(decideFailover(codes, "get", true, 503).toSecondary == false);  // methods are case-sensitive
}

TEST_CASE("only CloudFront's failover codes are accepted", "[origin][failover]") {
  for (int code : {400, 403, 404, 416, 500, 502, 503, 504}) CHECK(isFailoverStatusCode(code));
  for (int code : {200, 401, 405, 501, 599}) CHECK_FALSE(isFailoverStatusCode(code));
}

}  // namespace cdnsim::core::origin
