#pragma once
// The options run, compare and sweep share: the scenario, --seed, --requests and --set overrides
// (core/config/overrides.h), read as text by CLI11 and checked here, before any work.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config/overrides.h"
#include "core/config/scenario_source.h"

namespace cdnsim::tools {

struct ScenarioOptionsText {
  std::optional<std::string> seed;      // overrides the scenario's
  std::optional<std::string> requests;  // likewise
  std::vector<std::string> sets;        // --set PATH=VALUE, in order
};

// The same, checked.
struct ScenarioOptions {
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> requests;
  std::vector<core::config::Override> overrides;
};

// Adds --seed, --requests and --set to `cmd`.
void addScenarioOptions(CLI::App& cmd, ScenarioOptionsText& options);

// Checks the options: the ranges of the YAML keys they override, each --set's path and value
// syntax. Returns the one-line message of the first mistake instead, without the command's name.
std::optional<ScenarioOptions> checkScenarioOptions(const ScenarioOptionsText& text,
                                                    std::string& error);

// The options as given, for titles and sweep definitions: "--requests 20000", "--seed 5",
// "--set PATH=VALUE"..., in that order.
std::vector<std::string> optionTexts(const ScenarioOptionsText& options);

// Adds -j/--jobs: simulations run at once (default: the hardware threads).
void addJobsOption(CLI::App& cmd, std::optional<std::string>& jobs);
// The number of threads, or nullopt and a message naming --jobs.
std::optional<unsigned> checkJobs(const std::optional<std::string>& jobs, std::string& error);

// Loads the scenario with, in this order (a later one wins where two write one key): --seed and
// --requests, the --set overrides, then `extra` (a variant's, a grid point's). Throws ConfigError.
core::config::LoadedScenario loadWithOptions(core::config::ScenarioSource& source,
                                             const ScenarioOptions& options,
                                             const std::vector<core::config::Override>& extra = {});

}  // namespace cdnsim::tools
