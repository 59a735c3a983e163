#pragma once
// Subcommand registration. Each tools/cdnsim/<name>_command.cc defines one registration function
// and lists it in commands.cc; the function adds its CLI11 subcommand and sets `status` when run.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdnsim::tools {

using CommandRegistration = void (*)(CLI::App& app, int& status);

const std::vector<CommandRegistration>& commandRegistry();

// One per subcommand, defined in tools/cdnsim/<name>_command.cc.
void registerRunCommand(CLI::App& app, int& status);
void registerValidateCommand(CLI::App& app, int& status);
void registerCachesimCommand(CLI::App& app, int& status);
void registerServeCommand(CLI::App& app, int& status);
void registerCompareCommand(CLI::App& app, int& status);
void registerSweepCommand(CLI::App& app, int& status);

// Exit statuses shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// A whole decimal integer option within [min, max], or a one-line message naming the option and
// the accepted range. Numeric options are read as text and checked here because CLI11 converts
// "-5" to an unsigned integer by wrapping it (to 18446744073709551611).
struct IntegerOption {
  std::optional<std::uint64_t> value;  // set when the text is valid
  std::string error;                   // "--requests must be an integer from 1 to 1099511627776, got '-5'"
};
IntegerOption parseIntegerOption(std::string_view option, std::string_view text, std::uint64_t min,
                                 std::uint64_t max);

}  // namespace cdnsim::tools
