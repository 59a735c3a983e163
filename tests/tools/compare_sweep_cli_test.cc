// compare and sweep through the real binary: the same bytes whatever -j, shards (from --shard, the
// environment, or a real mpirun) merged into exactly what one sweep prints, run directories read
// like fresh runs, and bad input refused with exit status 2. Progress shows on a terminal only.

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

const std::string kGrid =
    " --grid 'pops[*].cache.policy=lru,s3fifo,sieve' --grid 'pops[*].cache.capacity=8MiB,64MiB'";

std::string scenario() { return sourcePath("scenarios/quickstart.yaml"); }

std::string sweep(const std::string& arguments) {
  return cdnsimBinary() + " sweep " + scenario() + " --requests 3000" + kGrid + " " + arguments;
}

std::string compare(const std::string& arguments) {
  return cdnsimBinary() + " compare " + scenario() + " --requests 3000 " + arguments;
}

const std::string kVariants =
    "--variant 'lru: pops[*].cache.capacity=8MiB' --variant 'sieve: pops[*].cache.policy=sieve, "
    "pops[*].cache.capacity=8MiB' --variant 'big:'";

// The output of a command that must succeed.
std::string output(const std::string& command) {
  const auto r = runCommand(command);
  INFO(command << "\n" << r.output);
  REQUIRE(r.exitCode == 0);
  return r.output;
}

}  // namespace

TEST_CASE("compare prints the same bytes whatever -j", "[cli][compare]") {
  const std::string one = output(compare(kVariants + " -j1"));
  CHECK(output(compare(kVariants + " -j3")) == one);
  CHECK(output(compare(kVariants + " -j2 --json")) == output(compare(kVariants + " -j1 --json")));
  CHECK_THAT(one, Catch::StartsWith("compare " + scenario() +
                                    " --requests 3000: 3 runs; changes against lru\n"));
  // The columns differ, so the comparison compares something.
  const auto j = nlohmann::json::parse(output(compare(kVariants + " --json")));
  bool differs = false;
  for (const auto& m : j["metrics"]) differs = differs || m["values"][0] != m["values"][2];
  CHECK(differs);
}

TEST_CASE("compare runs one scenario on several topologies", "[cli][compare]") {
  const std::string csv =
      output(compare("--topology " + sourcePath("topologies/quickstart.yaml") + " --topology " +
                     sourcePath("topologies/small-edges.yaml") + " --csv"));
  CHECK_THAT(csv, Catch::StartsWith("metric,quickstart,small-edges\nviewer.hit_ratio,"));
}

TEST_CASE("compare reads run directories like the runs it makes", "[cli][compare]") {
  TempDir dir("cdnsim-compare-dirs");
  const auto a = (dir.path() / "lru").string();
  const auto b = (dir.path() / "sieve").string();
  const std::string base = cdnsimBinary() + " run " + scenario() +
                           " --requests 3000 --no-trace --set 'pops[*].cache.capacity=8MiB' ";
  output(base + "--out " + a);
  output(base + "--set 'pops[*].cache.policy=sieve' --out " + b);
  const auto fromDirs =
      nlohmann::json::parse(output(cdnsimBinary() + " compare " + a + " " + b + " --json"));
  const auto fresh = nlohmann::json::parse(output(compare(kVariants + " --json")));
  CHECK(fromDirs["columns"][0]["name"] == a);
  // The same runs give the same metrics, read from summary.json or from the simulation.
  REQUIRE(fromDirs["metrics"].size() == fresh["metrics"].size());
  for (std::size_t m = 0; m < fresh["metrics"].size(); ++m) {
    CAPTURE(fresh["metrics"][m]["key"]);
    CHECK(fromDirs["metrics"][m]["values"][0] == fresh["metrics"][m]["values"][0]);
    CHECK(fromDirs["metrics"][m]["values"][1] == fresh["metrics"][m]["values"][1]);
  }
}

TEST_CASE("compare --out writes the table, JSON and CSV", "[cli][compare]") {
  TempDir dir("cdnsim-compare-out");
  const auto out = dir.path() / "cmp";
  const std::string table = output(compare(kVariants + " --out " + out.string()));
  CHECK(readFile(out / "comparison.txt") == table);
  CHECK(readFile(out / "comparison.json") == output(compare(kVariants + " --json")));
  CHECK(readFile(out / "comparison.csv") == output(compare(kVariants + " --csv")));
}

