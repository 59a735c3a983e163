// `cdnsim run SCENARIO.yaml`: simulate a scenario on its topology, print the summary table and
// write the outputs (summary.json, timeseries.csv, trace.jsonl, access.log, report.html) into
// --out, all or none of them (io/output_set.h); with --expect, check them against an expected file
// (tools/cdnsim/run_expectation.h).

#include <fmt/format.h>

#include <climits>
#include <filesystem>
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
#include "sim/report/html_report.h"
#include "sim/report/summary_format.h"
#include "sim/run/tiered_simulation.h"
#include "tools/cdnsim/commands.h"
#include "tools/cdnsim/progress_meter.h"
#include "tools/cdnsim/scenario_options.h"
#include "tools/cdnsim/run_expectation.h"

namespace cdnsim::tools {

namespace {

struct RunArguments {
  std::string scenario;
  std::string topology;  // overrides the scenario's
  ScenarioOptionsText options;  // --seed, --requests, --set
  std::string out;
  bool noTrace = false;
  bool gzip = false;
  std::string interval = "60s";
  bool json = false;
  std::string expect;  // expected-outputs file
  bool bless = false;  // write or update it instead of checking
};

// Every file `run --out` may write, summary.json first: an earlier run's are removed in this order
// before the new set is renamed in (io/output_set.h).
constexpr const char* kOutputNames[] = {"summary.json", "timeseries.csv", "trace.jsonl",
                                        "trace.jsonl.gz", "access.log", "access.log.gz", "report.html"};

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

int runSimulation(const RunArguments& args, const core::config::ScenarioConfig& scenario,
                  const core::config::TopologyConfig& topology, core::Duration interval,
                  std::optional<io::OutputSet>& outputs, std::optional<RunExpectation>& expectation);

int runScenario(const RunArguments& args) {
  std::string error;
  const auto options = checkScenarioOptions(args.options, error);
  if (!options) {
    std::cerr << "cdnsim run: " << error << "\n";
    return kExitBadInput;
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
    // A missing or unreadable topology is reported at the scenario's `topology:` line.
    core::config::ScenarioSource source(args.scenario, args.topology);
    auto loaded = loadWithOptions(source, *options);
    scenario = std::move(loaded.scenario);
    topology = std::move(loaded.topology);
  } catch (const core::config::ConfigError& e) {
    std::cerr << "cdnsim run: " << e.what() << "\n";
    return kExitBadInput;
  }

  // timeseries.csv is built in memory: refuse an interval that would give more than
  // kMaxTimeSeriesRows rows. The run's length is estimated as requests / total request rate, the
  // mean length of the Poisson arrivals (it varies by about 1/sqrt(requests)).
  double rate = 0;
  for (const auto& client : scenario.clients) rate += client.requestsPerSecond;
  const double expectedSeconds = rate > 0 ? static_cast<double>(scenario.requests) / rate : 0.0;
  const std::size_t series = sim::timeSeriesNames(topology).size();
  // A replay's length is the log's, unknown before it is read.
  if (const double rows = sim::estimateTimeSeriesRows(expectedSeconds, *interval, series);
      !scenario.replay && rows > static_cast<double>(sim::kMaxTimeSeriesRows)) {
    std::cerr << fmt::format(
        "cdnsim run: --interval {} would give about {:.0f} rows of timeseries.csv ({:.0f} s expected, {} series); "
        "the most is {}: use --interval {:.0f}us or wider\n",
        args.interval, rows, expectedSeconds, series, sim::kMaxTimeSeriesRows,
        sim::narrowestTimeSeriesInterval(expectedSeconds, series, sim::kMaxTimeSeriesRows));
    return kExitBadInput;
  }

  // The expected file is read before the run: a broken one costs no simulation time.
  std::optional<RunExpectation> expectation;
  if (!args.expect.empty()) {
    expectation = RunExpectation::prepare(args.expect, args.bless, !args.out.empty() && !args.noTrace);
    if (!expectation) return kExitBadInput;
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

  // A replayed log is read while the run goes on: a file that cannot be opened, or a bad line
  // with `bad_lines: refuse`, is bad input found then (no outputs are published).
  try {
    return runSimulation(args, scenario, topology, *interval, outputs, expectation);
  } catch (const core::config::ConfigError& e) {
    std::cerr << "cdnsim run: " << e.what() << "\n";
    return kExitBadInput;
  }
}

int runSimulation(const RunArguments& args, const core::config::ScenarioConfig& scenario,
                  const core::config::TopologyConfig& topology, core::Duration interval,
                  std::optional<io::OutputSet>& outputs, std::optional<RunExpectation>& expectation) {
  sim::TieredSimulation simulation(scenario, topology, interval);
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
  {
    ProgressMeter meter("run", scenario.requests);  // on stderr, when it is a terminal
    ProgressTap tap(&meter);
    tap.attach(simulation);
    simulation.run(writer && writer->writesExchanges() ? &*writer : nullptr);
  }

  const auto& summary = simulation.summary();
  const std::string summaryJson = sim::formatSummaryJson(summary);
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
      // Chart.js is read from the system; without it the page still has its tables (html_report.h).
      const auto charts = sim::loadChartLibrary();
      if (!charts.available()) std::cerr << "cdnsim run: warning: report.html without charts: " << charts.problem << "\n";
      status = io::writeFileAtomically(outputs->stagedPath("report.html"),
                                       sim::renderRunReport(summary, simulation.timeSeries(), charts));
    }
    if (status.ok()) status = io::writeFileAtomically(outputs->stagedPath("summary.json"), summaryJson);
    if (status.ok()) status = outputs->commit();
    if (!status.ok()) return outputFailure(status);
  }
  std::cout << (args.json ? summaryJson : sim::formatSummaryTable(summary));
  if (!args.out.empty() && !args.json) std::cout << "\noutputs written to " << args.out << "/\n";
  if (expectation) {
    std::cout.flush();  // the table first, then the verdict on stderr
    std::optional<std::filesystem::path> trace;
    if (outputs && !args.noTrace) trace = outputs->dir() / (args.gzip ? "trace.jsonl.gz" : "trace.jsonl");
    return expectation->finish(summaryJson, trace);
  }
  return kExitOk;
}

}  // namespace

void registerRunCommand(CLI::App& app, int& status) {
  auto args = std::make_shared<RunArguments>();
  auto* cmd = app.add_subcommand("run", "Simulate a scenario and print its summary table");
  cmd->add_option("scenario", args->scenario, "Scenario YAML file (see scenarios/)")->required();
  cmd->add_option("--topology", args->topology, "Topology YAML file, instead of the scenario's");
  addScenarioOptions(*cmd, args->options);
  cmd->add_option("--out", args->out,
                  "Output folder: summary.json, timeseries.csv, trace.jsonl (one line per request "
                  "with the emitted headers), access.log (CloudFront standard log format), "
                  "realtime-<name>.log per real-time log configuration a behaviour uses, and report.html "
                  "(charts and tables, opens offline), published all together or not at all; an earlier "
                  "run's outputs there are removed (README: Exit statuses)");
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
  auto* expect = cmd->add_option(
      "--expect", args->expect,
      "Expected-outputs file (JSON: the whole summary, chosen metrics with tolerances, or the trace's "
      "SHA-256; README: Pinning outputs and the report): exit 1 with a table of what differs");
  expect->type_name("FILE");
  cmd->add_flag("--bless", args->bless,
                "With --expect: write FILE from this run (or update the values it pins, keeping its "
                "metrics and tolerances) and print what moved")
      ->needs(expect);
  cmd->callback([args, &status] { status = runScenario(*args); });
}

}  // namespace cdnsim::tools
