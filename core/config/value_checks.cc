#include "core/config/value_checks.h"

#include <fmt/format.h>

#include <cmath>

namespace cdnsim::core::config {

namespace {

// Shares are written with a few decimals; this much rounding is forgiven.
constexpr double kShareTolerance = 1e-6;

}  // namespace

void requireSharesSumToOne(const YamlNode& at, std::string_view what,
                           const std::vector<std::pair<std::string, double>>& shares) {
  double sum = 0;
  std::string terms;
  for (const auto& [name, share] : shares) {
    sum += share;
    if (!terms.empty()) terms += " + ";
    terms += fmt::format("{} {}", name, share);
  }
  if (std::abs(sum - 1.0) > kShareTolerance) {
    at.fail(fmt::format("the shares of {} sum to {:.6g} ({}); expected them to sum to 1", what, sum,
                        terms));
  }
}

// Characters a name or value may not hold where it is sent: they would split it or end it.
void refuseCharacters(const YamlNode& at, std::string_view what, std::string_view text,
                      std::string_view forbidden) {
  for (const char c : text) {
    const bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    if (control || forbidden.find(c) != std::string_view::npos) {
      at.fail(fmt::format("{} '{}' holds {}; expected none of {}", what, text,
                          control ? "a control character" : fmt::format("'{}'", c),
                          control ? "the control characters" : fmt::format("\"{}\"", forbidden)));
    }
  }
}

}  // namespace cdnsim::core::config
