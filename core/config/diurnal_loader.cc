// readDiurnal() and readUtcOffset(): how a client population's request rate follows its local day.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/config/workload.h"
#include "core/config/yaml_reader.h"

namespace cdnsim::core::config {

DiurnalConfig readDiurnal(const YamlNode& node) {
  YamlMap m(node, "diurnal", keys::kDiurnal);
  DiurnalConfig d;
  if (auto h = m.get("hourly")) {
    for (const auto key : {"peak_hour", "peak_to_trough"}) {
      if (auto v = m.get(key)) v->fail(fmt::format("'{}' does not apply beside `hourly:`; expected one of the two forms", key));
    }
    d.kind = DiurnalConfig::Kind::Hourly;
    const auto items = h->asSequence("hourly");
    if (items.size() != 24) {
      h->fail(fmt::format("hourly has {} values; expected 24 (the relative rate at 00:00, 01:00, "
                          "... 23:00 local time)",
                          items.size()));
    }
    for (std::size_t i = 0; i < 24; ++i) {
      d.hourly[i] = items[i].asDouble(fmt::format("hourly rate at {:02}:00", i), 0, 1e12);
      if (d.hourly[i] <= 0) {
        items[i].fail(fmt::format("hourly rate at {:02}:00 is 0; expected a value above zero (a "
                                  "small one for a quiet hour)",
                                  i));
      }
    }
    const auto [lo, hi] = std::minmax_element(d.hourly.begin(), d.hourly.end());
    if (*hi / *lo > 100) {
      h->fail(fmt::format("hourly rates range from {} to {}, more than 100 to 1; expected a busiest "
                          "hour at most 100 times the quietest",
                          *lo, *hi));
    }
    return d;
  }
  d.kind = DiurnalConfig::Kind::Sinusoid;
  d.peakHour = m.require("peak_hour").asDouble("peak_hour (local time, 0 to 23.99)", 0, 23.999999);
  d.peakToTrough = m.require("peak_to_trough").asDouble("peak_to_trough (the busiest rate over the quietest)", 1, 100);
  return d;
}

Duration readUtcOffset(const YamlNode& node) {
  const std::string text = node.asString("utc_offset");
  double hours = 0;
  int hh = 0, mm = 0;
  char sign = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%c%2d:%2d%c", &sign, &hh, &mm, &extra) == 3 && (sign == '+' || sign == '-') &&
      text.size() == 6 && mm < 60) {
    hours = (sign == '-' ? -1.0 : 1.0) * (hh + mm / 60.0);
  } else {
    hours = node.asDouble("utc_offset (hours such as -5 or 5.5, or \"+05:30\")", -12, 14);
  }
  if (hours < -12 || hours > 14) {
    node.fail(fmt::format("utc_offset {} is outside -12:00..+14:00", text));
  }
  return Duration(static_cast<std::int64_t>(std::llround(hours * 3600.0)) * 1'000'000);
}

}  // namespace cdnsim::core::config
