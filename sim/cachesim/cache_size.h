#pragma once
// Cache sizes as typed on the `cachesim` command line: an absolute amount (`64MiB`, `4GiB`, `10GB`,
// `1000000`) or a fraction of the trace's working set (`1%`, `0.5%`).
//
// Units (case-insensitive): B; binary KiB MiB GiB TiB (powers of 1024); decimal KB MB GB TB (powers
// of 1000, as in SI and as disk vendors use them). A bare number is a count of bytes, or of objects
// with --ignore-obj-size. A decimal number is allowed (`1.5GiB`); the result is floored to whole
// units. Percentages are kept as an exact decimal fraction, so `0.1%` of 1000 objects is exactly 1,
// with no binary floating-point rounding.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cdnsim::sim::cachesim {

struct CacheSize {
  enum class Kind {
    Absolute,  // `units` capacity units
    Fraction,  // numerator/denominator of the working set
  };
  Kind kind{Kind::Absolute};
  std::uint64_t units{0};
  std::uint64_t numerator{0};
  std::uint64_t denominator{1};
  bool hasByteUnit{false};  // written with a byte unit (meaningless when counting objects)
  std::string text;         // as typed, for reports

  // Capacity in units: `units`, or floor(workingSet × numerator / denominator).
  std::uint64_t resolve(std::uint64_t workingSet) const;
  bool operator==(const CacheSize&) const = default;
};

struct ParsedCacheSize {
  std::optional<CacheSize> size;
  std::string error;  // set when size is empty
};

ParsedCacheSize parseCacheSize(std::string_view text);

}  // namespace cdnsim::sim::cachesim
