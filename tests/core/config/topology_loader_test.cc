// The topology loader: a valid file gives the typed model; each kind of mistake gives one
// file:line:col message naming what is wrong and what was expected.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/config/config_error.h"
#include "core/config/topology.h"
#include "tests/core/config/tiny_topology.h"

namespace cdnsim::core::config {

namespace {

const std::string kValid = "name: tiny\n"
                           "network: {base_latency: 1ms, km_per_ms: 120}\n" +
                           test::tinyRegionalEdgeCaches("{capacity: 1GiB, policy: s3fifo}") + "pops:\n" +
                           std::string(test::kTinyIadPop) + std::string(test::kTinyBucketOrigin) +
                           R"(cache_policies:
  - name: Short
    min_ttl: 0
    default_ttl: 60
    max_ttl: 1h
    query_strings: {behavior: allow-list, names: [v]}
behaviors:
  - path_pattern: /api/*
    origin: bucket
    cache_policy: Short
)" + std::string(test::kTinyDefaultBehavior);

// The tier chain's keys: REC regions (one defaulted from the name), a POP without a REC, an S3
// origin whose Region comes from its domain and has a shield, a custom origin with a Region.
const std::string kTiered = R"(name: tiered
regional_edge_caches:
  - name: virginia
    region: us-east-1
    location: {lat: 38.9, lon: -77.4}
    cache: {capacity: 1GiB}
  - name: eu-central-1
    location: {lat: 50.0, lon: 8.6}
    cache: {capacity: 1GiB}
pops:
  - code: IAD89-C1
    location: {lat: 38.9, lon: -77.4}
    regional_edge_cache: virginia
    cache: {capacity: 64MiB}
  - code: FRA56-P2
    location: {lat: 50.0, lon: 8.6}
    cache: {capacity: 64MiB}
origins:
  - name: bucket
    type: s3
    domain: b.s3.us-east-1.amazonaws.com
    location: {lat: 38.9, lon: -77.4}
    origin_shield: {region: us-east-1}
  - name: api
    type: custom
    domain: api.example.com
    region: eu-central-1
    location: {lat: 50.0, lon: 8.6}
behaviors:
  - path_pattern: "*"
    origin: bucket
)";

// Replaces the first occurrence of `from` in `base` (the valid file by default).
std::string mutateTopology(const std::string& from, const std::string& to,
                   const std::string& base = kValid) {
  std::string text = base;
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
  CHECK(t.regionalEdgeCaches[0].region == "us-east-1");  // defaults to the name
  CHECK(t.pops[0].regionalEdgeCache == std::optional<std::string>("us-east-1"));
  CHECK(t.origins[0].region.empty());  // b.s3.amazonaws.com names no Region
  CHECK_FALSE(t.origins[0].originShield.has_value());
}

TEST_CASE("the tier chain: REC regions, POPs without a REC, origin regions and shields",
          "[config][topology]") {
  const auto t = loadTopologyFromString(kTiered, "tiered.yaml");
  REQUIRE(t.regionalEdgeCaches.size() == 2);
  CHECK(t.regionalEdgeCaches[0].name == "virginia");
  CHECK(t.regionalEdgeCaches[0].region == "us-east-1");
  CHECK(t.regionalEdgeCaches[1].region == "eu-central-1");
  REQUIRE(t.pops.size() == 2);
  CHECK(t.pops[0].regionalEdgeCache == std::optional<std::string>("virginia"));
  CHECK_FALSE(t.pops[1].regionalEdgeCache.has_value());
  REQUIRE(t.origins.size() == 2);
  CHECK(t.origins[0].region == "us-east-1");
  REQUIRE(t.origins[0].originShield.has_value());
  CHECK(t.origins[0].originShield->region == "us-east-1");
  CHECK(t.origins[1].region == "eu-central-1");
  CHECK_FALSE(t.origins[1].originShield.has_value());
  REQUIRE(t.findRegionalEdgeCacheByRegion("us-east-1") != nullptr);
  CHECK(t.findRegionalEdgeCacheByRegion("us-east-1")->name == "virginia");
  CHECK(t.findRegionalEdgeCacheByRegion("virginia") == nullptr);
  CHECK(t.findRegionalEdgeCacheByRegion("us-west-2") == nullptr);
}

TEST_CASE("an S3 origin's Region defaults to the one its domain names", "[config][topology]") {
  auto [domain, region] = GENERATE(table<std::string, std::string>({
      {"b.s3.us-east-1.amazonaws.com", "us-east-1"},
      {"b.s3-eu-west-1.amazonaws.com", "eu-west-1"},
      {"my.dotted.s3.bucket.s3.ap-southeast-2.amazonaws.com", "ap-southeast-2"},
      {"b.s3.dualstack.sa-east-1.amazonaws.com", "sa-east-1"},
      {"b.s3.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
      // No Region named: the legacy global endpoint, website endpoints, other hosts.
      {"b.s3.amazonaws.com", ""},
      {"b.s3-website-us-east-1.amazonaws.com", ""},
      {"b.s3-website.us-east-1.amazonaws.com", ""},
      {"b.us-east-1.amazonaws.com", ""},
      {"b.s3.us-east-1.amazonaws.com.example.com", ""},
      {"s3.example.com", ""},
  }));
  CAPTURE(domain);
  const auto text = mutateTopology("b.s3.us-east-1.amazonaws.com", domain, kTiered);
  CHECK(loadTopologyFromString(text, "tiered.yaml").origins[0].region == region);
}

TEST_CASE("topology mistakes are reported at file:line:col with what was expected",
          "[config][topology][errors]") {
  auto [from, to, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"    cache: {capacity: 64MiB}", "    cache: {capcity: 64MiB}",
       "tiny.yaml:11:13: unknown key 'capcity' in pop cache; did you mean 'capacity'? expected one of: capacity, policy"},
      {"capacity: 64MiB", "capacity: lots",
       "tiny.yaml:11:23: cache capacity must be a size in bytes such as 1048576, 64KiB, 512MiB or "
       "4GiB, got 'lots'"},
      {"policy: s3fifo", "policy: mru",
       "tiny.yaml:6:37: unknown eviction policy 'mru'; did you mean 'lru'? expected one of:"},
      {"regional_edge_cache: us-east-1", "regional_edge_cache: us-west-9",
       "tiny.yaml:10:26: unknown regional edge cache 'us-west-9'; expected one of: us-east-1"},
      {"code: IAD89-C1", "code: iad",
       "tiny.yaml:8:11: pop code 'iad' must be an IATA airport code and a number"},
      {"lat: 38.9, lon: -77.4}\n    regional", "lat: 98.9, lon: -77.4}\n    regional",
       "tiny.yaml:9:21: latitude must be between -90 and 90, got 98.9"},
      {"type: s3", "type: ftp", "tiny.yaml:14:11: origin type must be one of: s3, custom; got 'ftp'"},
      {"    cache_policy: Short", "    cache_policy: Shrt",
       "tiny.yaml:26:19: unknown cache policy 'Shrt'; did you mean 'Short'? expected one of:"},
      {"    origin: bucket\n    cache_policy", "    origin: buckt\n    cache_policy",
       "tiny.yaml:25:13: unknown origin 'buckt'; did you mean 'bucket'? expected one of: bucket"},
      {"  - path_pattern: \"*\"", "  - path_pattern: /img/*",
       "tiny.yaml:27:5: the last behavior must be the default one"},
      {"    default_ttl: 60", "    default_ttl: 2h",
       "tiny.yaml:18:5: cache policy Short: maxTtl (3600 s) is below defaultTtl"},
      {"name: tiny", "name: [tiny", "tiny.yaml:"},
  }));
  CAPTURE(from, to);
  try {
    loadTopologyFromString(mutateTopology(from, to), "tiny.yaml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith(expected));
  }
}

TEST_CASE("tier chain mistakes are reported at file:line:col with what was expected",
          "[config][topology][errors]") {
  auto [from, to, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"region: us-east-1", "region: eu-north-1",
       "tiered.yaml:4:13: regional edge cache region 'eu-north-1' is not one of CloudFront's "
       "regional edge cache Regions; expected one of: us-east-1, us-east-2, us-west-1, us-west-2, "
       "ap-south-1, ap-northeast-1, ap-northeast-2, ap-southeast-1, ap-southeast-2, eu-central-1, "
       "eu-west-1, eu-west-2, sa-east-1"},
      {"  - name: eu-central-1", "  - name: frankfurt",
       "tiered.yaml:7:11: regional edge cache 'frankfurt' needs a region: key (its name is not a "
       "regional edge cache Region); expected one of: us-east-1,"},
      {"  - name: eu-central-1\n", "  - name: eu-central-1\n    region: us-east-1\n",
       "tiered.yaml:8:13: regional edge caches 'virginia' and 'eu-central-1' are both in region "
       "'us-east-1'; expected one regional edge cache per Region"},
      {"{region: us-east-1}", "{region: us-west-1}",
       "tiered.yaml:23:29: origin shield region 'us-west-1' is not an Origin Shield Region "
       "(CloudFront suggests us-west-2 for origins in us-west-1); expected one of: us-east-1, "
       "us-east-2, us-west-2, ap-south-1, ap-northeast-1, ap-northeast-2, ap-southeast-1, "
       "ap-southeast-2, eu-central-1, eu-west-1, eu-west-2, sa-east-1"},
      {"{region: us-east-1}", "{region: eu-west-3}",
       "tiered.yaml:23:29: origin shield region 'eu-west-3' is not an Origin Shield Region "
       "(CloudFront suggests eu-west-2 for origins in eu-west-3); expected one of:"},
      {"{region: us-east-1}", "{region: us-east-2}",
       "tiered.yaml:23:29: origin shield region 'us-east-2' has no regional edge cache in this "
       "topology (cdnsim runs the shield on the Region's regional edge cache); expected a regional "
       "edge cache with region: us-east-2 (regions present: us-east-1, eu-central-1)"},
      {"{region: us-east-1}", "{regoin: us-east-1}",
       "tiered.yaml:23:21: unknown key 'regoin' in origin_shield; did you mean 'region'? expected one of: region"},
      {"{region: us-east-1}", "{}", "tiered.yaml:23:20: missing key 'region' in origin_shield"},
      {"region: eu-central-1", "region: Frankfurt",
       "tiered.yaml:27:13: origin region 'Frankfurt' must be an AWS Region code such as us-east-1"},
      {"    domain: b.s3.us-east-1.amazonaws.com\n",
       "    domain: b.s3.us-east-1.amazonaws.com\n    region: eu-west-1\n",
       "tiered.yaml:22:13: origin region 'eu-west-1' disagrees with its S3 domain "
       "'b.s3.us-east-1.amazonaws.com'; expected us-east-1"},
      {"regional_edge_cache: virginia", "regional_edge_cache: us-east-1",
       "tiered.yaml:13:26: unknown regional edge cache 'us-east-1'; expected one of: virginia, "
       "eu-central-1"},
  }));
  CAPTURE(from, to);
  try {
    loadTopologyFromString(mutateTopology(from, to, kTiered), "tiered.yaml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith(expected));
  }
}

TEST_CASE("a missing required key names the key and its owner", "[config][topology][errors]") {
  try {
    loadTopologyFromString(mutateTopology("    domain: b.s3.amazonaws.com\n", ""), "tiny.yaml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("tiny.yaml:13:5: missing key 'domain' in origin"));
  }
}

TEST_CASE("duplicate names are refused", "[config][topology][errors]") {
  const auto text = mutateTopology("pops:\n", R"(pops:
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

// Every shipped topology must load: the ones users copy (topologies/) and the benchmarks' own.
TEST_CASE("every shipped topology file loads", "[config][topology][files]") {
  namespace fs = std::filesystem;
  const fs::path root = CDNSIM_SOURCE_DIR;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(root / "topologies")) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  for (const auto& e : fs::directory_iterator(root / "tools" / "bench")) {
    const auto name = e.path().filename().string();
    if (e.path().extension() == ".yaml" && name.find("topology") != std::string::npos) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 4);  // quickstart, small-edges, and the two benchmark topologies
  for (const auto& f : files) {
    CAPTURE(f.string());
    CHECK_NOTHROW(config::loadTopology(f.string()));
  }
}

TEST_CASE("the global benchmark world has the full tier chain", "[config][topology][files]") {
  const auto t = config::loadTopology(std::string(CDNSIM_SOURCE_DIR) +
                                      "/tools/bench/run_bench_global_topology.yaml");
  CHECK(t.pops.size() == 45);
  CHECK(t.regionalEdgeCaches.size() == 13);
  for (const auto& pop : t.pops) {
    CAPTURE(pop.code);
    CHECK(pop.regionalEdgeCache.has_value());
  }
  REQUIRE(t.origins.size() == 1);
  CHECK(t.origins[0].region == "us-east-1");
  REQUIRE(t.origins[0].originShield.has_value());
  CHECK(t.origins[0].originShield->region == "us-east-1");
}

TEST_CASE("every kind of duplicate name is refused at the duplicate", "[config][topology][errors]") {
  auto [from, to, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"pops:\n", "pops:\n  - code: IAD89-C1\n    location: {lat: 1, lon: 1}\n    cache: {capacity: 1MiB}\n",
       "t.yaml:11:11: duplicate pop code 'IAD89-C1' (first at line 8); expected each pop code once"},
      {"pops:\n",
       "  - name: us-east-1\n    region: us-east-2\n    location: {lat: 1, lon: 1}\n"
       "    cache: {capacity: 1MiB}\npops:\n",
       "t.yaml:7:11: duplicate regional edge cache name 'us-east-1' (first at line 4)"},
      {"cache_policies:\n",
       "  - name: bucket\n    type: custom\n    domain: x.example.com\n    location: {lat: 1, lon: 1}\n"
       "cache_policies:\n",
       "t.yaml:17:11: duplicate origin name 'bucket' (first at line 13)"},
      {"behaviors:\n", "  - name: Short\nbehaviors:\n",
       "t.yaml:23:11: duplicate cache policy name 'Short' (first at line 18)"},
  }));
  CAPTURE(to);
  CHECK_THROWS_WITH(loadTopologyFromString(mutateTopology(from, to), "t.yaml"), Catch::StartsWith(expected));
}

TEST_CASE("an unknown reference gets a did-you-mean", "[config][topology][errors]") {
  CHECK_THROWS_WITH(
      loadTopologyFromString(mutateTopology("  - path_pattern: \"*\"\n    origin: bucket",
                                    "  - path_pattern: \"*\"\n    origin: buckte"),
                             "t.yaml"),
      Catch::EndsWith("unknown origin 'buckte'; did you mean 'bucket'? expected one of: bucket"));
  CHECK_THROWS_WITH(
      loadTopologyFromString(mutateTopology("regional_edge_cache: us-east-1", "regional_edge_cache: us-eats-1"),
                             "t.yaml"),
      Catch::Contains("unknown regional edge cache 'us-eats-1'; did you mean 'us-east-1'?"));
}

// Loading is linear: references go through hash maps and each file is parsed once. A 42,000-POP
// topology (the size that took seconds and gigabytes when references were searched linearly)
// must load; the time is not asserted, the test only keeps the path exercised.
TEST_CASE("a topology with 42,000 POPs loads", "[config][topology][large]") {
  constexpr int kPops = 42000;
  std::string text = R"(name: large
regional_edge_caches:
  - name: us-east-1
    location: {lat: 38.9, lon: -77.4}
    cache: {capacity: 1GiB}
pops:
)";
  text.reserve(text.size() + kPops * 120);
  for (int i = 1; i <= kPops; ++i) {
    text += "  - code: IAD" + std::to_string(i) +
            "-C1\n    location: {lat: 38.9, lon: -77.4}\n    regional_edge_cache: us-east-1\n"
            "    cache: {capacity: 64MiB}\n";
  }
  text += R"(origins:
  - name: bucket
    type: s3
    domain: b.s3.amazonaws.com
    location: {lat: 38.9, lon: -77.4}
behaviors:
  - path_pattern: "*"
    origin: bucket
)";
  const auto t = loadTopologyFromString(text, "large.yaml");
  CHECK(t.pops.size() == kPops);
  CHECK(t.pops.back().code == "IAD42000-C1");
  CHECK(t.pops.back().regionalEdgeCache == std::optional<std::string>("us-east-1"));
}

}  // namespace cdnsim::core::config
