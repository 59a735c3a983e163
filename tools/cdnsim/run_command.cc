// `cdnsim run SCENARIO.yaml`: simulate a scenario on its topology, print the summary table and
// write the outputs (summary.json, timeseries.csv, trace.jsonl, access.log) into --out, all or
// none of them (io/output_set.h).

#include <fmt/format.h>

#include <climits>
#include <iostream>
#include <iterator>
#include <vector>
#include <tuple>

#include "core/config/config_error.h"
#include "core/config/units.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "io/atomic_file.h"
#include "io/cleanup_registry.h"
#include "io/output_set.h"
#include "sim/metrics/time_series.h"
#include "sim/output/exchange_writer.h"
#include "sim/report/summary_format.h"
#include "sim/run/tiered_simulation.h"
#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

namespace {

struct RunArguments {
  std::string scenario;
  std::string topology;  // overrides the scenario's
  std::optional<std::string> seed;      // overrides the scenario's; checked by parseIntegerOption
  std::optional<std::string> requests;  // likewise
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

// Every file `run --out` may write, summary.json first: an earlier run's are removed in this order
// before the new set is renamed in (io/output_set.h).
constexpr const char* kOutputNames[] = {"summary.json", "timeseries.csv", "trace.jsonl",
                                        "trace.jsonl.gz", "access.log", "access.log.gz"};

// Per entry of the topology's realtime_log_configs: its output file, realtime-<name>.log[.gz], or
// "" when no behaviour uses it.
std::vector<std::string> realtimeLogNames(const core::config::TopologyConfig& topology, bool gzip) {
  std::vector<std::string> names(topology.realtimeLogConfigs.size());
  for (const auto& b : topology.behaviors) {
    if (!b.realtimeLogConfig) continue;
    names[*b.realtimeLogConfig] =
        "realtime-" + topology.realtimeLogConfigs[*b.realtimeLogConfig].name + ".log" + (gzip ? ".gz" : "");
  }
  return names;
}

// A path the user got wrong (not a directory, permission denied) is bad input; anything else
// (disk full, I/O error) is a failure of the run.
int outputFailure(const io::IoStatus& status) {
  std::cerr << "cdnsim run: " << status.message() << "\n";
  return status.isPathProblem() ? kExitBadInput : kExitFailure;
}

int runScenario(const RunArguments& args) {
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> requests;
  for (auto [option, text, min, max, target] :
       {std::tuple{"--seed", &args.seed, std::uint64_t{0}, kMaxSeed, &seed},
        std::tuple{"--requests", &args.requests, std::uint64_t{1}, kMaxRequests, &requests}}) {
    if (!*text) continue;
    const IntegerOption parsed = parseIntegerOption(option, **text, min, max);
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
    if (args.topology.empty()) {
      // A missing or unreadable topology is reported at the scenario's `topology:` line.
      topology = core::config::loadScenarioTopology(scenario);
    } else {
      scenario.topologyPath = args.topology;
      topology = core::config::loadTopology(scenario.topologyPath);
    }
  } catch (const core::config::ConfigError& e) {
    std::cerr << "cdnsim run: " << e.what() << "\n";
    return kExitBadInput;
  }
  if (seed) scenario.seed = *seed;
  if (requests) scenario.requests = *requests;

  // timeseries.csv is built in memory: refuse an interval that would give more than
  // kMaxTimeSeriesRows rows. The run's length is estimated as requests / total request rate, the
  // mean length of the Poisson arrivals (it varies by about 1/sqrt(requests)).
  double rate = 0;
  for (const auto& client : scenario.clients) rate += client.requestsPerSecond;
  const double expectedSeconds = rate > 0 ? static_cast<double>(scenario.requests) / rate : 0.0;
  const std::size_t series = topology.pops.size() + 2;  // edge, each POP, origin (sim/run/tiered_simulation.cc)
  if (const double rows = sim::estimateTimeSeriesRows(expectedSeconds, *interval, series);
      rows > static_cast<double>(sim::kMaxTimeSeriesRows)) {
    std::cerr << fmt::format(
        "cdnsim run: --interval {} would give about {:.0f} rows of timeseries.csv ({:.0f} s expected, {} series); "
        "the most is {}: use --interval {:.0f}us or wider\n",
        args.interval, rows, expectedSeconds, series, sim::kMaxTimeSeriesRows,
        sim::narrowestTimeSeriesInterval(expectedSeconds, series, sim::kMaxTimeSeriesRows));
    return kExitBadInput;
  }

  // The outputs are checked before the run: a wrong --out costs no simulation time.
  std::optional<io::OutputSet> outputs;
  if (!args.out.empty()) {
    io::installCleanupOnSignals();  // Ctrl-C removes the temporaries (io/cleanup_registry.h)
    std::vector<std::string> names(std::begin(kOutputNames), std::end(kOutputNames));
    for (const auto& name : realtimeLogNames(topology, args.gzip)) names.push_back(name);
    outputs.emplace(args.out, names,
                    std::vector<io::OutputNamePattern>{{"realtime-", ".log"}, {"realtime-", ".log.gz"}});
    if (auto s = outputs->status(); !s.ok()) return outputFailure(s);
  }

  sim::TieredSimulation simulation(scenario, topology, *interval);
  std::optional<sim::ExchangeWriter> writer;
  // Without trace files nothing needs rendering: no observer, so --no-trace saves that time too.
  if (outputs) {
    const std::string gz = args.gzip ? ".gz" : "";
    sim::ExchangeWriterOptions options;
    if (!args.noTrace) {
      options.tracePath = outputs->stagedPath("trace.jsonl" + gz);
      options.accessLogPath = outputs->stagedPath("access.log" + gz);
    }
    // Real-time logs follow the topology (--no-trace leaves them): one file per configuration
    // that a behaviour uses.
    const auto realtimeNames = realtimeLogNames(topology, args.gzip);
    options.realtimeLogPaths.resize(topology.realtimeLogConfigs.size());
    for (std::size_t c = 0; c < topology.realtimeLogConfigs.size(); ++c) {
      if (!realtimeNames[c].empty()) options.realtimeLogPaths[c] = outputs->stagedPath(realtimeNames[c]);
    }
    options.gzip = args.gzip;
    writer.emplace(simulation, options);
  }
  // Every tally is the same with or without an observer; one is only needed to write exchanges.
  simulation.run(writer && writer->writesExchanges() ? &*writer : nullptr);

  const auto& summary = simulation.summary();
  if (outputs) {
    // Every file is complete in the staging folder before any is published (io/output_set.h);
    // summary.json is staged last, so it is the last to appear.
    auto status = writer ? writer->commit() : io::IoStatus::success();
    writer.reset();
    if (status.ok()) {
      std::string csv;
      simulation.timeSeries().appendCsv(csv);
      status = io::writeFileAtomically(outputs->stagedPath("timeseries.csv"), csv);
    }
    if (status.ok()) {
      status = io::writeFileAtomically(outputs->stagedPath("summary.json"), sim::formatSummaryJson(summary));
    }
    if (status.ok()) status = outputs->commit();
    if (!status.ok()) return outputFailure(status);
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
                  "with the emitted headers), access.log (CloudFront standard log format) and "
                  "realtime-<name>.log per real-time log configuration a behaviour uses, published all "
                  "together or not at all; an earlier run's outputs there are removed (README: Exit statuses)");
  cmd->add_option("--interval", args->interval,
                  "Width of one timeseries.csv row (default 60s); at least 1us, and wide enough for at "
                  "most 1000000 rows (intervals x series) over the run's expected length");
  cmd->add_flag("--no-trace", args->noTrace,
                "With --out, write no trace.jsonl or access.log, and no per-request rendering for them "
                "(faster); real-time logs the topology configures are still written. Without --out it "
                "changes nothing");
  cmd->add_flag("--gzip", args->gzip,
                "With --out, write trace.jsonl.gz, access.log.gz and realtime-<name>.log.gz "
                "(compressed off the simulation's thread)");
  cmd->add_flag("--json", args->json, "Print the summary as JSON instead of the table");
  cmd->callback([args, &status] { status = runScenario(*args); });
}

}  // namespace cdnsim::tools
