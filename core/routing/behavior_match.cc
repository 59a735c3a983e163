#include "core/routing/behavior_match.h"

#include <cassert>

#include "core/routing/path_pattern.h"

namespace cdnsim::core::routing {

namespace {

// One loop for both containers; `patternOf` maps an element to its pattern.
template <typename Range, typename PatternOf>
std::size_t firstMatch(const Range& items, std::string_view path, PatternOf patternOf) {
  assert(!items.empty());
  const std::size_t last = items.size() - 1;
  // The last behaviour is the default: it is chosen whether or not its pattern matches.
  for (std::size_t i = 0; i < last; ++i) {
    if (matchesPathPattern(patternOf(items[i]), path)) return i;
  }
  return last;
}

}  // namespace

std::size_t matchBehavior(std::span<const std::string_view> pathPatterns, std::string_view path) {
  return firstMatch(pathPatterns, path, [](std::string_view p) { return p; });
}

std::size_t matchBehavior(const std::vector<config::BehaviorConfig>& behaviors, std::string_view path) {
  return firstMatch(behaviors, path,
                    [](const config::BehaviorConfig& b) { return std::string_view(b.pathPattern); });
}

}  // namespace cdnsim::core::routing
