// DNS choice of POP by distance and health (core/routing/pop_choice.h).

#include <catch2/catch.hpp>

#include <array>

#include "core/routing/pop_choice.h"

namespace cdnsim::core::routing {

TEST_CASE("the nearest POP that is up is chosen", "[routing][dns]") {
  const std::array<double, 4> km{900, 100, 300, 100};
  const std::array<bool, 4> allUp{true, true, true, true};
  CHECK(choosePop(km, allUp) == 1u);  // ties go to the lower index
  const std::array<bool, 4> oneDown{true, false, true, true};
  CHECK(choosePop(km, oneDown) == 3u);
  const std::array<bool, 4> twoDown{true, false, true, false};
  CHECK(choosePop(km, twoDown) == 2u);
  const std::array<bool, 4> noneUp{false, false, false, false};
  CHECK_FALSE(choosePop(km, noneUp).has_value());
}

}  // namespace cdnsim::core::routing
