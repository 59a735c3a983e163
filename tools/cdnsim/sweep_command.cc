// `cdnsim sweep`: a grid of overrides, one run per point, over all cores, one row per point.
//   cdnsim sweep SCENARIO [run's options] --grid PATH=V1,V2 --grid PATH=V1,V2 [-j N] [--json|--csv]
//                [--shard K/N] [--out DIR]
//   cdnsim sweep merge DIR... [--json|--csv]
// The grid, shards and formats are sim/sweep/'s; this file reads the command line.

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "core/config/config_error.h"
#include "core/config/scenario_source.h"
#include "io/atomic_file.h"
#include "sim/sweep/run_batch.h"
#include "sim/sweep/shard.h"
#include "sim/sweep/sweep_grid.h"
#include "sim/sweep/sweep_results.h"
#include "tools/cdnsim/batch_progress.h"
#include "tools/cdnsim/commands.h"
#include "tools/cdnsim/comparison_page.h"
#include "tools/cdnsim/scenario_options.h"

namespace cdnsim::tools {

namespace {

struct SweepArguments {
  std::string scenario;
  std::string topology;
  ScenarioOptionsText options;
  std::vector<std::string> grid;
  std::optional<std::string> jobs;
  std::optional<std::string> shard;
  bool json = false;
  bool csv = false;
  std::string out;
};

struct MergeArguments {
  std::vector<std::string> inputs;
  std::string report;  // report.html of the whole sweep
  bool json = false;
  bool csv = false;
};

int badInput(const std::string& command, const std::string& message) {
  std::cerr << "cdnsim " << command << ": " << message << "\n";
  return kExitBadInput;
}

std::string format(const sim::SweepResults& results, bool json, bool csv) {
  return json  ? sim::formatSweepJson(results)
         : csv ? sim::formatSweepCsv(results)
               : sim::formatSweepTable(results);
}

// Loads every point the shard runs. Each value of each axis is loaded once first, with the other
// axes at their first value, so that a bad value is refused by every shard alike.
std::vector<core::config::LoadedScenario> loadPoints(core::config::ScenarioSource& source,
                                                     const ScenarioOptions& options,
                                                     const sim::SweepDefinition& definition,
                                                     const std::vector<std::size_t>& points) {
  std::size_t stride = definition.pointCount();
  for (const auto& axis : definition.axes) {
    stride /= axis.values.size();
    for (std::size_t v = 0; v < axis.values.size(); ++v) {
      loadWithOptions(source, options, definition.overrides(v * stride));
    }
  }
  std::vector<core::config::LoadedScenario> runs;
  for (std::size_t p : points)
    runs.push_back(loadWithOptions(source, options, definition.overrides(p)));
  return runs;
}

int sweep(const SweepArguments& args) {
  if (args.json && args.csv)
    return badInput("sweep", "--json and --csv exclude each other; choose one");
  if (args.scenario.empty())
    return badInput("sweep", "expected a scenario file (or: cdnsim sweep merge DIR...)");
  std::string error;
  const auto options = checkScenarioOptions(args.options, error);
  if (!options) return badInput("sweep", error);
  auto jobs = checkJobs(args.jobs, error);
  if (!jobs) return badInput("sweep", error);
  // Ranks that mpirun started on one machine share its cores: by default each takes its part.
  if (!args.jobs) {
    for (const char* localRanks : {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS"}) {
      const char* text = std::getenv(localRanks);
      const long ranks = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
      if (ranks > 1) {
        jobs = std::max(1U, *jobs / static_cast<unsigned>(ranks));
        break;
      }
    }
  }
  const auto shard =
      args.shard ? sim::parseShard(*args.shard, error)
                 : sim::shardFromEnvironment([](const char* n) { return std::getenv(n); }, error);
  if (!shard) return badInput("sweep", error);

  sim::SweepDefinition definition;
  definition.scenarioFile = args.scenario;
  if (!args.topology.empty()) definition.options.push_back("--topology " + args.topology);
  for (auto& o : optionTexts(args.options)) definition.options.push_back(std::move(o));
  std::vector<core::config::LoadedScenario> runs;
  std::vector<std::size_t> points;
  try {
    for (const auto& g : args.grid) definition.axes.push_back(sim::parseGridAxis(g));
    sim::checkGrid(definition.axes);
    for (std::size_t p = shard->index; p < definition.pointCount(); p += shard->count)
      points.push_back(p);
    core::config::ScenarioSource source(args.scenario, args.topology);
    runs = loadPoints(source, *options, definition, points);
  } catch (const core::config::ConfigError& e) {
    return badInput("sweep", e.what());
  }

  sim::SweepResults results{definition, {}};
  {
    BatchProgress progress("sweep", runs);
    // A replayed trace is read while its run goes on: a bad line found then is bad input, as in
    // `run` (file:line, exit 2), and nothing is written.
    std::vector<nlohmann::ordered_json> summaries;
    try {
      summaries = sim::runBatch(runs, *jobs, &progress);
    } catch (const core::config::ConfigError& e) {
      return badInput("sweep", e.what());
    }
    for (std::size_t i = 0; i < points.size(); ++i)
      results.points.push_back({points[i], std::move(summaries[i])});
  }
  if (!args.out.empty()) {
    const auto file = std::filesystem::path(args.out) / sim::shardFileName(*shard);
    auto status = io::ensureDirectory(args.out);
    if (status.ok()) status = io::writeFileAtomically(file, sim::formatShardFile(results, *shard));
    // A shard's page would show a part of the grid: `sweep merge --out` writes the whole one.
    if (status.ok() && shard->count == 1)
      status = writeSweepPage(std::filesystem::path(args.out) / "report.html", results);
    if (!status.ok()) {
      std::cerr << "cdnsim sweep: " << status.message() << "\n";
      return status.isPathProblem() ? kExitBadInput : kExitFailure;
    }
    if (shard->count > 1) {
      std::cout << fmt::format("shard {} of {} ({}): {} points written to {}\n", shard->index,
                               shard->count, shard->source, points.size(), file.string());
      return kExitOk;
    }
  }
  std::cout << format(results, args.json, args.csv);
  return kExitOk;
}

int merge(const MergeArguments& args) {
  if (args.json && args.csv)
    return badInput("sweep merge", "--json and --csv exclude each other; choose one");
  try {
    const auto results = sim::mergeShardFiles(args.inputs);
    if (!args.report.empty()) {
      const auto status = writeSweepPage(args.report, results);
      if (!status.ok()) {
        std::cerr << "cdnsim sweep merge: " << status.message() << "\n";
        return status.isPathProblem() ? kExitBadInput : kExitFailure;
      }
    }
    std::cout << format(results, args.json, args.csv);
  } catch (const std::invalid_argument& e) {
    return badInput("sweep merge", e.what());
  }
  return kExitOk;
}

}  // namespace

void registerSweepCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<SweepArguments>();
  auto* cmd =
      app.add_subcommand("sweep", "Run a grid of overrides over all cores, one row per point");
  cmd->add_option("scenario", args->scenario, "Scenario YAML file (see scenarios/)");
  cmd->add_option("--topology", args->topology, "Topology YAML file, instead of the scenario's");
  addScenarioOptions(*cmd, args->options);
  cmd->add_option(
         "--grid", args->grid,
         "An axis of the grid: a path and its values, 'pops[*].cache.policy=lru,s3fifo,sieve' "
         "(repeat: the grid is every combination)")
      ->type_name("PATH=V1,V2,...")
      ->allow_extra_args(false);
  addJobsOption(*cmd, args->jobs);
  cmd->add_option(
         "--shard", args->shard,
         "Run only shard K of N (points p with p % N == K), for a cluster; by default taken "
         "from mpirun (OMPI_COMM_WORLD_RANK/SIZE), PMI (PMI_RANK/SIZE) or a Slurm job array")
      ->type_name("K/N");
  cmd->add_flag("--json", args->json, "Print the results as JSON instead of the table");
  cmd->add_flag("--csv", args->csv, "Print the results as CSV instead of the table");
  cmd->add_option("--out", args->out,
                  "Keep this shard's results in DIR/sweep-shard-K-of-N.json, for `sweep merge`; a "
                  "sweep in one shard also writes DIR/report.html");

  auto margs = std::make_shared<MergeArguments>();
  auto* mergeCmd =
      cmd->add_subcommand("merge", "Join the shard files of a sweep into the table one run gives");
  mergeCmd
      ->add_option("inputs", margs->inputs,
                   "Folders (their sweep-shard-*-of-*.json) or shard files")
      ->required();
  mergeCmd->add_flag("--json", margs->json, "Print the results as JSON instead of the table");
  mergeCmd->add_flag("--csv", margs->csv, "Print the results as CSV instead of the table");
  mergeCmd->add_option("--report", margs->report,
                       "Also write the whole sweep's report.html (charts, opens offline) to FILE")
      ->type_name("FILE");
  mergeCmd->callback([margs, &status] { status = merge(*margs); });

  cmd->callback([args, mergeCmd, &status] {
    if (mergeCmd->parsed()) return;  // `sweep merge` ran
    status = sweep(*args);
  });
}

}  // namespace cdnsim::tools
