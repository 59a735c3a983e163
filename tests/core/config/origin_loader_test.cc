// The origin parts of a topology (core/config/origin_yaml.h): origin models and CloudFront's origin
// settings, origin groups, custom error responses; every mistake at its file:line:col.

#include <catch2/catch.hpp>

#include <string>

#include "core/config/topology.h"

namespace cdnsim::core {

namespace {

std::string topology(const std::string& origins, const std::string& extra = "",
                     const std::string& behaviorOrigin = "app") {
  return "name: t\n"                                                                  // 1
         "regional_edge_caches: []\n"                                                 // 2
         "pops:\n"                                                                    // 3
         "  - {code: IAD89-C1, location: {lat: 38.9, lon: -77.4}, cache: {capacity: 1GiB}}\n"  // 4
         "origins:\n" +                                                               // 5
         origins +                                                                    // 6..
         "behaviors:\n  - {path_pattern: \"*\", origin: " + behaviorOrigin + "}\n" + extra;
}

const std::string kApp =
    "  - {name: app, type: custom, domain: app.example.com, location: {lat: 38.9, lon: -77.4}}\n";
const std::string kBackup =
    "  - {name: backup, type: custom, domain: b.example.com, location: {lat: 50.1, lon: 8.6}}\n";

}  // namespace

TEST_CASE("origin settings, groups and custom error responses load with CloudFront's defaults",
          "[config][origin]") {
  const auto t = config::loadTopologyFromString(
      topology("  - {name: app, type: custom, domain: app.example.com, location: {lat: 38.9, lon: "
               "-77.4}, connection_attempts: 2, connection_timeout: 4s, response_timeout: 60s}\n" +
                   kBackup,
               "origin_groups:\n  - {name: g, primary: app, secondary: backup, "
               "failover_status_codes: [502, 503]}\n"
               "custom_error_responses:\n  - {error_code: 404, error_caching_min_ttl: 300s}\n",
               "g"),
      "t.yaml");
  CHECK(t.origins[0].connection.connectionAttempts == 2);
  CHECK(t.origins[0].connection.connectionTimeout == seconds(4));
  CHECK(t.origins[0].connection.responseTimeout == seconds(60));
  CHECK(t.origins[1].connection == origin::OriginConnectionSettings{});  // 3, 10 s, 30 s
  CHECK(t.origins[1].connection.connectionAttempts == 3);
  REQUIRE(t.findOriginGroup("g") != nullptr);
  CHECK(t.findOriginGroup("g")->failoverStatusCodes == std::vector<std::uint16_t>{502, 503});
  REQUIRE(t.customErrorResponses.size() == 1);
  CHECK(t.customErrorResponses[0].errorCachingMinTtl == seconds(300));
}

TEST_CASE("origin model mistakes are refused at file:line:col", "[config][origin]") {
  struct Case {
    std::string topology;
    std::string where;
    std::string message;
  };
  const auto c = GENERATE_COPY(
      Case{topology("  - {name: app, type: custom, domain: a.example.com, location: {lat: 1, lon: "
                    "1}, connection_attempts: 0}\n"),
           "t.yaml:6:", "connection_attempts"},
      Case{topology("  - {name: app, type: s3, domain: b.s3.us-east-1.amazonaws.com, location: "
                    "{lat: 1, lon: 1}, response_timeout: 5s}\n"),
           "t.yaml:6:", "'response_timeout' does not apply to a s3 origin"},
      Case{topology(kApp + kBackup,
                    "origin_groups:\n  - {name: g, primary: app, secondary: bakup, "
                    "failover_status_codes: [503]}\n",
                    "g"),
           "t.yaml:11:40:", "did you mean 'backup'"},
      Case{topology(kApp + kBackup,
                    "origin_groups:\n  - {name: g, primary: app, secondary: backup, "
                    "failover_status_codes: [501]}\n",
                    "g"),
           "t.yaml:11:", "failover status code 501"},
      Case{topology(kApp, "custom_error_responses:\n  - {error_code: 404, response_page_path: "
                          "/e.html}\n"),
           "t.yaml:10:", "ResponsePagePath and ResponseCode must be given together"},
      Case{topology(kApp, "custom_error_responses:\n  - {error_code: 404}\n  - {error_code: 404}\n"),
           "t.yaml:11:", "error_code 404 has two custom error responses"});
  INFO(c.topology);
  try {
    config::loadTopologyFromString(c.topology, "t.yaml");
    FAIL("accepted");
  } catch (const config::ConfigError& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Catch::StartsWith(c.where));
    CHECK_THAT(what, Catch::Contains(c.message));
  }
}

}  // namespace cdnsim::core
