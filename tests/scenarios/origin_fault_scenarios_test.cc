// End to end: the shipped origin-fault scenarios (scenarios/outage-*.yaml, 404-storm*.yaml,
// failover-503.yaml, slow-origin-504.yaml), each run by the real binary, each checked on the figure
// it is there to teach, and on the error responses' lines in trace.jsonl.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenarios/scenario_runner.h"
#include "tests/scenarios/trace_json.h"

namespace cdnsim::testing {

namespace {

struct ScenarioRun {
  nlohmann::json summary;
  std::vector<nlohmann::json> trace;  // every line (empty without a trace)
  std::string output;
};

ScenarioRun runScenario(const std::string& name, bool trace) {
  TempDir out("cdnsim-" + name);
  const auto r = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/" + name + ".yaml") +
                            (trace ? "" : " --no-trace") + " --out " +
                            out.path().string());
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  ScenarioRun run;
  run.output = r.output;
  run.summary = nlohmann::json::parse(readFile(out.path() / "summary.json"));
  if (trace) {
    std::istringstream lines(readFile(out.path() / "trace.jsonl"));
    std::string text;
    while (std::getline(lines, text)) run.trace.push_back(nlohmann::json::parse(text));
  }
  return run;
}

std::uint64_t count(const nlohmann::json& tally, const std::string& key) {
  return tally.contains(key) ? tally[key].get<std::uint64_t>() : 0;
}

constexpr std::int64_t kStartUs = 1767225600LL * 1000000;  // the scenarios' start

}  // namespace

TEST_CASE("outage-stale-if-error: viewers of cached objects see no error during the outage",
          "[scenario][origin]") {
  const auto run = runScenario("outage-stale-if-error", false);
  const auto& viewer = run.summary["viewer"];
  CHECK(viewer["errors"] == 0);
  CHECK(viewer["stale_on_error"].get<std::uint64_t>() > 100);
  const auto& faults = run.summary["origin"]["faults"];
  CHECK(faults["connect_timeouts"].get<std::uint64_t>() > 0);
  CHECK(faults["refused"] == 0);
}

TEST_CASE("outage-no-stale: an origin_down event reaches viewers as CloudFront's 504s",
          "[scenario][origin][events]") {
  const auto run = runScenario("outage-no-stale", true);
  const auto& viewer = run.summary["viewer"];
  const auto errors = viewer["errors"].get<std::uint64_t>();
  CHECK(errors > 1000);
  CHECK(count(viewer["errors_by"]["by_status"], "504") == errors);
  CHECK(count(viewer["errors_by"]["by_result_type"], "OriginConnectError") == errors);
  CHECK(viewer["stale_on_error"] == 0);

  // The outage runs from 2 to 5 minutes: every 504 is inside it (a fetch that started before
  // 5 minutes may end up to 10 s later), and the request that made the attempts waited 2 × 5 s.
  std::uint64_t seen = 0, waitedFull = 0;
  for (const auto& line : run.trace) {
    if (line["status"] != 504) continue;
    ++seen;
    const auto ts = line["ts"].get<std::int64_t>() - kStartUs;
    CHECK(ts >= 120'000'000);
    CHECK(ts <= 311'000'000);
    CHECK(line["detailed"] == "OriginConnectError");
    CHECK(line["result"] == "Error");
    CHECK(line["contentType"] == "text/html");
    CHECK(header(line, "X-Cache") == "Error from cloudfront");
    CHECK(line["headers"][0][0] == "Server");
    CHECK(line["headers"][0][1] == "CloudFront");
    const auto taken = line["timeTakenUs"].get<std::int64_t>();
    CHECK(taken <= 10'100'000);
    if (taken >= 10'000'000) ++waitedFull;
  }
  CHECK(seen == errors);
  CHECK(waitedFull > 0);
}

TEST_CASE("404-storm: a custom error response caches the 404 longer and sends its page",
          "[scenario][origin][errors]") {
  const auto plain = runScenario("404-storm", true);
  const auto custom = runScenario("404-storm-custom-error", true);
  const auto plain404 = count(plain.summary["viewer"]["errors_by"]["by_status"], "404");
  const auto custom404 = count(custom.summary["viewer"]["errors_by"]["by_status"], "404");
  CHECK(plain404 > 10000);  // about a third of 60000 requests
  CHECK(custom404 == plain404);  // the same viewers ask for the same missing keys
  CHECK(custom.summary["viewer"]["custom_error_pages"] == custom404);

  // The key figure: the bucket answers far fewer 404s with a 5-minute Error Caching Min TTL
  // than with the default 10 s.
  const auto plainOrigin = plain.summary["origin"]["faults"]["error_answers"].get<std::uint64_t>();
  const auto customOrigin = custom.summary["origin"]["faults"]["error_answers"].get<std::uint64_t>();
  CHECK(customOrigin * 4 < plainOrigin);

  // What viewers got: S3's XML error document without the custom response; the HTML page with it,
  // still status 404, the log keeping the origin's outcome (Error).
  bool checkedPlain = false, checkedCustom = false;
  for (const auto& line : plain.trace) {
    if (line["status"] != 404) continue;
    CHECK(line["contentType"] == "application/xml");
    CHECK(header(line, "Server") == "AmazonS3");
    CHECK(header(line, "x-amz-request-id").size() == 16);
    CHECK(header(line, "X-Cache") == "Error from cloudfront");
    CHECK(line["result"] == "Error");
    checkedPlain = true;
  }
  for (const auto& line : custom.trace) {
    if (line["status"] != 404) continue;
    CHECK(line["contentType"] == "text/html");
    CHECK(line["contentLength"] == 2048);  // the page's size (its path rule in the topology)
    CHECK(line["result"] == "Error");
    checkedCustom = true;
  }
  CHECK(checkedPlain);
  CHECK(checkedCustom);
}

TEST_CASE("failover-503: the origin group's secondary answers while the primary sends 503s",
          "[scenario][origin][failover]") {
  const auto run = runScenario("failover-503", false);
  CHECK(run.summary["viewer"]["errors"] == 0);
  const auto& faults = run.summary["origin"]["faults"];
  const auto failovers = faults["failovers"].get<std::uint64_t>();
  CHECK(failovers > 500);
  CHECK(faults["error_answers"] == failovers);  // each 503 of the primary failed over
}

TEST_CASE("slow-origin-504: an origin slower than the response timeout gives 504 OriginReadError",
          "[scenario][origin]") {
  const auto run = runScenario("slow-origin-504", false);
  const auto& viewer = run.summary["viewer"];
  const auto errors = viewer["errors"].get<std::uint64_t>();
  CHECK(errors > 1000);
  CHECK(count(viewer["errors_by"]["by_status"], "504") == errors);
  CHECK(count(viewer["errors_by"]["by_result_type"], "OriginReadError") == errors);
  const auto& faults = run.summary["origin"]["faults"];
  CHECK(faults["read_timeouts"].get<std::uint64_t>() > 0);
  CHECK(faults["read_timeouts"].get<std::uint64_t>() % 2 == 0);  // two attempts per fetch
  // The requests that made a fetch waited two response timeouts of 10 s.
  const double maxMs = run.summary["latency"]["total"]["max_ms"].get<double>();
  CHECK(maxMs >= 20'000);
  CHECK(maxMs <= 20'100);
}

}  // namespace cdnsim::testing
