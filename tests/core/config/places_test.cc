// Places a client population is named by: look-ups by city or code and by country, and what an
// unknown name is offered instead (in the scenario's error, at the `city:` value).

#include "core/config/places.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/config_error.h"
#include "core/config/scenario.h"

namespace cdnsim::core::config {

TEST_CASE("metros are found by IATA code or city name, countries by their largest metro",
          "[config][places]") {
  REQUIRE(findMetro("FRA") != nullptr);
  CHECK(findMetro("FRA")->city == "Frankfurt am Main");
  CHECK(findMetro("frankfurt AM main") == findMetro("FRA"));
  CHECK(findMetro("Frankfurt") == nullptr);  // a suggestion, not a guess
  CHECK(findMetro("fra") == nullptr);        // codes are exact
  REQUIRE(countryMetro("de") != nullptr);
  CHECK(countryMetro("de")->code == "FRA");
  CHECK(countryMetro("ZZ") == nullptr);
}

TEST_CASE("an unknown place is offered the metro it most likely meant", "[config][places]") {
  auto [name, expected] = GENERATE(table<std::string, std::optional<std::string>>({
      // The words of one metro's name.
      {"Frankfurt", "Frankfurt am Main"},
      {"frankfurt", "Frankfurt am Main"},
      {"Kansas", "Kansas City"},
      {"Dallas", "Dallas-Fort Worth"},
      {"Fort Worth", "Dallas-Fort Worth"},
      {"Salt Lake", "Salt Lake City"},
      // The start of one metro's name.
      {"Frank", "Frankfurt am Main"},
      {"Ho Chi", "Ho Chi Minh City"},
      // A code in another case.
      {"cdg", "CDG"},
      // A typo.
      {"Londn", "London"},
      // Words of several metros, or of none, and nothing close: no suggestion.
      {"City", std::nullopt},
      {"New", std::nullopt},
      {"San", std::nullopt},  // San Francisco, Santiago
      {"Fr", std::nullopt},   // too short to say
      {"Gotham", std::nullopt},
  }));
  CAPTURE(name);
  const auto hint = suggestMetro(name);
  CHECK(hint == expected);
}

TEST_CASE("a scenario's unknown city names the metro it meant", "[config][places][errors]") {
  const std::string text = R"(name: s
topology: t.yaml
requests: 10
catalogue: {objects: 5}
clients:
  - name: here
    city: Frankfurt
    requests_per_second: 1
)";
  CHECK_THROWS_WITH(loadScenarioFromString(text, "s.yaml"),
                    Catch::StartsWith("s.yaml:7:11: unknown city 'Frankfurt'; did you mean "
                                      "'Frankfurt am Main'? expected a CloudFront metro"));
}

}  // namespace cdnsim::core::config
