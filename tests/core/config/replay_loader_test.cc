// The scenario's `replay:` block: what it reads, and every kind of mistake at file:line:col.

#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

#include <fstream>

#include "core/config/scenario.h"

namespace cdnsim::core {

namespace {

// A folder holding one log file, so that `files:` resolves.
struct LogFolder {
  std::filesystem::path dir;
  LogFolder() {
    dir = std::filesystem::temp_directory_path() / ("cdnsim-replay-loader-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "a.log") << "#Version: 1.0\n";
  }
  ~LogFolder() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string scenarioFile() const { return (dir / "s.yaml").string(); }
};

const std::string kReplay = R"(name: r
topology: t.yaml
replay:
  format: cloudfront
  files: [a.log]
  routing: dns
  client_locations: {by: c-ip, map: {"192.0.2.": fra}, default: sfo}
  time_scale: 0.5
  bad_lines: skip
  reorder_window: 64
  cache_control: max-age=60
clients:
  - {name: fra, city: Paris}
  - {name: sfo, location: {lat: 37.6, lon: -122.4}, weight: 3}
)";

}  // namespace

TEST_CASE("a replay scenario reads its files, routing, mapping and policies", "[config][replay]") {
  LogFolder folder;
  const auto s = config::loadScenarioFromString(kReplay, folder.scenarioFile());
  REQUIRE(s.replay);
  const auto& r = *s.replay;
  CHECK(r.format == config::ReplayFormat::CloudFront);
  CHECK(r.files == std::vector<std::string>{(folder.dir / "a.log").string()});
  CHECK(r.routing == config::ReplayRouting::Dns);
  REQUIRE(r.clientLocations);
  CHECK(r.clientLocations->by == config::ClientField::ClientIp);
  CHECK(r.clientLocations->prefixes == std::vector<std::pair<std::string, std::uint32_t>>{{"192.0.2.", 0}});
  CHECK(r.clientLocations->fallback == 1u);
  CHECK(r.timeScale == 0.5);
  CHECK(r.badLines == config::BadLinePolicy::Skip);
  CHECK(r.reorderWindow == 64);
  CHECK(s.catalogue.cacheControl == "max-age=60");  // the replayed objects' origin headers
  CHECK(s.requests == static_cast<std::uint64_t>(config::kMaxReplayRequests));  // the whole log
  REQUIRE(s.clients.size() == 2);
  CHECK(s.clients[1].requestsPerSecond == 3);  // a weight
}

TEST_CASE("replay mistakes are reported at file:line:col", "[config][replay][errors]") {
  LogFolder folder;
  const std::string file = folder.scenarioFile();
  auto [from, to, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"format: cloudfront", "format: w3c", ":4:11: replay format must be one of: cloudfront, csv, oracle_general"},
      {"time_scale: 0.5", "time_scal: 0.5", ":8:3: unknown key 'time_scal' in replay; did you mean 'time_scale'?"},
      {"time_scale: 0.5", "time_scale: 0", ":8:15: time_scale must be between"},
      {"bad_lines: skip", "bad_lines: ignore", ":9:14: bad_lines must be one of: refuse, skip"},
      {"files: [a.log]", "files: [b.log]", ":5:11: cannot open replay file"},
      {"files: [a.log]", "files: []", ":5:10: replay files is empty"},
      {"default: sfo", "default: sf0", ":7:66: unknown client population 'sf0'; did you mean 'sfo'?"},
      {"by: c-ip", "by: ip", ":7:25: client_locations by must be one of: c-ip, x-edge-location"},
      {"routing: dns", "routing: logged", ":7:21: client_locations places viewers for routing: dns"},
      {"format: cloudfront", "format: csv", ":7:21: client_locations reads c-ip or x-edge-location"},
      {"reorder_window: 64", "reorder_window: 0", ":10:19: reorder_window (lines) must be between 1"},
      {"name: r\n", "name: r\nrequests: 0\n", ":2:11: requests must be between 1"},
      {"name: r\n", "name: r\ncatalogue: {objects: 5}\n", ":2:12: `catalogue:` does not apply to a replay"},
  }));
  std::string text = kReplay;
  text.replace(text.find(from), from.size(), to);
  CAPTURE(from, to);
  // The message after file:line:col.
  const std::string message = expected.substr(expected.find(": ") + 2);
  CHECK_THROWS_WITH(config::loadScenarioFromString(text, file),
                    Catch::StartsWith(file + ":") && Catch::Contains(message));
}

TEST_CASE("a trace cannot be routed at logged POPs, and dns needs populations",
          "[config][replay][errors]") {
  LogFolder folder;
  const std::string file = folder.scenarioFile();
  CHECK_THROWS_WITH(config::loadScenarioFromString(
                        "name: r\ntopology: t.yaml\nreplay: {format: csv, files: [a.log], routing: logged}\n"
                        "clients: [{name: a, city: Paris}]\n",
                        file),
                    Catch::StartsWith(file + ":3:48: routing: logged needs the x-edge-location"));
  CHECK_THROWS_WITH(config::loadScenarioFromString(
                        "name: r\ntopology: t.yaml\nreplay: {format: csv, files: [a.log]}\n", file),
                    Catch::StartsWith(file + ":3:9: routing: dns needs client populations"));
  // A CloudFront log at its logged POPs needs no populations.
  CHECK(config::loadScenarioFromString("name: r\ntopology: t.yaml\nreplay: {format: cloudfront, files: [a.log]}\n",
                                       file)
            .replay->routing == config::ReplayRouting::Logged);
}

}  // namespace cdnsim::core
