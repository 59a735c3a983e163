#pragma once
// Reading the lines of a run's trace.jsonl in end-to-end tests.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace cdnsim::testing {

// The value of a response header in one trace line ("headers" is a list of [name, value] pairs),
// or "" when the line has no such header.
inline std::string header(const nlohmann::json& line, std::string_view name) {
  for (const auto& pair : line["headers"]) {
    if (pair[0].get<std::string>() == name) return pair[1].get<std::string>();
  }
  return {};
}

}  // namespace cdnsim::testing
