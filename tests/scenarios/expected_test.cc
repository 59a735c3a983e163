// Regression on outputs: every shipped scenario (scenarios/*.yaml) runs, scaled down, against its
// expected file tests/scenarios/expected/<name>.json (`cdnsim run --expect`, README: Pinning outputs
// and the report). The file pins the whole summary and the trace's SHA-256; its "run_options" are
// the options the run gets here (a smaller --requests keeps CTest fast).
//
// When a change moves the numbers on purpose (a new rule, a new scenario), regenerate every
// expected file with one command and say in the commit why they moved:
//   bash tools/bless_expected.sh
// (it runs this test with CDNSIM_BLESS=1: each run gets --bless, prints what moved, and a scenario
// without a file gets one, with run_options ["--requests", "20000"] when it asks for more).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/config/scenario.h"
#include "io/atomic_file.h"
#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

constexpr std::uint64_t kMaxTestRequests = 20000;

bool blessing() {
  const char* bless = std::getenv("CDNSIM_BLESS");
  return bless != nullptr && std::string(bless) == "1";
}

std::vector<std::filesystem::path> shippedScenarios() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(sourcePath("scenarios"))) {
    if (entry.path().extension() == ".yaml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::filesystem::path expectedFile(const std::filesystem::path& scenario) {
  return sourcePath("tests/scenarios/expected/" + scenario.stem().string() + ".json");
}

std::string shellQuoted(const std::string& word) {
  std::string out(1, '\'');
  for (const char c : word) {
    if (c == '\'') {
      out.append("'\\''");
    } else {
      out.push_back(c);
    }
  }
  out.push_back('\'');
  return out;
}

// The file's run_options, or for a scenario without a file those it will get.
std::vector<std::string> runOptions(const std::filesystem::path& scenario) {
  const std::filesystem::path file = expectedFile(scenario);
  if (std::filesystem::exists(file)) {
    const auto doc = nlohmann::ordered_json::parse(readFile(file));
    return doc.value("run_options", std::vector<std::string>{});
  }
  const auto config = cdnsim::core::config::loadScenario(scenario.string());
  if (config.requests <= kMaxTestRequests) return {};
  return {"--requests", std::to_string(kMaxTestRequests)};
}

std::string runCommandLine(const std::filesystem::path& scenario,
                           const std::vector<std::string>& options,
                           const std::filesystem::path& out) {
  std::string command = cdnsimBinary();
  command.append(" run ").append(shellQuoted(scenario.string()));
  for (const auto& o : options) command.append(" ").append(shellQuoted(o));
  command.append(" --out ").append(shellQuoted(out.string()));
  command.append(" --expect ").append(shellQuoted(expectedFile(scenario).string()));
  return command;
}

// A file --bless just created has no run_options: record the ones it was made with.
void recordRunOptions(const std::filesystem::path& file, const std::vector<std::string>& options) {
  auto doc = nlohmann::ordered_json::parse(readFile(file));
  if (doc.contains("run_options")) return;
  nlohmann::ordered_json withOptions;
  for (const auto& [key, value] : doc.items()) {
    withOptions[key] = value;
    if (key == "format") withOptions["run_options"] = options;
  }
  REQUIRE(cdnsim::io::writeFileAtomically(file, withOptions.dump(2) + "\n").ok());
}

// The words of the diff table's row for `metric` ("  edge.hits  1743  1797  +54 (+3.10%)"), empty
// when there is none.
std::vector<std::string> diffRow(const std::string& output, const std::string& metric) {
  const auto at = output.find("\n  " + metric + " ");
  if (at == std::string::npos) return {};
  std::istringstream line(output.substr(at + 1, output.find('\n', at + 1) - at - 1));
  std::vector<std::string> words;
  for (std::string word; line >> word;) words.push_back(word);
  return words;
}

}  // namespace

TEST_CASE("every shipped scenario matches its expected outputs", "[scenario][expected]") {
  const auto scenarios = shippedScenarios();
  REQUIRE(scenarios.size() >= 2);
  for (const auto& scenario : scenarios) {
    DYNAMIC_SECTION(scenario.filename().string()) {
      const std::filesystem::path file = expectedFile(scenario);
      const bool existed = std::filesystem::exists(file);
      if (!blessing() && !existed) {
        FAIL("no expected file " << file.string() << " for " << scenario.string()
                                 << "; create it with: bash tools/bless_expected.sh");
      }
      const auto options = runOptions(scenario);
      TempDir out("cdnsim-expected-" + scenario.stem().string());
      const std::string command = runCommandLine(scenario, options, out.path()) + (blessing() ? " --bless" : "");
      const auto r = runCommand(command);
      INFO(command << "\n" << r.output);
      CHECK(r.exitCode == 0);
      if (blessing()) {
        if (!existed && r.exitCode == 0) recordRunOptions(file, options);
        // What moved, for the person blessing.
        const auto verdict = r.output.find("cdnsim run: ");
        std::cout << scenario.filename().string() << ": "
                  << (verdict == std::string::npos ? r.output : r.output.substr(verdict));
      } else {
        CHECK_THAT(r.output, Catch::Contains("cdnsim run: outputs match " + file.string()));
      }
      // Every run writes the report too; its page is checked by tests/tools/report_browser_test.cc.
      CHECK(std::filesystem::file_size(out.path() / "report.html") > 10'000);
    }
  }
}

TEST_CASE("the expected outputs catch a changed input, naming what moved", "[scenario][expected]") {
  const std::filesystem::path scenario = sourcePath("scenarios/quickstart.yaml");
  REQUIRE(std::filesystem::exists(expectedFile(scenario)));
  auto options = runOptions(scenario);
  const auto requests = std::find(options.begin(), options.end(), "--requests");
  REQUIRE(requests != options.end());
  const std::uint64_t pinned = std::stoull(*(requests + 1));
  TempDir out("cdnsim-expected-changed");

  SECTION("another seed") {
    options.push_back("--seed");
    options.push_back("1");
    const auto r = runCommand(runCommandLine(scenario, options, out.path()));
    INFO(r.output);
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.output, Catch::Contains("outputs differ from " + expectedFile(scenario).string()));
    CHECK_THAT(r.output, Catch::Contains("metric") && Catch::Contains("expected") && Catch::Contains("actual") &&
                             Catch::Contains("change"));
    CHECK_THAT(r.output, Catch::Contains("trace.jsonl sha256"));
    CHECK(diffRow(r.output, "seed") == std::vector<std::string>{"seed", "20261122", "1", "-20261121", "(-100%)"});
    const auto hits = diffRow(r.output, "edge.hits");
    REQUIRE(hits.size() == 5);
    CHECK(hits[1] != hits[2]);  // expected, actual
  }
  SECTION("one request more") {
    *(requests + 1) = std::to_string(pinned + 1);
    const auto r = runCommand(runCommandLine(scenario, options, out.path()));
    INFO(r.output);
    CHECK(r.exitCode == 1);
    const auto row = diffRow(r.output, "viewer.requests");
    REQUIRE(row.size() == 5);
    CHECK(row[1] == std::to_string(pinned));
    CHECK(row[2] == std::to_string(pinned + 1));
    CHECK(row[3] == "+1");
  }
}

}  // namespace cdnsim::testing
