#include "core/routing/path_pattern.h"

namespace cdnsim::core::routing {

bool matchesPathPattern(std::string_view pattern, std::string_view path) {
  // "images/*" and "/images/*" mean the same thing.
  if (!pattern.empty() && pattern.front() != '/' && pattern.front() != '*' && !path.empty() &&
      path.front() == '/') {
    path.remove_prefix(1);
  }
  // Iterative wildcard matching with one backtrack point: O(|pattern| × |path|) worst case.
  std::size_t p = 0, s = 0;
  std::size_t starP = std::string_view::npos, starS = 0;
  while (s < path.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == path[s])) {
      ++p;
      ++s;
    } else if (p < pattern.size() && pattern[p] == '*') {
      starP = p++;
      starS = s;
    } else if (starP != std::string_view::npos) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace cdnsim::core::routing
