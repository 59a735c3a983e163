#pragma once
// "did you mean 'policy'?" for a misspelt key or name: the closest candidate by edit distance.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdnsim::core::config {

// Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of one
// substring): insertions, deletions, substitutions and swaps of two neighbours cost 1 each.
// Cost O(|a| * |b|) time and O(|b|) memory.
std::size_t editDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a likely typo: at most 2 edits,
// or at most a quarter of the word's length for long words (a third would offer us-east-1 for
// us-west-9, three edits away, which reads as a different Region rather than a typo). Ties go to the earliest candidate;
// nullopt when none is close or `word` is itself a candidate.
std::optional<std::string_view> closestName(std::string_view word,
                                            const std::vector<std::string_view>& candidates);

// "did you mean 'x'? " (closestName among `names`) for a reference that names nothing, or "".
std::string didYouMean(std::string_view name, const std::vector<std::string>& names);

}  // namespace cdnsim::core::config
