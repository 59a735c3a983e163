#include "sim/cachesim/cache_size.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>

namespace cdnsim::sim::cachesim {

namespace {

struct Unit {
  std::string_view name;
  std::uint64_t multiplier;
};

constexpr Unit kUnits[] = {
    {"b", 1},
    {"kib", 1ULL << 10},
    {"mib", 1ULL << 20},
    {"gib", 1ULL << 30},
    {"tib", 1ULL << 40},
    {"kb", 1000ULL},
    {"mb", 1000000ULL},
    {"gb", 1000000000ULL},
    {"tb", 1000000000000ULL},
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

ParsedCacheSize fail(std::string_view text, std::string_view why) {
  return {std::nullopt, fmt::format("bad cache size '{}': {}", text, why)};
}

}  // namespace

std::uint64_t CacheSize::resolve(std::uint64_t workingSet) const {
  if (kind == Kind::Absolute) return units;
  const unsigned __int128 v = static_cast<unsigned __int128>(workingSet) * numerator / denominator;
  return static_cast<std::uint64_t>(v);  // ≤ workingSet since fractions are ≤ 100%
}

ParsedCacheSize parseCacheSize(std::string_view text) {
  // A decimal number as mantissa / 10^scale, kept exact.
  std::size_t i = 0;
  unsigned __int128 mantissa = 0;
  std::uint64_t scale = 1;
  int intDigits = 0, fracDigits = 0;
  // Bounded so that mantissa × the largest unit (< 2^40) stays within 128 bits.
  constexpr unsigned __int128 kMaxMantissa = static_cast<unsigned __int128>(1) << 80;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    mantissa = mantissa * 10 + static_cast<unsigned>(text[i] - '0');
    if (mantissa > kMaxMantissa) return fail(text, "too large");
    ++i;
    ++intDigits;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (fracDigits == 15) return fail(text, "more than 15 decimals");
      mantissa = mantissa * 10 + static_cast<unsigned>(text[i] - '0');
      scale *= 10;
      ++i;
      ++fracDigits;
    }
    if (fracDigits == 0) return fail(text, "no digit after the decimal point");
  }
  if (intDigits == 0 && fracDigits == 0)
    return fail(text, "expected a number, e.g. 64MiB, 1000000 or 1%");
  const std::string_view suffix = text.substr(i);

  CacheSize size;
  size.text = std::string(text);
  if (suffix == "%") {
    // p% = mantissa / (100 × scale) of the working set.
    if (mantissa == 0) return fail(text, "must be more than 0%");
    if (mantissa > static_cast<unsigned __int128>(100) * scale) return fail(text, "more than 100%");
    size.kind = CacheSize::Kind::Fraction;
    size.numerator = static_cast<std::uint64_t>(mantissa);
    size.denominator = 100 * scale;
    return {size, {}};
  }
  std::uint64_t multiplier = 1;
  if (!suffix.empty()) {
    const auto* unit = std::find_if(std::begin(kUnits), std::end(kUnits),
                                    [&](const Unit& u) { return iequals(u.name, suffix); });
    if (unit == std::end(kUnits))
      return fail(text, "unknown unit (use B, KiB, MiB, GiB, TiB, KB, MB, GB, TB or %)");
    multiplier = unit->multiplier;
    size.hasByteUnit = true;
  }
  const unsigned __int128 units = mantissa * multiplier / scale;
  if (units > std::numeric_limits<std::uint64_t>::max()) return fail(text, "too large");
  if (units == 0) return fail(text, "must be at least one unit");
  size.units = static_cast<std::uint64_t>(units);
  return {size, {}};
}

}  // namespace cdnsim::sim::cachesim
