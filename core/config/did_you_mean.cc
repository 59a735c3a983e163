#include "core/config/did_you_mean.h"

#include <fmt/format.h>

#include <algorithm>

namespace cdnsim::core::config {

std::size_t editDistance(std::string_view a, std::string_view b) {
  // Three rows of the classic table: the previous two (for swaps) and the current one.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string_view> closestName(std::string_view word,
                                            const std::vector<std::string_view>& candidates) {
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 4);
  std::optional<std::string_view> best;
  std::size_t bestDistance = limit + 1;
  for (auto c : candidates) {
    const std::size_t d = editDistance(word, c);
    if (d == 0) return std::nullopt;
    // A 2-letter word is 2 edits from every other 2-letter word: require half of it to survive.
    if (d < bestDistance && d < std::max(word.size(), c.size())) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

std::string didYouMean(std::string_view name, const std::vector<std::string>& names) {
  const auto hint = closestName(name, std::vector<std::string_view>(names.begin(), names.end()));
  return hint ? fmt::format("did you mean '{}'? ", *hint) : std::string();
}

}  // namespace cdnsim::core::config