TEST_CASE("compare refuses what it cannot compare, exit 2", "[cli][compare][errors]") {
  TempDir dir("cdnsim-compare-bad");
  auto [arguments, message] = GENERATE(table<std::string, std::string>({
      {"--variant 'only:'", "cdnsim compare: nothing to compare: expected two or more"},
      {"--variant 'a:' --variant 'big: pops[*].cache.capasity=1GiB'",
       "cdnsim compare: --variant big: pops[*].cache.capasity=1GiB: unknown key 'capasity' in pop "
       "cache"},
      {"--variant 'a:' --variant 'b:' --json --csv",
       "cdnsim compare: --json and --csv exclude each other"},
      {"--variant 'a:' --variant 'b:' -j 0",
       "cdnsim compare: --jobs must be an integer from 1 to 1024, got '0'"},
      {"--variant 'a:' --variant ': x=1'",
       "cdnsim compare: --variant : x=1: the name before ':' is empty"},
  }));
  CAPTURE(arguments);
  const auto r = runCommand(compare(arguments));
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.output, Catch::StartsWith(message));
  const auto empty = dir.path().string();
  const auto noRun = runCommand(cdnsimBinary() + " compare " + empty + " " + empty);
  CHECK(noRun.exitCode == 2);
  CHECK_THAT(noRun.output,
             Catch::Contains("no summary.json there; expected the --out folder of a finished run"));
  const auto mixed = runCommand(cdnsimBinary() + " compare " + empty + " --requests 5 " + empty);
  CHECK(mixed.exitCode == 2);
  std::ofstream(dir.path() / "summary.json") << "{\"viewer\": {}}";
  const auto notSummary = runCommand(cdnsimBinary() + " compare " + empty + " " + empty);
  CHECK(notSummary.exitCode == 2);
  CHECK_THAT(
      notSummary.output,
      Catch::Contains(
          "summary.json: no 'viewer.requests' in the summary; expected the summary.json of a run"));
}

TEST_CASE("sweep prints one row per point, the same bytes whatever -j", "[cli][sweep]") {
  const std::string one = output(sweep("-j1"));
  CHECK(output(sweep("-j2")) == one);
  CHECK(output(sweep("-j4 --json")) == output(sweep("-j1 --json")));
  CHECK_THAT(one, Catch::Contains(
                      "6 points, grid pops[*].cache.policy (3) x pops[*].cache.capacity (2)\n"));
  CHECK_THAT(one, Catch::Contains("\n    5  sieve                 64MiB    "));
}

TEST_CASE("shards merged print exactly what one sweep prints", "[cli][sweep][merge]") {
  const std::string table = output(sweep("-j2"));
  const std::string json = output(sweep("-j2 --json"));
  const std::string csv = output(sweep("-j2 --csv"));
  TempDir dir("cdnsim-sweep-shards");
  const auto out = dir.path().string();
  for (int k = 0; k < 4; ++k) {
    CHECK_THAT(output(sweep(fmt::format("-j1 --shard {}/4 --out {}", k, out))),
               Catch::StartsWith(fmt::format("shard {} of 4 (--shard): ", k)));
  }
  const std::string merge = cdnsimBinary() + " sweep merge " + out;
  CHECK(output(merge) == table);
  CHECK(output(merge + " --json") == json);
  CHECK(output(merge + " --csv") == csv);

  // A whole sweep's --out is a shard file of one shard.
  TempDir whole("cdnsim-sweep-whole");
  CHECK(output(sweep("--out " + whole.path().string())) == table);
  CHECK(output(cdnsimBinary() + " sweep merge " + whole.path().string()) == table);

  // One shard missing.
  std::filesystem::remove(dir.path() / "sweep-shard-2-of-4.json");
  const auto missing = runCommand(merge);
  CHECK(missing.exitCode == 2);
  CHECK_THAT(missing.output, Catch::StartsWith("cdnsim sweep merge: shard 2 of 4 is missing"));
}

TEST_CASE("sweep takes its shard from mpirun's or a Slurm array's environment",
          "[cli][sweep][merge]") {
  const std::string table = output(sweep("-j2"));
  TempDir dir("cdnsim-sweep-env");
  const auto out = dir.path().string();
  // --array=1-2: task ids 1 and 2.
  for (int id : {1, 2}) {
    CHECK_THAT(
        output(fmt::format(
                   "SLURM_ARRAY_TASK_ID={} SLURM_ARRAY_TASK_COUNT=2 SLURM_ARRAY_TASK_MIN=1 ", id) +
               sweep("-j1 --out " + out)),
        Catch::StartsWith(fmt::format("shard {} of 2 (Slurm job array)", id - 1)));
  }
  CHECK(output(cdnsimBinary() + " sweep merge " + out) == table);
  const auto bad =
      runCommand("OMPI_COMM_WORLD_RANK=3 OMPI_COMM_WORLD_SIZE=2 " + sweep("--out " + out));
  CHECK(bad.exitCode == 2);
  CHECK_THAT(
      bad.output,
      Catch::StartsWith(
          "cdnsim sweep: OMPI_COMM_WORLD_RANK=3 and OMPI_COMM_WORLD_SIZE=2 do not give a shard"));
}

