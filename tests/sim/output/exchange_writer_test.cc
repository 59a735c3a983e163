// The trace's headers come from the origin that answered each request (its Server, its Date), not
// from the topology's first origin; REC hits show as Hit in X-Cache and the log.

#include "sim/output/exchange_writer.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "core/config/scenario.h"
#include "core/config/topology.h"

namespace {

std::string header(const nlohmann::json& line, std::string_view name) {
  for (const auto& pair : line["headers"]) {
    if (pair[0].get<std::string>() == name) return pair[1].get<std::string>();
  }
  return {};
}

// Runs the scenario with a trace writer and returns the trace's lines, parsed.
std::vector<nlohmann::json> traceOf(const cdnsim::core::config::ScenarioConfig& scenario,
                                    const cdnsim::core::config::TopologyConfig& topology) {
  // One folder per process and call: CTest runs the test cases of this file in parallel.
  static int calls = 0;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("cdnsim-exchange-writer-test-" + std::to_string(::getpid()) + "-" +
                    std::to_string(++calls));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  cdnsim::sim::TieredSimulation simulation(scenario, topology);
  cdnsim::sim::ExchangeWriterOptions options;
  options.tracePath = dir / "trace.jsonl";
  cdnsim::sim::ExchangeWriter writer(simulation, options);
  simulation.run(&writer);
  REQUIRE(writer.commit().ok());
  std::vector<nlohmann::json> lines;
  std::ifstream in(dir / "trace.jsonl");
  std::string text;
  while (std::getline(in, text)) lines.push_back(nlohmann::json::parse(text));
  std::filesystem::remove_all(dir);
  return lines;
}

}  // namespace

TEST_CASE("each response carries the Server of the origin that answered it", "[sim][output][origin]") {
  using namespace cdnsim;
  const auto topology = core::config::loadTopologyFromString(R"(name: two-origins
regional_edge_caches:
  - {name: eu-central-1, location: {lat: 50.03, lon: 8.57}, cache: {capacity: 1GiB}}
pops:
  - {code: FRA56-P2, location: {lat: 50.03, lon: 8.57}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
origins:
  - {name: images, type: custom, domain: images.example.com, location: {lat: 50, lon: 8}, server: ImageServer/2}
  - {name: bucket, type: s3, domain: b.s3.eu-central-1.amazonaws.com, location: {lat: 50, lon: 8}}
behaviors:
  - {path_pattern: "/assets/obj-1*", origin: images, cache_policy: CachingOptimized}
  - {path_pattern: "*", origin: bucket, cache_policy: CachingOptimized}
)",
                                                             "t.yaml");
  const auto scenario = core::config::loadScenarioFromString(R"(name: s
topology: t.yaml
requests: 400
catalogue: {objects: 30, zipf_alpha: 0.5, cache_control: "max-age=3600"}
clients:
  - {name: fra, location: {lat: 50.1, lon: 8.6}, requests_per_second: 50}
)",
                                                             "s.yaml");
  const auto lines = traceOf(scenario, topology);
  int images = 0, bucket = 0;
  for (const auto& line : lines) {
    const std::string uri = line["uri"];
    INFO(uri);
    if (uri.rfind("/assets/obj-1", 0) == 0) {
      CHECK(header(line, "Server") == "ImageServer/2");
      ++images;
    } else {
      CHECK(header(line, "Server") == "AmazonS3");
      ++bucket;
    }
    CHECK(header(line, "X-Cache") == line["result"].get<std::string>() + " from cloudfront");
  }
  CHECK(images > 0);
  CHECK(bucket > 0);
}

TEST_CASE("with Server-Timing on, a hit names the layer that served it", "[sim][output][server-timing]") {
  using namespace cdnsim;
  const auto topology = core::config::loadTopologyFromString(R"(name: shared-rec
regional_edge_caches:
  - {name: eu-central-1, location: {lat: 50.03, lon: 8.57}, cache: {capacity: 1GiB}}
pops:
  - {code: FRA56-P2, location: {lat: 50.03, lon: 8.57}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
  - {code: IAD89-C1, location: {lat: 38.94, lon: -77.46}, regional_edge_cache: eu-central-1, cache: {capacity: 1GiB}}
origins:
  - {name: o, type: custom, domain: o.example.com, location: {lat: 50, lon: 8}}
behaviors:
  - {path_pattern: "*", origin: o, cache_policy: CachingOptimized, server_timing: true}
)",
                                                             "t.yaml");
  const auto scenario = core::config::loadScenarioFromString(R"(name: s
topology: t.yaml
requests: 60
catalogue: {objects: 3, zipf_alpha: 0.5, cache_control: "max-age=3600"}
clients:
  - {name: fra, location: {lat: 50.1, lon: 8.6}, requests_per_second: 1}
  - {name: iad, location: {lat: 38.9, lon: -77.4}, requests_per_second: 1}
)",
                                                             "s.yaml");
  const auto lines = traceOf(scenario, topology);
  int edge = 0, rec = 0, miss = 0;
  for (const auto& line : lines) {
    const std::string timing = header(line, "Server-Timing");
    const std::string result = line["result"];
    INFO(timing);
    if (line["hitLayer"] == "REC") {
      CHECK(result == "Hit");
      CHECK(timing.find("cdn-cache-hit") != std::string::npos);
      CHECK(timing.find("cdn-hit-layer;desc=\"REC\"") != std::string::npos);
      ++rec;
    } else if (result == "Hit") {
      CHECK(timing.find("cdn-hit-layer;desc=\"EDGE\"") != std::string::npos);
      ++edge;
    } else {
      CHECK(timing.find("cdn-cache-miss") != std::string::npos);
      CHECK(timing.find("cdn-hit-layer") == std::string::npos);
      ++miss;
    }
  }
  CHECK(rec > 0);
  CHECK(edge > 0);
  CHECK(miss == 3);  // each object once from the origin; the other POP found it at the REC
}
