#include "core/http/byte_range.h"

#include <charconv>

#include "core/http/headers.h"

namespace cdnsim::core::http {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
std::optional<std::uint64_t> digits(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

std::optional<ByteRange> singleByteRange(std::string_view range, std::uint64_t size) {
  range = trim(range);
  const auto eq = range.find('=');
  if (eq == std::string_view::npos || !equalsIgnoreCase(trim(range.substr(0, eq)), "bytes")) {
    return std::nullopt;  // §14.1: other range units are ignored
  }
  const std::string_view spec = trim(range.substr(eq + 1));
  if (spec.find(',') != std::string_view::npos || size == 0) return std::nullopt;
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const std::string_view a = trim(spec.substr(0, dash));
  const std::string_view b = trim(spec.substr(dash + 1));
  if (a.empty()) {
    // suffix-range: the last N bytes (§14.1.2).
    const auto n = digits(b);
    if (!n || *n == 0) return std::nullopt;
    return ByteRange{*n >= size ? 0 : size - *n, size - 1};
  }
  const auto first = digits(a);
  if (!first || *first >= size) return std::nullopt;
  if (b.empty()) return ByteRange{*first, size - 1};
  const auto last = digits(b);
  if (!last || *last < *first) return std::nullopt;
  return ByteRange{*first, *last >= size ? size - 1 : *last};
}

}  // namespace cdnsim::core::http
