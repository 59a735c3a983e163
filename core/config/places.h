#pragma once
// Places a client population can be named by: the metros of CloudFront's edge locations (city,
// IATA code, country, coordinates). `city: Paris` or `city: CDG` puts a population there;
// `country: DE` puts it at the country's metro with the most POPs (Frankfurt), a stand-in for the
// country's weight of viewers. Countries without a CloudFront metro need `location:` and
// `country:` given together.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace cdnsim::core::config {

struct Metro {
  std::string_view code;         // IATA code, the first three letters of a POP code
  std::string_view city;
  std::string_view countryCode;  // ISO 3166-1 alpha-2
  double latitudeDeg;
  double longitudeDeg;
  int pops;                      // POPs AWS listed there
};

std::span<const Metro> metros();  // the table, core/config/metro_table.cc
// By IATA code (exact) or city name (case-insensitive); nullptr when unknown.
const Metro* findMetro(std::string_view cityOrCode);
// The country's metro with the most POPs (ISO code, case-insensitive); nullptr when none.
const Metro* countryMetro(std::string_view countryCode);
// For a name findMetro() does not know, the city or code it most likely meant: an IATA code in
// another case ("cdg": CDG), the one metro whose name holds its words ("Frankfurt": Frankfurt am
// Main), else the closest city by edit distance (did_you_mean.h); nullopt when none fits.
std::optional<std::string_view> suggestMetro(std::string_view cityOrCode);

}  // namespace cdnsim::core::config
