// Looking places up in the metro table (core/config/metro_table.cc): by city or IATA code, and by
// country.

#include "core/config/places.h"

#include "core/http/headers.h"

namespace cdnsim::core::config {

const Metro* findMetro(std::string_view cityOrCode) {
  for (const auto& m : metros()) {
    if (m.code == cityOrCode || http::equalsIgnoreCase(m.city, cityOrCode)) return &m;
  }
  return nullptr;
}

const Metro* countryMetro(std::string_view countryCode) {
  const Metro* best = nullptr;
  for (const auto& m : metros()) {
    if (!http::equalsIgnoreCase(m.countryCode, countryCode)) continue;
    if (best == nullptr || m.pops > best->pops) best = &m;  // the first of equals: table order
  }
  return best;
}

}  // namespace cdnsim::core::config