TEST_CASE("a grid run under Debian's mpirun with 2 ranks merges into the single run",
          "[cli][sweep][merge][mpi]") {
  const std::string table = output(sweep("-j2"));
  TempDir dir("cdnsim-sweep-mpi");
  const auto out = dir.path().string();
  // Everything local: no remote launch agent, out-of-band traffic on loopback; root needs the flag.
  const std::string mpirun =
      "OMPI_MCA_plm=isolated OMPI_MCA_oob_tcp_if_include=lo OMPI_MCA_btl_tcp_if_include=lo "
      "timeout 120 mpirun --allow-run-as-root --oversubscribe -np 2 ";
  const auto r = runCommand(mpirun + sweep("-j1 --out " + out));
  INFO(r.output);
  REQUIRE(r.exitCode == 0);
  CHECK_THAT(r.output, Catch::Contains("shard 0 of 2 (Open MPI): 3 points written to "));
  CHECK_THAT(r.output, Catch::Contains("shard 1 of 2 (Open MPI): 3 points written to "));
  CHECK(output(cdnsimBinary() + " sweep merge " + out) == table);
}

TEST_CASE("a bad grid or shard exits 2 before any run", "[cli][sweep][errors]") {
  auto [arguments, message] = GENERATE(table<std::string, std::string>({
      {"--grid 'pops[*].cache.policy=lru2,sieve'",
       "cdnsim sweep: --grid pops[*].cache.policy=lru2: unknown eviction policy 'lru2'; did you "
       "mean 'lru'?"},
      // Shard 1 of 2 runs only sieve, and still refuses lru2: every shard checks every value.
      {"--grid 'pops[*].cache.policy=lru2,sieve' --shard 1/2",
       "cdnsim sweep: --grid pops[*].cache.policy=lru2: unknown eviction policy 'lru2'"},
      {"--grid 'pops[*].cache.capacity=8MiB,0'",
       "cdnsim sweep: --grid pops[*].cache.capacity=0: cache capacity must be above zero"},
      {"--grid 'pops[*].cache.polcy=lru'",
       "cdnsim sweep: --grid pops[*].cache.polcy=lru: unknown key 'polcy' in pop cache; did you "
       "mean 'policy'?"},
      {"--grid 'pops[*].cache.policy'",
       "cdnsim sweep: --grid pops[*].cache.policy: expected PATH=VALUE,VALUE,..."},
      {"--grid 'requests=1,2' --grid 'requests=3'",
       "cdnsim sweep: --grid requests=...: 'requests' has two --grid options"},
      {"--shard 2/2", "cdnsim sweep: --shard must be K/N with 0 <= K < N"},
  }));
  CAPTURE(arguments);
  const auto r =
      runCommand(cdnsimBinary() + " sweep " + scenario() + " --requests 3000 " + arguments);
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.output, Catch::StartsWith(message));
}

TEST_CASE("progress shows on a terminal and never in a pipe", "[cli][progress]") {
  // CDNSIM_PROGRESS_AFTER=0 shows the line at once instead of after a second.
  const std::string command =
      "CDNSIM_PROGRESS_AFTER=0 " + cdnsimBinary() + " run " + scenario() + " --requests 200000";
  const auto piped = runCommand(command);
  REQUIRE(piped.exitCode == 0);
  CHECK(piped.output.find(" requests (") == std::string::npos);
  // script(1) gives the command a pseudo-terminal.
  const auto terminal = runCommand("script -qec '" + command + "' /dev/null");
  REQUIRE(terminal.exitCode == 0);
  CHECK_THAT(terminal.output, Catch::Contains("\rrun: "));
  CHECK_THAT(terminal.output, Catch::Contains(" of 200.0k requests ("));
  CHECK_THAT(terminal.output, Catch::Contains("\r\033[K"));  // the line is cleared before the table
  const auto swept =
      runCommand("script -qec \"CDNSIM_PROGRESS_AFTER=0 " + sweep("-j2") + "\" /dev/null");
  REQUIRE(swept.exitCode == 0);
  CHECK_THAT(swept.output, Catch::Contains("\rsweep: "));
  CHECK_THAT(swept.output, Catch::Contains("/6 runs, "));
}

}  // namespace cdnsim::testing
