// `cdnsim run SCENARIO.yaml`: simulate a scenario on its topology, print the summary table and
// write the outputs (summary.json, trace.jsonl, access.log) into --out.

#include <fmt/format.h>

#include <climits>
#include <iostream>
#include <tuple>

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
  std::string seed;      // overrides the scenario's; checked by parseIntegerOption
  std::string requests;  // likewise
  std::string out;
  bool noTrace = false;
  bool gzip = false;
  std::string interval = "60s";
  bool json = false;
};

// The ranges of the scenario keys the options override (core/config/scenario_loader.cc), so a
// value refused in YAML is refused on the command line too.
constexpr std::uint64_t kMaxSeed = INT64_MAX;      // `seed:` 0 .. 2^63-1
constexpr std::uint64_t kMaxRequests = 1ULL << 40;  // `requests:` 1 .. 2^40

int runScenario(const RunArguments& args) {
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> requests;
  for (auto [option, text, min, max, target] :
       {std::tuple{"--seed", &args.seed, std::uint64_t{0}, kMaxSeed, &seed},
        std::tuple{"--requests", &args.requests, std::uint64_t{1}, kMaxRequests, &requests}}) {
    if (text->empty()) continue;
    const IntegerOption parsed = parseIntegerOption(option, *text, min, max);
    if (!parsed.value) {
      std::cerr << "cdnsim run: " << parsed.error << "\n";
      return kExitBadInput;
    }
    *target = parsed.value;
  }
  const auto interval = core::config::parseDuration(args.interval);
  if (!interval || *interval <= core::Duration::zero()) {
    std::cerr << "cdnsim run: --interval must be a positive duration (at least 1us) such as 10s or 1m, got '"
              << args.interval << "'\n";
    return kExitBadInput;
  }

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
  if (seed) scenario.seed = *seed;
  if (requests) scenario.requests = *requests;

  sim::TieredSimulation simulation(scenario, topology, *interval);
  std::optional<sim::ExchangeWriter> writer;
  if (!args.out.empty()) {
    if (auto s = io::ensureDirectory(args.out); !s.ok()) {
      std::cerr << "cdnsim run: " << s.message() << "\n";
      return kExitFailure;
    }
    sim::ExchangeWriterOptions options;
    if (!args.noTrace) {
      const std::string gz = args.gzip ? ".gz" : "";
      options.tracePath = std::filesystem::path(args.out) / ("trace.jsonl" + gz);
      options.accessLogPath = std::filesystem::path(args.out) / ("access.log" + gz);
      options.gzip = args.gzip;
    }
    // Without trace files nothing needs rendering: no observer, so --no-trace saves that time too.
    if (!args.noTrace) writer.emplace(simulation, options);
  }
  simulation.run(writer ? &*writer : nullptr);

  const auto& summary = simulation.summary();
  if (!args.out.empty()) {
    auto status = writer ? writer->commit() : io::IoStatus::success();
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
  cmd->add_option("--seed", args->seed, "Seed, instead of the scenario's (0 to 2^63-1)")->type_name("N");
  cmd->add_option("--requests", args->requests,
                  "Number of viewer requests, instead of the scenario's (1 to 2^40)")
      ->type_name("N");
  cmd->add_option("--out", args->out,
                  "Output folder: summary.json, timeseries.csv, trace.jsonl (one line per request "
                  "with the emitted headers) and access.log (CloudFront standard log format)");
  cmd->add_option("--interval", args->interval, "Width of one timeseries.csv row (default 60s)");
  cmd->add_flag("--no-trace", args->noTrace,
                "With --out, write only summary.json and timeseries.csv: no trace.jsonl or access.log, "
                "and no per-request rendering (faster). Without --out it changes nothing");
  cmd->add_flag("--gzip", args->gzip,
                "With --out, write trace.jsonl.gz and access.log.gz (compressed off the "
                "simulation's thread)");
  cmd->add_flag("--json", args->json, "Print the summary as JSON instead of the table");
  cmd->callback([args, &status] { status = runScenario(*args); });
}

}  // namespace cdnsim::tools
