// The topology loader: a valid file gives the typed model; each kind of mistake gives one
// file:line:col message naming what is wrong and what was expected.

#include <catch2/catch.hpp>

#include <string>

#include "core/config/config_error.h"
#include "core/config/topology.h"

using namespace cdnsim::core;
using config::ConfigError;
using config::loadTopologyFromString;

namespace {

const std::string kValid = R"(name: tiny
network: {base_latency: 1ms, km_per_ms: 120}
regional_edge_caches:
  - name: us-east-1
    location: {lat: 38.9, lon: -77.4}
    cache: {capacity: 1GiB, policy: s3fifo}
pops:
  - code: IAD89-C1
    location: {lat: 38.9, lon: -77.4}
    regional_edge_cache: us-east-1
    cache: {capacity: 64MiB}
origins:
  - name: bucket
    type: s3
    domain: b.s3.amazonaws.com
    location: {lat: 38.9, lon: -77.4}
cache_policies:
  - name: Short
    min_ttl: 0
    default_ttl: 60
    max_ttl: 1h
    query_strings: {behavior: allow-list, names: [v]}
behaviors:
  - path_pattern: /api/*
    origin: bucket
    cache_policy: Short
  - path_pattern: "*"
    origin: bucket
)";

// Replaces the first occurrence of `from` in the valid file.
std::string mutate(const std::string& from, const std::string& to) {
  std::string text = kValid;
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("a valid topology loads with its defaults applied", "[config][topology]") {
  const auto t = loadTopologyFromString(kValid, "tiny.yaml");
  CHECK(t.name == "tiny");
  REQUIRE(t.pops.size() == 1);
  CHECK(t.pops[0].code == "IAD89-C1");
  CHECK(t.pops[0].cache.capacityBytes == 64ULL << 20);
  CHECK(t.pops[0].cache.policy == "lru");  // the default policy
  CHECK(t.regionalEdgeCaches[0].cache.policy == "s3fifo");
  CHECK(t.network.baseLatency == millis(1));
  CHECK(t.network.kmPerMs == 120.0);
  CHECK(t.origins[0].server == "AmazonS3");
  REQUIRE(t.cachePolicies.size() == 1);
  CHECK(t.cachePolicies[0].defaultTtl == seconds(60));
  CHECK(t.cachePolicies[0].maxTtl == seconds(3600));
  CHECK(t.behaviors[1].cachePolicy == "CachingOptimized");  // default
  // Managed policies resolve with CloudFront's TTLs (CLOUDFRONT.md §7).
  const auto optimized = t.resolveCachePolicy("CachingOptimized");
  REQUIRE(optimized.has_value());
  CHECK(optimized->minTtl == seconds(1));
  CHECK(t.resolveCachePolicy("Short")->queryStrings.names == std::vector<std::string>{"v"});
}

TEST_CASE("topology mistakes are reported at file:line:col with what was expected",
          "[config][topology][errors]") {
  auto [from, to, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"    cache: {capacity: 64MiB}", "    cache: {capcity: 64MiB}",
       "tiny.yaml:11:13: unknown key 'capcity' in pop cache; expected one of: capacity, policy"},
      {"capacity: 64MiB", "capacity: lots",
       "tiny.yaml:11:23: cache capacity must be a size in bytes such as 1048576, 64KiB, 512MiB or "
       "4GiB, got 'lots'"},
      {"policy: s3fifo", "policy: mru",
       "tiny.yaml:6:37: unknown eviction policy 'mru'; expected one of:"},
      {"regional_edge_cache: us-east-1", "regional_edge_cache: us-west-9",
       "tiny.yaml:10:26: unknown regional edge cache 'us-west-9'; expected one of: us-east-1"},
      {"code: IAD89-C1", "code: iad",
       "tiny.yaml:8:11: pop code 'iad' must be an IATA airport code and a number"},
      {"lat: 38.9, lon: -77.4}\n    regional", "lat: 98.9, lon: -77.4}\n    regional",
       "tiny.yaml:9:21: latitude must be between -90 and 90, got 98.9"},
      {"type: s3", "type: ftp", "tiny.yaml:14:11: origin type must be one of: s3, custom; got 'ftp'"},
      {"    cache_policy: Short", "    cache_policy: Shrt",
       "tiny.yaml:26:19: unknown cache policy 'Shrt'; expected one of:"},
      {"    origin: bucket\n    cache_policy", "    origin: buckt\n    cache_policy",
       "tiny.yaml:25:13: unknown origin 'buckt'; expected one of: bucket"},
      {"  - path_pattern: \"*\"", "  - path_pattern: /img/*",
       "tiny.yaml:27:5: the last behavior must be the default one"},
      {"    default_ttl: 60", "    default_ttl: 2h",
       "tiny.yaml:18:5: cache policy Short: maxTtl (3600 s) is below defaultTtl"},
      {"name: tiny", "name: [tiny", "tiny.yaml:"},
  }));
  CAPTURE(from, to);
  try {
    loadTopologyFromString(mutate(from, to), "tiny.yaml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith(expected));
  }
}

TEST_CASE("a missing required key names the key and its owner", "[config][topology][errors]") {
  try {
    loadTopologyFromString(mutate("    domain: b.s3.amazonaws.com\n", ""), "tiny.yaml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("tiny.yaml:13:5: missing key 'domain' in origin"));
  }
}

TEST_CASE("duplicate names are refused", "[config][topology][errors]") {
  const auto text = mutate("pops:\n", R"(pops:
  - code: IAD89-C1
    location: {lat: 1, lon: 1}
    regional_edge_cache: us-east-1
    cache: {capacity: 1MiB}
)");
  CHECK_THROWS_WITH(loadTopologyFromString(text, "t.yaml"),
                    Catch::Contains("duplicate pop code 'IAD89-C1'"));
}

TEST_CASE("an empty or unreadable file is an error, not a crash", "[config][topology][errors]") {
  CHECK_THROWS_WITH(loadTopologyFromString("", "e.yaml"), Catch::Contains("e.yaml: the file is empty"));
  CHECK_THROWS_WITH(loadTopologyFromString("- just\n- a list\n", "l.yaml"),
                    Catch::Contains("topology must be a mapping"));
  CHECK_THROWS_WITH(config::loadTopology("/nonexistent/t.yaml"), Catch::Contains("cannot open file"));
}
