#include "sim/report/summary_paths.h"

#include <charconv>

namespace cdnsim::sim {

namespace {

using Json = nlohmann::ordered_json;

void flatten(const Json& value, const std::string& path, std::vector<std::pair<std::string, Json>>& out) {
  if (value.is_object() && !value.empty()) {
    for (const auto& [key, child] : value.items()) {
      flatten(child, path.empty() ? key : path + "." + key, out);
    }
  } else if (value.is_array() && !value.empty()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const Json& child = value[i];
      const bool named = child.is_object() && child.contains("code") && child["code"].is_string();
      flatten(child, path + "[" + (named ? child["code"].get<std::string>() : std::to_string(i)) + "]", out);
    }
  } else {
    out.emplace_back(path, value);
  }
}

// The element of `array` that `selector` names: by "code" first, else by index.
const Json* pickElement(const Json& array, std::string_view selector) {
  for (const auto& element : array) {
    if (element.is_object()) {
      const auto code = element.find("code");
      if (code != element.end() && code->is_string() && code->get_ref<const std::string&>() == selector) {
        return &element;
      }
    }
  }
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(selector.data(), selector.data() + selector.size(), index);
  if (ec != std::errc() || end != selector.data() + selector.size() || index >= array.size()) return nullptr;
  return &array[index];
}

}  // namespace

std::vector<std::pair<std::string, Json>> flattenSummary(const Json& summary) {
  std::vector<std::pair<std::string, Json>> out;
  flatten(summary, "", out);
  return out;
}

const Json* findSummaryValue(const Json& summary, std::string_view path) {
  const Json* at = &summary;
  while (!path.empty()) {
    // One step: a key up to '.', '[' or the end, then any number of [selector]s.
    const std::size_t stop = path.find_first_of(".[");
    const std::string_view key = path.substr(0, stop);
    path = stop == std::string_view::npos ? std::string_view{} : path.substr(stop);
    if (key.empty() || !at->is_object()) return nullptr;  // "..", a leading '.' or '['
    const auto found = at->find(std::string(key));
    if (found == at->end()) return nullptr;
    at = &*found;
    while (!path.empty() && path.front() == '[') {
      const std::size_t close = path.find(']');
      if (close == std::string_view::npos || !at->is_array()) return nullptr;
      at = pickElement(*at, path.substr(1, close - 1));
      if (at == nullptr) return nullptr;
      path.remove_prefix(close + 1);
    }
    if (!path.empty()) {
      if (path.front() != '.') return nullptr;
      path.remove_prefix(1);
      if (path.empty()) return nullptr;  // a trailing dot
    }
  }
  return at == &summary ? nullptr : at;
}

}  // namespace cdnsim::sim
