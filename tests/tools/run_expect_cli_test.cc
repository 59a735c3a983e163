// `cdnsim run --expect FILE [--bless]` end to end: exit 0 when the run matches, 1 with a table of
// what differs, 2 for a file that is not an expected file or names a metric the summary lacks;
// --bless writes a new file or updates the values of an existing one, keeping its choices.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

// A small quickstart run; `extra` adds options.
CommandResult run(const std::string& extra) {
  return runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") + " --requests 2000 " + extra);
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("run --expect --bless writes a file the same run then matches", "[cli][expect]") {
  TempDir dir("cdnsim-expect-new");
  const std::filesystem::path file = dir.path() / "expected.json";
  const auto blessed = run("--expect " + file.string() + " --bless");
  INFO(blessed.output);
  REQUIRE(blessed.exitCode == 0);
  CHECK_THAT(blessed.output, Catch::Contains("cdnsim run: wrote " + file.string() + ": pins the whole summary\n"));
  const auto doc = nlohmann::ordered_json::parse(readFile(file));
  CHECK(doc["format"] == "cdnsim-expected/1");
  CHECK(doc["summary"]["viewer"]["requests"] == 2000);
  CHECK_FALSE(doc.contains("trace_sha256"));  // no --out: no trace

  const auto again = run("--expect " + file.string());
  INFO(again.output);
  CHECK(again.exitCode == 0);
  CHECK_THAT(again.output, Catch::Contains("cdnsim run: outputs match " + file.string()));
  // The verdict goes to stderr: --json's stdout stays one JSON document.
  const auto json = runCommand("(" + cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") +
                               " --requests 2000 --json --expect " + file.string() + " 2>/dev/null)");
  CHECK(json.exitCode == 0);
  CHECK(nlohmann::ordered_json::parse(json.output)["viewer"]["requests"] == 2000);

  const auto other = run("--seed 5 --expect " + file.string());
  INFO(other.output);
  CHECK(other.exitCode == 1);
  CHECK_THAT(other.output, Catch::Contains("cdnsim run: outputs differ from " + file.string()) &&
                               Catch::Contains("  metric ") && Catch::Contains("  seed ") &&
                               Catch::Contains("accept it with --expect " + file.string() + " --bless"));
}

TEST_CASE("chosen metrics with tolerances: within passes, beyond fails, --bless keeps the tolerances",
          "[cli][expect]") {
  TempDir dir("cdnsim-expect-metrics");
  const std::filesystem::path out = dir.path() / "out";
  REQUIRE(run("--no-trace --out " + out.string()).exitCode == 0);
  const auto summary = nlohmann::ordered_json::parse(readFile(out / "summary.json"));
  const double hit = summary["edge"]["hit_ratio"].get<double>();
  const double p99 = summary["latency"]["total"]["p99_ms"].get<double>();
  const std::filesystem::path file = dir.path() / "metrics.json";
  auto expected = [&](double hitValue, double p99Value) {
    write(file, nlohmann::ordered_json{{"comment", "chosen by hand"},
                             {"metrics",
                              {{"edge.hit_ratio", {{"value", hitValue}, {"abs", 0.01}}},
                               {"latency.total.p99_ms", {{"value", p99Value}, {"rel", 0.05}}},
                               {"pops[IAD89-C1].requests", summary["pops"][0]["requests"]}}}}
                    .dump(2));
  };
  expected(hit + 0.009, p99 * 1.04);
  auto r = run("--expect " + file.string());
  INFO(r.output);
  CHECK(r.exitCode == 0);

  expected(hit + 0.02, p99 * 1.2);
  r = run("--expect " + file.string());
  INFO(r.output);
  CHECK(r.exitCode == 1);
  CHECK_THAT(r.output, Catch::Contains("2 of 3 pinned values") && Catch::Contains("edge.hit_ratio") &&
                           Catch::Contains("±0.01") && Catch::Contains("latency.total.p99_ms") &&
                           Catch::Contains("±5%") && !Catch::Contains("pops[IAD89-C1].requests"));

  r = run("--expect " + file.string() + " --bless");
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("blessed " + file.string() + ": 2 of 3 pinned values moved") &&
                           Catch::Contains("edge.hit_ratio"));
  const auto blessed = nlohmann::ordered_json::parse(readFile(file));
  CHECK(blessed["comment"] == "chosen by hand");
  CHECK(blessed["metrics"]["edge.hit_ratio"] ==
        nlohmann::ordered_json({{"value", hit}, {"abs", 0.01}}));
  CHECK(blessed["metrics"]["latency.total.p99_ms"] ==
        nlohmann::ordered_json({{"value", p99}, {"rel", 0.05}}));
  CHECK_FALSE(blessed.contains("summary"));
  r = run("--expect " + file.string() + " --bless");
  CHECK_THAT(r.output, Catch::Contains("blessed " + file.string() + ": nothing moved"));
}

TEST_CASE("a pinned trace digest needs the trace, and catches a changed trace", "[cli][expect]") {
  TempDir dir("cdnsim-expect-trace");
  const std::filesystem::path file = dir.path() / "trace.json";
  const std::string out = " --out " + (dir.path() / "out").string();
  REQUIRE(run(out + " --expect " + file.string() + " --bless").exitCode == 0);
  const auto doc = nlohmann::ordered_json::parse(readFile(file));
  REQUIRE(doc.contains("trace_sha256"));
  // gzip or not, the digest is of the trace's lines.
  auto r = run(out + " --gzip --expect " + file.string());
  INFO(r.output);
  CHECK(r.exitCode == 0);

  write(file, nlohmann::ordered_json{{"trace_sha256", doc["trace_sha256"]}}.dump());
  for (const std::string& without : {std::string(""), out + " --no-trace"}) {
    r = run(without + " --expect " + file.string());
    INFO(r.output);
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains("it pins the trace's SHA-256, so the run must write one"));
    CHECK_THAT(r.output, !Catch::Contains("viewer requests"));  // refused before the run
  }
  write(file, nlohmann::ordered_json{{"trace_sha256", std::string(64, '0')}}.dump());
  r = run(out + " --expect " + file.string());
  CHECK(r.exitCode == 1);
  CHECK_THAT(r.output, Catch::Contains("trace.jsonl sha256") && Catch::Contains(std::string(16, '0') + "...") &&
                           Catch::Contains(doc["trace_sha256"].get<std::string>().substr(0, 16) + "..."));
}

TEST_CASE("a broken expected file or a misnamed metric is bad input", "[cli][expect]") {
  TempDir dir("cdnsim-expect-bad");
  const std::filesystem::path file = dir.path() / "e.json";
  SECTION("missing") {
    const auto r = run("--expect " + file.string());
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains("cannot read it; write it first with --expect FILE --bless"));
  }
  SECTION("not JSON") {
    write(file, "{\"metrics\": ");
    const auto r = run("--expect " + file.string());
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains(file.string() + ": not JSON"));
  }
  SECTION("a metric the summary lacks") {
    write(file, R"({"metrics": {"edge.hitratio": 0.5}})");
    auto r = run("--expect " + file.string());
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains("\"edge.hitratio\" is not a value of the summary (did you mean \"edge.hit_ratio\"?)"));
    r = run("--expect " + file.string() + " --bless");
    CHECK(r.exitCode == 2);
    CHECK(readFile(file) == R"({"metrics": {"edge.hitratio": 0.5}})");  // untouched
  }
  SECTION("--bless alone") {
    const auto r = run("--bless");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::Contains("--bless requires --expect"));
  }
}

}  // namespace cdnsim::testing
