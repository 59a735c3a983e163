#pragma once
// Quantities as people write them in YAML and on the command line.
//   sizes:     "1048576", "64KiB", "64MiB", "4GiB", "1TiB" (binary), "10KB", "5MB", "2GB" (decimal), "512B"
//   durations: "10s", "250ms", "1.5s", "90us", "2m", "1h", "1d"; a bare number means seconds.
//   rates:     "2000/s", "120/min" (or "/m"), "3600/h", "1000/d", per second when bare ("100").
// Both return nullopt on anything else (negative, junk, overflow) so callers can say what was expected.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/time.h"

namespace cdnsim::core::config {

std::optional<std::uint64_t> parseByteSize(std::string_view text);
std::optional<Duration> parseDuration(std::string_view text);
// Events per second.
std::optional<double> parseRate(std::string_view text);

}  // namespace cdnsim::core::config
