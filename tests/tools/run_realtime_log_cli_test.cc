// `run --out DIR` writes one realtime-<name>.log per real-time log configuration a behaviour uses
// (DG/real-time-logs.html): the configuration's fields in canonical order, a record for each
// sampled request of those behaviours, agreeing with the trace; a later run removes the earlier
// run's real-time logs as it does every output.

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

// The quickstart world with two real-time log configurations: `sampled` (10 %, fields listed out
// of canonical order) on the default behaviour, `everything` (100 %) on /assets/obj-1*.
struct World {
  TempDir dir{"cdnsim-realtime-cli"};
  std::filesystem::path scenario;
  std::filesystem::path topology;

  explicit World(const std::string& sampledName = "sampled") {
    std::string t = readFile(sourcePath("topologies/quickstart.yaml"));
    const std::string behaviors = "behaviors:\n";
    t.replace(t.find(behaviors), behaviors.size(),
              "realtime_log_configs:\n"
              "  - name: " + sampledName + "\n"
              "    sampling_rate: 10\n"
              "    fields: [x-edge-request-id, sc-status, timestamp, x-edge-location, cs-uri-stem]\n"
              "  - name: everything\n"
              "    sampling_rate: 100\n"
              "    fields: [cs-uri-stem, x-edge-request-id]\n"
              "behaviors:\n"
              "  - path_pattern: /assets/obj-1*\n"
              "    origin: assets\n"
              "    realtime_log_config: everything\n");
    const std::string serverTiming = "    server_timing: true";
    t.replace(t.find(serverTiming), serverTiming.size(),
              serverTiming + "\n    realtime_log_config: " + sampledName);
    topology = dir.path() / "t.yaml";
    std::ofstream(topology) << t;
    std::string s = readFile(sourcePath("scenarios/quickstart.yaml"));
    const std::string ref = "../topologies/quickstart.yaml";
    s.replace(s.find(ref), ref.size(), "t.yaml");
    scenario = dir.path() / "s.yaml";
    std::ofstream(scenario) << s;
  }
};

std::vector<std::string> lines(const std::filesystem::path& file) {
  std::vector<std::string> out;
  std::istringstream in(readFile(file));
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string field;
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

}  // namespace

TEST_CASE("run writes each used real-time log configuration's records, agreeing with the trace",
          "[cli][run][realtime-log]") {
  World world;
  const std::filesystem::path out = world.dir.path() / "out";
  constexpr int kRequests = 20000;
  const auto r = runCommand(cdnsimBinary() + " run " + world.scenario.string() + " --requests " +
                            std::to_string(kRequests) + " --out " + out.string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);

  // Every viewer request, by request id, from the trace.
  struct Seen {
    std::string pop, uri;
    int status = 0;
  };
  std::map<std::string, Seen> trace;
  int underObj1 = 0;
  for (const auto& text : lines(out / "trace.jsonl")) {
    const auto j = nlohmann::json::parse(text);
    const std::string uri = j["uri"];
    trace[j["rid"]] = Seen{j["pop"], uri, j["status"]};
    underObj1 += uri.rfind("/assets/obj-1", 0) == 0 ? 1 : 0;
  }
  REQUIRE(trace.size() == kRequests);

  const auto sampled = lines(out / "realtime-sampled.log");
  REQUIRE(!sampled.empty());
  CHECK(sampled[0] == "#Fields: timestamp sc-status cs-uri-stem x-edge-location x-edge-request-id");
  const int records = static_cast<int>(sampled.size()) - 1;
  // 10 % of the default behaviour's requests, within 5 standard deviations.
  const double n = kRequests - underObj1;
  CHECK(std::abs(records - 0.1 * n) <= 5 * std::sqrt(n * 0.1 * 0.9));
  for (std::size_t i = 1; i < sampled.size(); ++i) {
    const auto f = split(sampled[i]);
    REQUIRE(f.size() == 5);
    const auto it = trace.find(f[4]);
    REQUIRE(it != trace.end());
    CHECK(std::stoi(f[1]) == it->second.status);
    CHECK(f[2] == it->second.uri);
    CHECK(f[3] == it->second.pop);
    CHECK(f[2].rfind("/assets/obj-1", 0) != 0);  // the other behaviour's requests go elsewhere
  }

  // Every request of the 100 % behaviour, and only those.
  const auto everything = lines(out / "realtime-everything.log");
  CHECK(everything[0] == "#Fields: cs-uri-stem x-edge-request-id");
  CHECK(static_cast<int>(everything.size()) - 1 == underObj1);
  for (std::size_t i = 1; i < everything.size(); ++i) {
    const auto f = split(everything[i]);
    REQUIRE(f.size() == 2);
    CHECK(trace.at(f[1]).uri == f[0]);
  }
}

TEST_CASE("real-time logs: gzip, --no-trace, and no earlier run's logs left beside a new run's",
          "[cli][run][realtime-log]") {
  const std::filesystem::path out = std::filesystem::temp_directory_path() /
                                    ("cdnsim-realtime-rerun-" + std::to_string(::getpid()));
  std::filesystem::remove_all(out);
  {
    World first("first");
    REQUIRE(runCommand(cdnsimBinary() + " run " + first.scenario.string() +
                       " --requests 2000 --out " + out.string())
                .exitCode == 0);
    CHECK(std::filesystem::exists(out / "realtime-first.log"));
  }
  std::ofstream(out / "realtime-notes.txt") << "mine";  // not an output name: kept
  World second("second");
  const auto r = runCommand(cdnsimBinary() + " run " + second.scenario.string() +
                            " --requests 2000 --no-trace --gzip --out " + out.string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  CHECK_FALSE(std::filesystem::exists(out / "realtime-first.log"));
  CHECK(std::filesystem::exists(out / "realtime-second.log.gz"));
  CHECK(std::filesystem::exists(out / "realtime-everything.log.gz"));
  CHECK_FALSE(std::filesystem::exists(out / "realtime-everything.log"));
  CHECK_FALSE(std::filesystem::exists(out / "trace.jsonl.gz"));
  CHECK(std::filesystem::exists(out / "realtime-notes.txt"));
  std::filesystem::remove_all(out);
}

TEST_CASE("a misspelt real-time log field is refused at its file:line:col with exit status 2",
          "[cli][validate][realtime-log][errors]") {
  World world;
  std::string t = readFile(world.topology);
  const std::string field = "x-edge-location,";
  const auto at = t.find(field);
  t.replace(at, field.size(), "x-edge-locaton,");
  std::ofstream(world.topology) << t;
  const auto line = 1 + std::count(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  const auto column = 1 + at - (t.rfind('\n', at) + 1);
  for (const auto* command : {" validate ", " run "}) {
    const auto r = runCommand(cdnsimBinary() + command + world.scenario.string());
    CAPTURE(command);
    CHECK(r.exitCode == 2);
    CHECK(r.output.find(world.topology.string() + ":" + std::to_string(line) + ":" +
                        std::to_string(column) +
                        ": unknown real-time log field 'x-edge-locaton'; did you mean "
                        "'x-edge-location'?") != std::string::npos);
  }
}

}  // namespace cdnsim::testing
