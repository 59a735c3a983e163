#include "core/http/headers.h"

#include <algorithm>

#include "core/http/field_syntax.h"

namespace cdnsim::core::http {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (asciiLower(a[i]) != asciiLower(b[i])) return false;
  }
  return true;
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const auto& f : fields_) {
    if (equalsIgnoreCase(f.name, name)) return std::string_view(f.value);
  }
  return std::nullopt;
}

std::optional<std::string> Headers::getCombined(std::string_view name) const {
  std::optional<std::string> out;
  for (const auto& f : fields_) {
    if (!equalsIgnoreCase(f.name, name)) continue;
    if (!out) {
      out = f.value;
    } else {
      out->append(", ").append(f.value);
    }
  }
  return out;
}

void Headers::add(std::string name, std::string value) {
  fields_.push_back({std::move(name), std::move(value)});
}

void Headers::set(std::string_view name, std::string value) {
  auto first = std::find_if(fields_.begin(), fields_.end(),
                            [&](const HeaderField& f) { return equalsIgnoreCase(f.name, name); });
  if (first == fields_.end()) {
    fields_.push_back({std::string(name), std::move(value)});
    return;
  }
  first->value = std::move(value);
  auto rest = std::remove_if(first + 1, fields_.end(),
                             [&](const HeaderField& f) { return equalsIgnoreCase(f.name, name); });
  fields_.erase(rest, fields_.end());
}

std::size_t Headers::remove(std::string_view name) {
  auto rest = std::remove_if(fields_.begin(), fields_.end(),
                             [&](const HeaderField& f) { return equalsIgnoreCase(f.name, name); });
  auto n = static_cast<std::size_t>(fields_.end() - rest);
  fields_.erase(rest, fields_.end());
  return n;
}

Headers HeaderFieldList::toHeaders() const {
  Headers out;
  for (const auto f : *this) out.add(std::string(f.name), std::string(f.value));
  return out;
}

}  // namespace cdnsim::core::http
