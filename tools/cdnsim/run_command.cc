// `cdnsim run SCENARIO.yaml`: simulate a scenario on its topology, print the summary table and
// write the outputs (summary.json, trace.jsonl, access.log) into --out.

#include <fmt/format.h>

#include <iostream>

#include "core/config/config_error.h"
#include "core/config/units.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "io/atomic_file.h"
#include "sim/output/exchange_writer.h"
#include "sim/report/summary_format.h"
#include "sim/run/tiered_simulation.h"
#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

namespace {

struct RunArguments {
  std::string scenario;
  std::string topology;  // overrides the scenario's
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> requests;
  std::string out;
  bool trace = true;
  bool gzip = false;
  std::string interval = "60s";
  bool json = false;
};

int runScenario(const RunArguments& args) {
  core::config::ScenarioConfig scenario;
  core::config::TopologyConfig topology;
  try {
    scenario = core::config::loadScenario(args.scenario);
    if (!args.topology.empty()) scenario.topologyPath = args.topology;
    topology = core::config::loadTopology(scenario.topologyPath);
  } catch (const core::config::ConfigError& e) {
    std::cerr << "cdnsim run: " << e.what() << "\n";
    return kExitBadInput;
  }
  if (args.seed) scenario.seed = *args.seed;
  if (args.requests) scenario.requests = *args.requests;

  const auto interval = core::config::parseDuration(args.interval);
  if (!interval || *interval <= core::Duration::zero()) {
    std::cerr << "cdnsim run: --interval must be a positive duration such as 10s or 1m, got '"
              << args.interval << "'\n";
    return kExitBadInput;
  }
  sim::TieredSimulation simulation(scenario, topology, *interval);
  std::optional<sim::ExchangeWriter> writer;
  if (!args.out.empty()) {
    if (auto s = io::ensureDirectory(args.out); !s.ok()) {
      std::cerr << "cdnsim run: " << s.message() << "\n";
      return kExitFailure;
    }
    sim::ExchangeWriterOptions options;
    if (args.trace) {
      const std::string gz = args.gzip ? ".gz" : "";
      options.tracePath = std::filesystem::path(args.out) / ("trace.jsonl" + gz);
      options.accessLogPath = std::filesystem::path(args.out) / ("access.log" + gz);
      options.gzip = args.gzip;
    }
    writer.emplace(simulation, options);
  }
  // Every tally is the same with or without an observer; one is only needed to write exchanges.
  simulation.run(writer && writer->writesExchanges() ? &*writer : nullptr);

  const auto& summary = simulation.summary();
  if (writer) {
    auto status = writer->commit();
    if (status.ok()) {
      status = io::writeFileAtomically(std::filesystem::path(args.out) / "summary.json",
                                       sim::formatSummaryJson(summary));
    }
    if (status.ok()) {
      std::string csv;
      simulation.timeSeries().appendCsv(csv);
      status = io::writeFileAtomically(std::filesystem::path(args.out) / "timeseries.csv", csv);
    }
    if (!status.ok()) {
      std::cerr << "cdnsim run: " << status.message() << "\n";
      return kExitFailure;
    }
  }
  std::cout << (args.json ? sim::formatSummaryJson(summary) : sim::formatSummaryTable(summary));
  if (!args.out.empty() && !args.json) std::cout << "\noutputs written to " << args.out << "/\n";
  return kExitOk;
}

}  // namespace

void registerRunCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<RunArguments>();
  auto* cmd = app.add_subcommand("run", "Simulate a scenario and print its summary table");
  cmd->add_option("scenario", args->scenario, "Scenario YAML file (see scenarios/)")->required();
  cmd->add_option("--topology", args->topology, "Topology YAML file, instead of the scenario's");
  cmd->add_option("--seed", args->seed, "Seed, instead of the scenario's");
  cmd->add_option("--requests", args->requests, "Number of viewer requests, instead of the scenario's");
  cmd->add_option("--out", args->out,
                  "Output folder: summary.json, timeseries.csv, trace.jsonl (one line per request "
                  "with the emitted headers) and access.log (CloudFront standard log format)");
  cmd->add_option("--interval", args->interval, "Width of one timeseries.csv row (default 60s)");
  cmd->add_flag("!--no-trace", args->trace,
                "With --out, write summary.json and timeseries.csv but no trace.jsonl or access.log");
  cmd->add_flag("--gzip", args->gzip,
                "With --out, write trace.jsonl.gz and access.log.gz (compressed off the "
                "simulation's thread)");
  cmd->add_flag("--json", args->json, "Print the summary as JSON instead of the table");
  cmd->callback([args, &status] { status = runScenario(*args); });
}

}  // namespace cdnsim::tools
