// `cdnsim compare`: runs side by side, with every metric's change against the first column.
//   cdnsim compare SCENARIO --topology A --topology B [run's options]     one scenario, several
//   topologies cdnsim compare SCENARIO --variant 'lru: pops[*].cache.policy=lru' --variant 's3fifo:
//   ...' cdnsim compare RUN_DIR RUN_DIR...                                      finished runs
//   (their summary.json)
// Topologies and variants together give one column per pair, topology first. The runs go in
// parallel (sim/sweep/run_batch.h); the table, JSON and CSV come from sim/sweep/comparison.h.

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "core/config/config_error.h"
#include "core/config/scenario_source.h"
#include "io/atomic_file.h"
#include "sim/sweep/comparison.h"
#include "sim/sweep/run_batch.h"
#include "sim/sweep/summary_metrics.h"
#include "sim/sweep/variant.h"
#include "tools/cdnsim/batch_progress.h"
#include "tools/cdnsim/commands.h"
#include "tools/cdnsim/comparison_page.h"
#include "tools/cdnsim/scenario_options.h"

namespace cdnsim::tools {

namespace {

struct CompareArguments {
  std::vector<std::string> inputs;  // one scenario, or run directories
  std::vector<std::string> topologies;
  std::vector<std::string> variants;
  ScenarioOptionsText options;
  std::optional<std::string> jobs;
  bool json = false;
  bool csv = false;
  std::string out;
};

int badInput(const std::string& message) {
  std::cerr << "cdnsim compare: " << message << "\n";
  return kExitBadInput;
}

// Column names of the topologies: their file stems, or the paths when two stems are alike.
std::vector<std::string> topologyNames(const std::vector<std::string>& paths) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  bool unique = true;
  for (const auto& p : paths) {
    names.push_back(std::filesystem::path(p).stem().string());
    unique = unique && seen.insert(names.back()).second;
  }
  return unique ? names : paths;
}

// Run directories: their summary.json files, read as they are.
std::optional<sim::Comparison> readRunDirectories(const std::vector<std::string>& dirs,
                                                  std::string& error) {
  sim::Comparison c;
  c.title = fmt::format("compare {} run directories; changes against the first", dirs.size());
  for (const auto& dir : dirs) {
    const auto file = std::filesystem::path(dir) / "summary.json";
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      error = fmt::format("{}: no summary.json there; expected the --out folder of a finished run",
                          dir);
      return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    nlohmann::ordered_json summary;
    try {
      summary = nlohmann::ordered_json::parse(text.str());
    } catch (const nlohmann::json::exception& e) {
      error = fmt::format("{}: not JSON ({})", file.string(), e.what());
      return std::nullopt;
    }
    try {
      sim::readSummaryMetrics(summary);  // what the table reads must be there
    } catch (const std::invalid_argument& e) {
      error = fmt::format("{}: {}; expected the summary.json of a run", file.string(), e.what());
      return std::nullopt;
    }
    std::string name = dir;
    while (name.size() > 1 && name.back() == '/') name.pop_back();
    c.columns.push_back(
        {name, fmt::format("run directory: scenario {} on topology {}, seed {}",
                           summary.value("scenario", "?"), summary.value("topology", "?"),
                           summary.value("seed", 0))});
    c.summaries.push_back(std::move(summary));
  }
  return c;
}

int compare(const CompareArguments& args) {
  if (args.json && args.csv) return badInput("--json and --csv exclude each other; choose one");
  std::string error;
  const auto options = checkScenarioOptions(args.options, error);
  if (!options) return badInput(error);
  const auto jobs = checkJobs(args.jobs, error);
  if (!jobs) return badInput(error);

  const bool runDirectories = !args.inputs.empty() && std::filesystem::is_directory(args.inputs[0]);
  sim::Comparison comparison;
  if (runDirectories) {
    for (const auto& input : args.inputs) {
      if (!std::filesystem::is_directory(input)) {
        return badInput(
            fmt::format("{} is not a run directory; expected one scenario file, or run "
                        "directories only",
                        input));
      }
    }
    if (!args.topologies.empty() || !args.variants.empty() || !optionTexts(args.options).empty()) {
      return badInput(
          "--topology, --variant, --set, --requests and --seed apply to a scenario; run "
          "directories are compared as they are");
    }
    if (args.inputs.size() < 2) return badInput("expected two or more run directories");
    auto read = readRunDirectories(args.inputs, error);
    if (!read) return badInput(error);
    comparison = std::move(*read);
  } else {
    if (args.inputs.size() != 1) {
      return badInput(
          "expected one scenario file (with --topology or --variant), or two or more run "
          "directories");
    }
    std::vector<sim::Variant> variants;
    std::vector<core::config::LoadedScenario> runs;
    try {
      for (const auto& v : args.variants) variants.push_back(sim::parseVariant(v));
      if (variants.empty()) variants.push_back({});
      const std::vector<std::string> topologies =
          args.topologies.empty() ? std::vector<std::string>{""} : args.topologies;
      const auto names = topologyNames(topologies);
      for (std::size_t t = 0; t < topologies.size(); ++t) {
        core::config::ScenarioSource source(args.inputs[0], topologies[t]);
        for (const auto& variant : variants) {
          runs.push_back(loadWithOptions(source, *options, variant.overrides));
          std::string name = topologies.size() > 1 && variants.size() > 1
                                 ? names[t] + "/" + variant.name
                             : topologies.size() > 1 ? names[t]
                                                     : variant.name;
          std::string description = "topology " + runs.back().scenario.topologyPath;
          for (const auto& o : variant.overrides) description += ", " + o.text;
          comparison.columns.push_back({name, description});
        }
      }
    } catch (const core::config::ConfigError& e) {
      return badInput(e.what());
    }
    if (runs.size() < 2) {
      return badInput(
          "nothing to compare: expected two or more --topology, two or more --variant, or run "
          "directories");
    }
    std::string what = args.inputs[0];
    for (const auto& o : optionTexts(args.options)) what += " " + o;
    comparison.title = fmt::format("compare {}: {} runs; changes against {}", what, runs.size(),
                                   comparison.columns[0].name);
    BatchProgress progress("compare", runs);
    // A replayed trace is read while its run goes on: a bad line found then is bad input, as in
    // `run` (file:line, exit 2), and nothing is written.
    try {
      comparison.summaries = sim::runBatch(runs, *jobs, &progress);
    } catch (const core::config::ConfigError& e) {
      return badInput(e.what());
    }
  }

  const std::string text = args.json  ? sim::formatComparisonJson(comparison)
                           : args.csv ? sim::formatComparisonCsv(comparison)
                                      : sim::formatComparisonTable(comparison);
  if (!args.out.empty()) {
    auto status = io::ensureDirectory(args.out);
    for (const auto& [name, contents] :
         {std::pair{"comparison.json", sim::formatComparisonJson(comparison)},
          std::pair{"comparison.csv", sim::formatComparisonCsv(comparison)},
          std::pair{"comparison.txt", sim::formatComparisonTable(comparison)}}) {
      if (status.ok())
        status = io::writeFileAtomically(std::filesystem::path(args.out) / name, contents);
    }
    if (status.ok()) {
      const bool fromDirectories = args.inputs.size() > 1;
      status = writeComparisonPage("compare", std::filesystem::path(args.out) / "report.html",
                                   comparison,
                                   fromDirectories ? args.inputs : std::vector<std::string>{});
    }
    if (!status.ok()) {
      std::cerr << "cdnsim compare: " << status.message() << "\n";
      return status.isPathProblem() ? kExitBadInput : kExitFailure;
    }
  }
  std::cout << text;
  return kExitOk;
}

}  // namespace

void registerCompareCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<CompareArguments>();
  auto* cmd = app.add_subcommand("compare",
                                 "Runs side by side: one scenario on several topologies or "
                                 "variants, or finished run directories");
  cmd->add_option("inputs", args->inputs,
                  "A scenario YAML file, or two or more run directories (run --out)")
      ->required();
  cmd->add_option("--topology", args->topologies,
                  "A topology to run the scenario on (repeat: one column each)")
      ->allow_extra_args(false);
  cmd->add_option(
         "--variant", args->variants,
         "A named set of overrides, 'NAME: PATH=VALUE, PATH=VALUE' ('NAME:' alone: the scenario "
         "as it is); repeat: one column each")
      ->type_name("'NAME: PATH=VALUE,...'")
      ->allow_extra_args(false);
  addScenarioOptions(*cmd, args->options);
  addJobsOption(*cmd, args->jobs);
  cmd->add_flag("--json", args->json, "Print the comparison as JSON instead of the table");
  cmd->add_flag("--csv", args->csv,
                "Print the comparison as CSV (one row per metric) instead of the table");
  cmd->add_option("--out", args->out,
                  "Also write comparison.txt, comparison.json, comparison.csv and report.html (charts, "
                  "opens offline) into this folder");
  cmd->callback([args, &status] { status = compare(*args); });
}

}  // namespace cdnsim::tools
