#include <catch2/catch.hpp>

#include <string>

#include "core/config/config_error.h"
#include "core/config/config_kind.h"

namespace cdnsim::core::config {

TEST_CASE("a file's kind comes from the keys only one kind has", "[config][kind]") {
  auto [text, kind] = GENERATE(table<std::string, ConfigKind>({
      {"name: t\npops: []\n", ConfigKind::Topology},
      {"name: t\nregional_edge_caches: []\norigins: []\n", ConfigKind::Topology},
      {"name: s\ncatalogue: {}\nclients: []\n", ConfigKind::Scenario},
      // A scenario without its topology: line is still a scenario (the loader then says what
      // is missing) rather than a topology with unknown keys.
      {"name: s\nclients: []\n", ConfigKind::Scenario},
  }));
  CAPTURE(text);
  CHECK(detectConfigKind(YamlNode::loadString(text, "k.yaml")) == kind);
}

TEST_CASE("a file of both kinds or neither is refused, naming what was seen", "[config][kind][errors]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"name: x\npops: []\nclients: []\n",
       "k.yaml:1:1: cannot tell whether this is a topology or a scenario: it has topology keys "
       "(pops) and scenario keys (clients)"},
      {"name: x\n", "k.yaml:1:1: cannot tell whether this is a topology or a scenario: it has none"},
      {"- a\n", "k.yaml:1:1: a topology or scenario must be a mapping"},
  }));
  CAPTURE(text);
  CHECK_THROWS_WITH(detectConfigKind(YamlNode::loadString(text, "k.yaml")),
                    Catch::StartsWith(expected));
}

}  // namespace cdnsim::core::config
