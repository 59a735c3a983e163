#pragma once
// An HTTP header list: ordered, duplicates kept, names compared case-insensitively (RFC 9110 §5.1).
// Small and flat on purpose: a response rarely has more than a dozen fields, so a linear scan over
// a vector beats a map and keeps the order a serializer must reproduce.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdnsim::core::http {

struct HeaderField {
  std::string name;
  std::string value;
  bool operator==(const HeaderField&) const = default;
};

bool equalsIgnoreCase(std::string_view a, std::string_view b);

class Headers {
 public:
  Headers() = default;
  Headers(std::initializer_list<HeaderField> fields) : fields_(fields) {}

  // The first field with this name, if any.
  std::optional<std::string_view> get(std::string_view name) const;
  // Every value of this name joined with ", " (RFC 9110 §5.3 list combination); nullopt if absent.
  std::optional<std::string> getCombined(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }

  void add(std::string name, std::string value);
  // Replaces every field of this name by one field (appended where the first one stood).
  void set(std::string_view name, std::string value);
  // Removes every field of this name; returns how many were removed.
  std::size_t remove(std::string_view name);

  const std::vector<HeaderField>& fields() const { return fields_; }
  bool empty() const { return fields_.empty(); }
  std::size_t size() const { return fields_.size(); }
  bool operator==(const Headers&) const = default;

 private:
  std::vector<HeaderField> fields_;
};

}  // namespace cdnsim::core::http
