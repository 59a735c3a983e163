// The YAML reader's own checks: repeated keys, tabs in indentation, did-you-mean for unknown keys,
// and files that cannot be opened.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "core/config/config_error.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

namespace {

// Opens the root of `text` as a mapping with keys a, b and capacity/policy.
void open(const std::string& text) {
  const auto root = YamlNode::loadString(text, "r.yaml");
  YamlMap top(root, "root", {"a", "b", "cache"});
  if (auto cache = top.get("cache")) YamlMap(*cache, "pop cache", {"capacity", "policy"});
}

}  // namespace

TEST_CASE("reader mistakes are reported at file:line:col", "[config][yaml][errors]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      // A repeated key is refused at its second occurrence, block or flow style.
      {"a: 1\nb: 2\na: 3\n",
       "r.yaml:3:1: duplicate key 'a' in root (first at line 1); expected each key once"},
      {"cache: {capacity: 1, policy: lru, capacity: 2}\n",
       "r.yaml:1:35: duplicate key 'capacity' in pop cache (first at line 1)"},
      // Tabs in indentation are named as such.
      {"cache:\n\tcapacity: 1\n",
       "r.yaml:2:1: tab character in indentation at 2:1; YAML indents with spaces"},
      {"cache:\n  \tcapacity: 1\n",
       "r.yaml:2:3: tab character in indentation at 2:3; YAML indents with spaces"},
      {"a: 1\n\t# a comment\nb: 2\n",
       "r.yaml:2:1: tab character in indentation at 2:1; YAML indents with spaces"},
      // A misspelt key gets a suggestion before the list of keys; a foreign one only the list.
      {"cache: {capacity: 1, polcy: lru}\n",
       "r.yaml:1:22: unknown key 'polcy' in pop cache; did you mean 'policy'? expected one of: "
       "capacity, policy"},
      {"cache: {colour: red}\n",
       "r.yaml:1:9: unknown key 'colour' in pop cache; expected one of: capacity, policy"},
  }));
  CAPTURE(text);
  CHECK_THROWS_WITH(open(text), Catch::StartsWith(expected));
}

TEST_CASE("a misspelt choice gets a did-you-mean after what was given", "[config][yaml][errors]") {
  const auto root = YamlNode::loadString("kind: lognormel\n", "r.yaml");
  const auto kind = YamlMap(root, "root", {"kind"}).require("kind");
  CHECK_THROWS_WITH(kind.asChoice("size distribution", {"fixed", "lognormal", "pareto"}),
                    "r.yaml:1:7: size distribution must be one of: fixed, lognormal, pareto; got "
                    "'lognormel'; did you mean 'lognormal'?");
  CHECK_THROWS_WITH(kind.asChoice("origin type", {"s3", "custom"}),
                    "r.yaml:1:7: origin type must be one of: s3, custom; got 'lognormel'");
}

TEST_CASE("a tab between a key and its value is not indentation", "[config][yaml]") {
  CHECK_NOTHROW(open("a:\t1\nb: 2  \t# a comment\n"));
}

TEST_CASE("a file that cannot be opened says why", "[config][yaml][errors]") {
  const std::string missing = "/nonexistent/cdnsim/t.yaml";
  CHECK(unreadableReason(missing) == std::optional<std::string>("No such file or directory"));
  CHECK_THROWS_WITH(YamlNode::loadFile(missing),
                    missing + ": cannot open file: No such file or directory");
  const std::string folder = std::string(CDNSIM_SOURCE_DIR) + "/topologies";
  CHECK(unreadableReason(folder) == std::optional<std::string>("Is a directory"));
  CHECK_THROWS_WITH(YamlNode::loadFile(folder), folder + ": cannot open file: Is a directory");
  CHECK_FALSE(unreadableReason(folder + "/quickstart.yaml"));
}

}  // namespace cdnsim::core::config
