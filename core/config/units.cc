#include "core/config/units.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace cdnsim::core::config {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "12.5MiB" into 12.5 and "MiB". The number must be non-negative and finite.
std::optional<std::pair<double, std::string_view>> splitNumber(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data() || !std::isfinite(value)) return std::nullopt;
  return std::pair{value, trim(std::string_view(end, text.data() + text.size() - end))};
}

struct Unit {
  std::string_view name;
  double factor;
};

template <std::size_t N>
std::optional<double> scale(double value, std::string_view unit, const Unit (&units)[N]) {
  for (const auto& u : units) {
    if (u.name == unit) return value * u.factor;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::uint64_t> parseByteSize(std::string_view text) {
  static constexpr Unit kUnits[] = {
      {"", 1},          {"B", 1},           {"KiB", 1024.0},     {"MiB", 1048576.0},
      {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}, {"KB", 1e3}, {"MB", 1e6},
      {"GB", 1e9},      {"TB", 1e12},       {"kB", 1e3}};
  auto parts = splitNumber(text);
  if (!parts) return std::nullopt;
  auto bytes = scale(parts->first, parts->second, kUnits);
  if (!bytes || *bytes >= 18446744073709551615.0) return std::nullopt;
  double whole = std::floor(*bytes);
  if (whole != *bytes) return std::nullopt;  // "1.3B" names no whole number of bytes
  return static_cast<std::uint64_t>(whole);
}

std::optional<Duration> parseDuration(std::string_view text) {
  static constexpr Unit kUnits[] = {{"", 1e6},   {"s", 1e6},     {"ms", 1e3},     {"us", 1.0},
                                    {"m", 60e6}, {"min", 60e6},  {"h", 3600e6},   {"d", 86400e6}};
  auto parts = splitNumber(text);
  if (!parts) return std::nullopt;
  auto micros = scale(parts->first, parts->second, kUnits);
  if (!micros || *micros > static_cast<double>(std::numeric_limits<std::int64_t>::max() / 2)) {
    return std::nullopt;
  }
  return Duration(static_cast<std::int64_t>(std::llround(*micros)));
}

std::optional<double> parseRate(std::string_view text) {
  static constexpr Unit kPer[] = {{"", 1.0},          {"/s", 1.0},       {"/m", 1.0 / 60},
                                  {"/min", 1.0 / 60}, {"/h", 1.0 / 3600}, {"/d", 1.0 / 86400}};
  auto parts = splitNumber(text);
  if (!parts) return std::nullopt;
  return scale(parts->first, parts->second, kPer);
}

}  // namespace cdnsim::core::config
