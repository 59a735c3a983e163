#pragma once
// Subcommand registration. Each tools/cdnsim/<name>_command.cc defines one registration function
// and lists it in commands.cc; the function adds its CLI11 subcommand and sets `status` when run.
#include <CLI/CLI.hpp>
#include <vector>

namespace cdnsim::tools {

using CommandRegistration = void (*)(CLI::App& app, int& status);

const std::vector<CommandRegistration>& commandRegistry();

// One per subcommand, defined in tools/cdnsim/<name>_command.cc.
void registerRunCommand(CLI::App& app, int& status);
void registerValidateCommand(CLI::App& app, int& status);
void registerCachesimCommand(CLI::App& app, int& status);

// Exit statuses shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

}  // namespace cdnsim::tools
