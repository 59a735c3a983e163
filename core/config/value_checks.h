#pragma once
// Checks of values a scenario writes that several of its readers share: shares that must add up to
// 1, and text that must not hold characters that would split or end it where it is sent.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

// Refuses shares that do not add up to 1 (within rounding of a few decimals), naming each term.
void requireSharesSumToOne(const YamlNode& at, std::string_view what,
                           const std::vector<std::pair<std::string, double>>& shares);

// Refuses `text` when it holds a control character or one of `forbidden`.
void refuseCharacters(const YamlNode& at, std::string_view what, std::string_view text,
                      std::string_view forbidden);

}  // namespace cdnsim::core::config
