// Price classes (DG/PriceClass.html): a topology's `price_class:` keeps only the POPs whose own
// `price_class:` (the cheapest class that includes them) it covers.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/config/config_error.h"
#include "core/config/topology.h"

namespace cdnsim::core::config {

namespace {

// One POP per class, and one without a class (in every class).
const std::string kThreeClasses = R"(name: classes
price_class: PriceClass_All
regional_edge_caches: []
pops:
  - code: IAD89-C1
    location: {lat: 38.9, lon: -77.4}
    cache: {capacity: 1GiB}
  - code: NRT57-P1
    location: {lat: 35.7, lon: 140.4}
    price_class: PriceClass_200
    cache: {capacity: 1GiB}
  - code: SYD1-C1
    location: {lat: -33.9, lon: 151.2}
    price_class: PriceClass_All
    cache: {capacity: 1GiB}
  - code: LHR61-C2
    location: {lat: 51.5, lon: -0.5}
    price_class: PriceClass_100
    cache: {capacity: 1GiB}
origins:
  - {name: web, type: custom, domain: o.example.com, location: {lat: 39, lon: -77}}
behaviors:
  - {origin: web}
)";

std::string withClass(const std::string& cls, const std::string& base = kThreeClasses) {
  std::string text = base;
  const std::string from = "price_class: PriceClass_All\n";
  text.replace(text.find(from), from.size(), "price_class: " + cls + "\n");
  return text;
}

std::vector<std::string> codes(const config::TopologyConfig& t) {
  std::vector<std::string> out;
  for (const auto& p : t.pops) out.push_back(p.code);
  return out;
}

}  // namespace

TEST_CASE("price classes keep the POPs they include, in file order", "[config][topology][price-class]") {
  using V = std::vector<std::string>;
  auto [cls, kept, left] = GENERATE(table<std::string, V, std::size_t>({
      {"PriceClass_All", V{"IAD89-C1", "NRT57-P1", "SYD1-C1", "LHR61-C2"}, 0},
      {"PriceClass_200", V{"IAD89-C1", "NRT57-P1", "LHR61-C2"}, 1},
      {"PriceClass_100", V{"IAD89-C1", "LHR61-C2"}, 2},
  }));
  CAPTURE(cls);
  const auto t = config::loadTopologyFromString(withClass(cls), "c.yaml");
  CHECK(codes(t) == kept);
  CHECK(t.popsOutsidePriceClass == left);
  CHECK(config::toString(t.priceClass) == cls);
}

TEST_CASE("a topology without price_class serves from every POP", "[config][topology][price-class]") {
  std::string text = kThreeClasses;
  text.erase(text.find("price_class: PriceClass_All\n"), sizeof("price_class: PriceClass_All\n") - 1);
  const auto t = config::loadTopologyFromString(text, "c.yaml");
  CHECK(t.priceClass == PriceClass::All);
  CHECK(t.pops.size() == 4);
  CHECK(t.pops[0].priceClass == PriceClass::Class100);  // no key: in every class
}

TEST_CASE("price class names round-trip", "[config][price-class]") {
  for (auto c : {PriceClass::Class100, PriceClass::Class200, PriceClass::All}) {
    CHECK(config::parsePriceClass(config::toString(c)) == c);
  }
  CHECK_FALSE(config::parsePriceClass("PriceClass_300").has_value());
  CHECK_FALSE(config::parsePriceClass("100").has_value());
}

TEST_CASE("price class mistakes are reported at file:line:col", "[config][topology][price-class][errors]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {withClass("PriceClass_10"),
       "c.yaml:2:14: price_class must be one of: PriceClass_100, PriceClass_200, PriceClass_All; "
       "got 'PriceClass_10'; did you mean 'PriceClass_100'?"},
      {withClass("PriceClass_100",
                 [] {
                   std::string t = kThreeClasses;
                   // Only Asian and Australian POPs: PriceClass_100 keeps none of them.
                   for (const char* cut : {"  - code: IAD89-C1\n    location: {lat: 38.9, lon: -77.4}\n"
                                           "    cache: {capacity: 1GiB}\n",
                                           "  - code: LHR61-C2\n    location: {lat: 51.5, lon: -0.5}\n"
                                           "    price_class: PriceClass_100\n    cache: {capacity: 1GiB}\n"}) {
                     t.erase(t.find(cut), std::string(cut).size());
                   }
                   return t;
                 }()),
       "c.yaml:2:14: price_class PriceClass_100 includes none of the topology's 2 POPs; expected a "
       "price class that includes at least one"},
      {[] {
         std::string t = kThreeClasses;
         t.replace(t.find("price_class: PriceClass_200"), 27, "price_class: 200");
         return t;
       }(),
       "c.yaml:10:18: pop price_class must be one of: PriceClass_100, PriceClass_200, "
       "PriceClass_All; got '200'"},
  }));
  try {
    config::loadTopologyFromString(text, "c.yaml");
    FAIL("expected a ConfigError");
  } catch (const config::ConfigError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith(expected));
  }
}

TEST_CASE("a POP left out by the price class is still checked", "[config][topology][price-class][errors]") {
  std::string text = withClass("PriceClass_100");
  text.replace(text.find("code: SYD1-C1"), 13, "code: syd");
  CHECK_THROWS_WITH(config::loadTopologyFromString(text, "c.yaml"),
                    Catch::StartsWith("c.yaml:12:11: pop code 'syd' must be an IATA airport code"));
}

}  // namespace cdnsim::core::config
