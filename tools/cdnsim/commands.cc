#include "tools/cdnsim/commands.h"

#include <fmt/format.h>

#include <charconv>

namespace cdnsim::tools {

const std::vector<CommandRegistration>& commandRegistry() {
  static const std::vector<CommandRegistration> registry = {
      &registerRunCommand,
      &registerValidateCommand,
      &registerCachesimCommand,
      &registerServeCommand,
      &registerCompareCommand,
      &registerSweepCommand,
  };
  return registry;
}

IntegerOption parseIntegerOption(std::string_view option, std::string_view text, std::uint64_t min,
                                 std::uint64_t max) {
  std::uint64_t value = 0;
  // from_chars takes digits only: no sign, no spaces, no "1e6"; it reports overflow.
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return {std::nullopt, fmt::format("{} must be an integer from {} to {}, got '{}'", option, min, max, text)};
  }
  return {value, {}};
}

}  // namespace cdnsim::tools
