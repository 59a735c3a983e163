// End to end: the shipped replay-cloudfront-log scenario. Its key figure: every POP serves exactly
// the requests the sample log shows at its x-edge-location, and the lines at a code the topology
// lacks are counted, not replayed. The counts are taken from the log files themselves.

#include <catch2/catch.hpp>
#include <zlib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

// Requests per x-edge-location (the third field) in a gzip log.
void countByEdgeLocation(const std::string& path, std::map<std::string, std::uint64_t>& counts) {
  gzFile gz = gzopen(path.c_str(), "rb");
  REQUIRE(gz != nullptr);
  std::string text;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(gz, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  gzclose(gz);
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end - at);
    at = end == std::string::npos ? text.size() : end + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t first = line.find('\t');
    const std::size_t second = line.find('\t', first + 1);
    const std::size_t third = line.find('\t', second + 1);
    ++counts[line.substr(second + 1, third - second - 1)];
  }
}

}  // namespace

TEST_CASE("replay-cloudfront-log: each POP serves the requests the log shows at it",
          "[scenario][replay]") {
  std::map<std::string, std::uint64_t> logged;
  for (const char* name : {"E2SAMPLE.2026-01-01-00.a1b2c3d4.gz", "E2SAMPLE.2026-01-01-00.e5f6a7b8.gz"}) {
    countByEdgeLocation(sourcePath(std::string("scenarios/logs/") + name), logged);
  }
  std::uint64_t total = 0;
  for (const auto& [code, n] : logged) total += n;
  REQUIRE(total > 2000);  // a few thousand lines

  const auto result =
      runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/replay-cloudfront-log.yaml") + " --json");
  INFO(result.output);
  REQUIRE(result.exitCode == 0);
  const nlohmann::json summary = nlohmann::json::parse(result.output);

  std::uint64_t atKnownPops = 0;
  for (const auto& pop : summary["pops"]) {
    const std::string code = pop["code"].get<std::string>();
    CAPTURE(code);
    CHECK(pop["requests"].get<std::uint64_t>() == logged[code]);
    atKnownPops += logged[code];
    logged.erase(code);
  }
  // What is left was logged at codes two-tier lacks.
  std::uint64_t unknown = 0;
  std::vector<std::string> codes;
  for (const auto& [code, n] : logged) {
    unknown += n;
    codes.push_back(code);
  }
  CHECK(unknown > 0);
  CHECK(summary["replay"]["unknown_edge_locations"].get<std::uint64_t>() == unknown);
  CHECK(summary["replay"]["unknown_codes"].get<std::vector<std::string>>() == codes);
  CHECK(summary["replay"]["lines"].get<std::uint64_t>() == total);
  CHECK(summary["replay"]["replayed"].get<std::uint64_t>() == atKnownPops);
  CHECK(summary["replay"]["bad_lines"].get<std::uint64_t>() == 0);
  CHECK(summary["viewer"]["requests"].get<std::uint64_t>() == atKnownPops);
  // The log spans an hour, replayed at its pace.
  CHECK(summary["duration_s"].get<double>() > 3000);
  CHECK(summary["duration_s"].get<double>() < 3700);
}

}  // namespace cdnsim::testing
