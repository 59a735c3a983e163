#include "tools/cdnsim/scenario_options.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <thread>
#include <tuple>

#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

namespace {

// The ranges of the scenario keys the options override (core/config/scenario_loader.cc), so a
// value refused in YAML is refused on the command line too.
constexpr std::uint64_t kMaxSeed = INT64_MAX;       // `seed:` 0 .. 2^63-1
constexpr std::uint64_t kMaxRequests = 1ULL << 40;  // `requests:` 1 .. 2^40

constexpr std::uint64_t kMaxJobs = 1024;

}  // namespace

std::vector<std::string> optionTexts(const ScenarioOptionsText& options) {
  std::vector<std::string> out;
  if (options.requests) out.push_back("--requests " + *options.requests);
  if (options.seed) out.push_back("--seed " + *options.seed);
  for (const auto& s : options.sets) out.push_back("--set " + s);
  return out;
}

void addJobsOption(CLI::App& cmd, std::optional<std::string>& jobs) {
  cmd.add_option("-j,--jobs", jobs,
                 "Simulations run at once, one per thread (default: the hardware threads); results "
                 "are the same whatever the number")
      ->type_name("N");
}

std::optional<unsigned> checkJobs(const std::optional<std::string>& jobs, std::string& error) {
  if (!jobs) return std::max(1U, std::thread::hardware_concurrency());
  const IntegerOption parsed = parseIntegerOption("--jobs", *jobs, 1, kMaxJobs);
  if (!parsed.value) {
    error = parsed.error;
    return std::nullopt;
  }
  return static_cast<unsigned>(*parsed.value);
}

void addScenarioOptions(CLI::App& cmd, ScenarioOptionsText& options) {
  cmd.add_option("--seed", options.seed, "Seed, instead of the scenario's (0 to 2^63-1)")
      ->type_name("N");
  cmd.add_option("--requests", options.requests,
                 "Number of viewer requests, instead of the scenario's (1 to 2^40)")
      ->type_name("N");
  cmd.add_option("--set", options.sets,
                 "Change a scenario or topology value by its YAML path, checked like the file: "
                 "pops[*].cache.capacity=4GiB, behaviors[0].cache_policy=CachingDisabled, "
                 "requests=20000, topology.name=x (repeatable; README: Overrides)")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);  // one PATH=VALUE per --set: `--set a=1 SCENARIO` keeps SCENARIO
}

std::optional<ScenarioOptions> checkScenarioOptions(const ScenarioOptionsText& text,
                                                    std::string& error) {
  ScenarioOptions options;
  for (auto [option, value, min, max, target] :
       {std::tuple{"--seed", &text.seed, std::uint64_t{0}, kMaxSeed, &options.seed},
        std::tuple{"--requests", &text.requests, std::uint64_t{1}, kMaxRequests,
                   &options.requests}}) {
    if (!*value) continue;
    const IntegerOption parsed = parseIntegerOption(option, **value, min, max);
    if (!parsed.value) {
      error = parsed.error;
      return std::nullopt;
    }
    *target = parsed.value;
  }
  try {
    for (const auto& s : text.sets)
      options.overrides.push_back(core::config::parseOverride(s, "--set"));
  } catch (const core::config::ConfigError& e) {
    error = e.what();
    return std::nullopt;
  }
  return options;
}

core::config::LoadedScenario loadWithOptions(core::config::ScenarioSource& source,
                                             const ScenarioOptions& options,
                                             const std::vector<core::config::Override>& extra) {
  // --seed and --requests are overrides of their keys, applied first: a --set, --variant or
  // --grid of the same key wins over them.
  std::vector<core::config::Override> overrides;
  if (options.seed)
    overrides.push_back(
        core::config::parseOverride(fmt::format("seed={}", *options.seed), "--seed"));
  if (options.requests) {
    overrides.push_back(
        core::config::parseOverride(fmt::format("requests={}", *options.requests), "--requests"));
  }
  overrides.insert(overrides.end(), options.overrides.begin(), options.overrides.end());
  overrides.insert(overrides.end(), extra.begin(), extra.end());
  return source.load(overrides);
}

}  // namespace cdnsim::tools
