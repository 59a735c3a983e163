// `cdnsim cachesim`: replays a trace through one cache per (policy, size) pair and prints miss
// ratio and byte miss ratio for each (issue items 3-5), like libCacheSim's `cachesim`. This file is
// only the command line: parsing, checking, printing; the work is in sim/cachesim/.

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/store/policy_registry.h"
#include "sim/cachesim/cachesim_report.h"
#include "sim/cachesim/cachesim_run.h"
#include "sim/trace/trace_reader.h"
#include "core/config/units.h"
#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

namespace {

namespace cachesim = sim::cachesim;
namespace trace = sim::trace;

struct CachesimOptions {
  std::string tracePath;
  std::string format;
  std::string delimiter{","};
  std::vector<std::string> policies;
  std::vector<std::string> sizes;
  bool ignoreObjectSize{false};
  bool json{false};
  bool skipBadLines{false};
  std::optional<std::string> warmup;  // checked by parseIntegerOption
  std::optional<std::string> jobs;
  std::string admitMaxSize;               // size-threshold admission, e.g. "1MiB"
  std::optional<double> admitProbability;  // probabilistic admission, in (0, 1]
};

int fail(const std::string& message) {
  std::fprintf(stderr, "cdnsim cachesim: %s\n", message.c_str());
  return kExitBadInput;
}

std::string knownPolicies() {
  std::string out;
  for (const auto& info : core::store::policyCatalogue())
    out += (out.empty() ? "" : ", ") + std::string(info.name);
  return out;
}

// --warmup counts trace requests (a trace may hold billions); --jobs is threads.
constexpr std::uint64_t kMaxWarmup = INT64_MAX;
constexpr std::uint64_t kMaxJobs = 1024;

// Turns the command line into a run configuration; returns an error message or empty.
std::string buildConfig(const CachesimOptions& o, cachesim::CachesimConfig& config) {
  config.tracePath = o.tracePath;
  if (o.format.empty()) {
    auto guessed = trace::guessTraceFormat(o.tracePath);
    if (!guessed)
      return fmt::format(
          "cannot tell the format of '{}' from its name: give --format "
          "csv|txt|oracleGeneral|cloudfront",
          o.tracePath);
    config.reader.format = *guessed;
  } else {
    auto parsed = trace::parseTraceFormat(o.format);
    if (!parsed)
      return fmt::format("unknown format '{}' (use csv, txt, oracleGeneral or cloudfront)",
                         o.format);
    config.reader.format = *parsed;
  }
  if (o.delimiter == "\\t" || o.delimiter == "tab")
    config.reader.delimiter = '\t';
  else if (o.delimiter.size() == 1)
    config.reader.delimiter = o.delimiter[0];
  else
    return fmt::format("--delimiter must be one character (or 'tab'), not '{}'", o.delimiter);
  config.reader.skipBadLines = o.skipBadLines;

  for (const std::string& p : o.policies) {
    bool known = false;
    for (const auto& info : core::store::policyCatalogue())
      known = known || std::equal(info.name.begin(), info.name.end(), p.begin(), p.end(),
                                  [](char a, char b) {
                                    return std::tolower(static_cast<unsigned char>(a)) ==
                                           std::tolower(static_cast<unsigned char>(b));
                                  });
    if (!known) return fmt::format("unknown policy '{}' (known: {})", p, knownPolicies());
    config.policies.push_back(p);
  }
  for (const std::string& s : o.sizes) {
    auto parsed = cachesim::parseCacheSize(s);
    if (!parsed.size) return parsed.error;
    config.sizes.push_back(*parsed.size);
  }
  config.ignoreObjectSize = o.ignoreObjectSize;
  config.warmupRequests = 0;
  if (o.warmup) {
    const IntegerOption warmup = parseIntegerOption("--warmup", *o.warmup, 0, kMaxWarmup);
    if (!warmup.value) return warmup.error;
    config.warmupRequests = *warmup.value;
  }
  config.jobs = std::max(1U, std::thread::hardware_concurrency());
  if (o.jobs) {
    const IntegerOption jobs = parseIntegerOption("--jobs", *o.jobs, 1, kMaxJobs);
    if (!jobs.value) return jobs.error;
    config.jobs = static_cast<unsigned>(*jobs.value);
  }
  return config.validate();
}

// The admission filters asked for, or an error message.
std::string buildAdmission(const CachesimOptions& o, core::store::AdmissionConfig& admission) {
  if (!o.admitMaxSize.empty()) {
    admission.maxObjectSize = core::config::parseByteSize(o.admitMaxSize);
    if (!admission.maxObjectSize || *admission.maxObjectSize == 0) {
      return fmt::format("--admit-max-size must be a size such as 512KiB or 1MiB, not '{}'",
                         o.admitMaxSize);
    }
  }
  if (o.admitProbability) {
    if (!(*o.admitProbability > 0.0 && *o.admitProbability <= 1.0)) {
      return fmt::format("--admit-probability must be in (0, 1], not {}", *o.admitProbability);
    }
    admission.probability = o.admitProbability;
  }
  return {};
}

// One line per policy with its parameters, for --help.
std::string policyHelp() {
  std::string out = "Policies (parameters are the published defaults):\n";
  for (const auto& info : core::store::policyCatalogue()) {
    out += fmt::format("  {:<10} {}\n", info.name, info.summary);
  }
  return out;
}

int runCommand(const CachesimOptions& options) {
  cachesim::CachesimConfig config;
  if (std::string error = buildConfig(options, config); !error.empty()) return fail(error);
  core::store::AdmissionConfig admission;
  if (std::string error = buildAdmission(options, admission); !error.empty()) return fail(error);

  // Progress only for a person watching (stderr is a terminal), on one line rewritten in place.
  cachesim::ProgressCallback progress;
  bool progressLineOpen = false;
  if (::isatty(STDERR_FILENO) != 0) {
    progress = [&progressLineOpen](std::size_t done, std::size_t total) {
      std::fprintf(stderr, "\rcachesim: %zu/%zu runs done%s", done, total,
                   done == total ? "\n" : "");
      progressLineOpen = done != total;
    };
  }
  auto makeCache = [&admission](std::string_view policy, std::uint64_t capacity) {
    return core::store::makePolicy(policy, capacity, admission);
  };
  const cachesim::CachesimReport report = cachesim::runCachesim(config, makeCache, progress);
  if (report.error.rfind("out of memory", 0) == 0) {  // a worker's std::bad_alloc: not bad input
    std::fprintf(stderr, "%scdnsim cachesim: %s\n", progressLineOpen ? "\n" : "", report.error.c_str());
    return kExitFailure;
  }
  if (!report.error.empty()) {
    // Trace errors already read `file:line: message`.
    std::fprintf(stderr, "%s%s\n", progressLineOpen ? "\n" : "", report.error.c_str());
    return kExitBadInput;
  }
  const std::string out =
      options.json ? cachesim::formatJson(config, report) : cachesim::formatTable(config, report);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void registerCachesimCommand(CLI::App& app, int& status) {
  auto options = std::make_shared<CachesimOptions>();
  CLI::App* cmd = app.add_subcommand(
      "cachesim", "Replay a trace through one cache per policy and size; print miss ratios");
  cmd->add_option("--trace", options->tracePath, "Trace file (plain or gzip)")->required();
  cmd->add_option("--format", options->format,
                  "csv | txt | oracleGeneral | cloudfront (default: guessed from the file name)");
  cmd->add_option("--policy", options->policies, "Eviction policies, comma-separated")
      ->required()
      ->delimiter(',');
  cmd->add_option("--size", options->sizes,
                  "Cache sizes, comma-separated: bytes with a unit (64MiB, 4GiB, 10GB), an object "
                  "count with --ignore-obj-size, or a fraction of the working set (1%, 0.5%)")
      ->required()
      ->delimiter(',');
  cmd->add_flag("--ignore-obj-size", options->ignoreObjectSize,
                "Every object counts 1; sizes and the working set are object counts");
  cmd->add_flag("--json", options->json, "Print a JSON document instead of the table");
  cmd->add_flag("--skip-bad-lines", options->skipBadLines, "Count and skip malformed trace lines");
  cmd->add_option("--warmup", options->warmup,
                  "Requests replayed before counting starts (0 to 2^63-1, default 0)")
      ->type_name("N");
  cmd->add_option("--jobs,-j", options->jobs,
                  "Replays run in parallel (1 to 1024, default: the number of cores)")
      ->type_name("N");
  cmd->add_option("--delimiter", options->delimiter,
                  "CSV field delimiter (default ','; 'tab' for a tab)");
  cmd->add_option("--admit-max-size", options->admitMaxSize,
                  "Size-threshold admission in front of every policy: larger objects are not cached");
  cmd->add_option("--admit-probability", options->admitProbability,
                  "Probabilistic admission in front of every policy: a miss is cached with this "
                  "probability (fixed seed)");
  cmd->footer(policyHelp());
  cmd->callback([options, &status] { status = runCommand(*options); });
}

}  // namespace cdnsim::tools
