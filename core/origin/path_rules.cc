#include "core/origin/path_rules.h"

namespace cdnsim::core::origin {

std::optional<std::size_t> matchPathRule(std::span<const PathRule> rules, std::string_view path) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (path.substr(0, rules[i].prefix.size()) == rules[i].prefix) return i;
  }
  return std::nullopt;
}

}  // namespace cdnsim::core::origin
