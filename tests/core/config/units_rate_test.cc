// Rates as people write them: "2000/s", "120/min", "3600/h"; a bare number is per second.

#include <catch2/catch.hpp>

#include "core/config/config_error.h"
#include "core/config/scenario.h"
#include "core/config/units.h"

namespace cdnsim::core::config {

TEST_CASE("rates parse to events per second", "[config][units][rate]") {
  auto [text, perSecond] = GENERATE(table<std::string, double>({
      {"100", 100.0},
      {"2000/s", 2000.0},
      {"0.5/s", 0.5},
      {"120/min", 2.0},
      {"120/m", 2.0},
      {"3600/h", 1.0},
      {"86400/d", 1.0},
      {" 60 /min ", 1.0},
  }));
  CAPTURE(text);
  REQUIRE(parseRate(text).has_value());
  CHECK(*parseRate(text) == Approx(perSecond));
}

TEST_CASE("anything else is not a rate", "[config][units][rate]") {
  for (const char* bad : {"", "fast", "-5/s", "10/fortnight", "10 per second", "/s", "1e999/s", "10s"}) {
    CAPTURE(bad);
    CHECK_FALSE(parseRate(bad).has_value());
  }
}

TEST_CASE("a client population's rate takes a unit, and a bad one is refused at file:line:col",
          "[config][scenario][rate]") {
  const std::string scenario = R"(name: s
topology: t.yaml
requests: 10
catalogue: {objects: 10}
clients:
  - {name: a, location: {lat: 1, lon: 1}, requests_per_second: 120/min}
)";
  CHECK(loadScenarioFromString(scenario, "s.yaml").clients[0].requestsPerSecond == Approx(2.0));
  std::string bad = scenario;
  bad.replace(bad.find("120/min"), 7, "lots/s");
  CHECK_THROWS_WITH(loadScenarioFromString(bad, "s.yaml"),
                    Catch::StartsWith("s.yaml:6:64: requests_per_second must be a rate such as 100, "
                                      "2000/s, 120/min or 3600/h, got 'lots/s'"));
  bad = scenario;
  bad.replace(bad.find("120/min"), 7, "0/s");
  CHECK_THROWS_WITH(loadScenarioFromString(bad, "s.yaml"),
                    Catch::StartsWith("s.yaml:6:64: requests_per_second must be between"));
}

}  // namespace cdnsim::core::config
