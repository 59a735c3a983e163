// UTC calendar conversion for log dates and times (access log `date`/`time`, ISO 8601 traces).

#include "core/record/civil_time.h"

#include <catch2/catch.hpp>

namespace cdnsim::core::record {

TEST_CASE("Unix times convert to UTC calendar fields and back", "[record][time]") {
  auto [unixUs, c] = GENERATE(table<std::int64_t, CivilTime>({
      {0, {1970, 1, 1, 0, 0, 0, 0}},
      {1575493351'000000, {2019, 12, 4, 21, 2, 31, 0}},
      {951782400'000000 - 1, {2000, 2, 28, 23, 59, 59, 999999}},  // day before a leap day
      {951782400'000000, {2000, 2, 29, 0, 0, 0, 0}},
      {-1, {1969, 12, 31, 23, 59, 59, 999999}},
      {4102444800'123456, {2100, 1, 1, 0, 0, 0, 123456}},
  }));
  const TimePoint t{Duration(unixUs)};
  CHECK(toCivil(t) == c);
  CHECK(fromCivil(c) == t);
}

TEST_CASE("out-of-range calendar fields are rejected", "[record][time]") {
  auto c = GENERATE(CivilTime{2019, 2, 29, 0, 0, 0, 0}, CivilTime{2019, 13, 1, 0, 0, 0, 0},
                    CivilTime{2019, 0, 1, 0, 0, 0, 0}, CivilTime{2019, 1, 0, 0, 0, 0, 0},
                    CivilTime{2019, 1, 1, 24, 0, 0, 0}, CivilTime{2019, 1, 1, 0, 60, 0, 0},
                    CivilTime{2019, 1, 1, 0, 0, 60, 0}, CivilTime{2019, 1, 1, 0, 0, 0, 1000000});
  CHECK_FALSE(fromCivil(c).has_value());
}

TEST_CASE("date, clock and ISO 8601 text", "[record][time]") {
  const CivilTime c{2026, 3, 7, 5, 4, 9, 42};
  std::string s;
  appendDate(c, s);
  s.push_back(' ');
  appendClock(c, s);
  s.push_back(' ');
  appendIso8601(c, s);
  CHECK(s == "2026-03-07 05:04:09 2026-03-07T05:04:09.000042Z");
}

}  // namespace cdnsim::core::record
