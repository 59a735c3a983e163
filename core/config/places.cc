// Looking places up in the metro table (core/config/metro_table.cc): by city or IATA code, by
// country, and the metro a mistyped or shortened city name most likely meant.

#include "core/config/places.h"

#include <vector>

#include "core/config/did_you_mean.h"
#include "core/http/headers.h"

namespace cdnsim::core::config {

namespace {

// A shorter start of a name ("Fr") fits too many to be worth offering.
constexpr std::size_t kMinPrefix = 3;

// The words of a city's name: "Dallas-Fort Worth" is dallas, fort, worth.
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ' || text[i] == '-') {
      if (i > start) out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Whether `part`'s words stand, one after the other, among `whole`'s (case-insensitive).
bool wordsWithin(const std::vector<std::string_view>& part, const std::vector<std::string_view>& whole) {
  if (part.empty() || part.size() > whole.size()) return false;
  for (std::size_t from = 0; from + part.size() <= whole.size(); ++from) {
    bool all = true;
    for (std::size_t i = 0; i < part.size() && all; ++i) all = http::equalsIgnoreCase(part[i], whole[from + i]);
    if (all) return true;
  }
  return false;
}

}  // namespace

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

std::optional<std::string_view> suggestMetro(std::string_view cityOrCode) {
  // An IATA code in the wrong case: codes match exactly, since "Rio" is no code.
  for (const auto& m : metros()) {
    if (http::equalsIgnoreCase(m.code, cityOrCode)) return m.code;
  }
  // Part of one metro's name, whole words or its start: "Frankfurt" or "Frank" for "Frankfurt
  // am Main", "Kansas" for "Kansas City". Part of several ("New", "City") says too little.
  const auto wanted = words(cityOrCode);
  const Metro* only = nullptr;
  std::size_t matches = 0;
  for (const auto& m : metros()) {
    const bool start = cityOrCode.size() >= kMinPrefix && cityOrCode.size() < m.city.size() &&
                       http::equalsIgnoreCase(m.city.substr(0, cityOrCode.size()), cityOrCode);
    if (start || wordsWithin(wanted, words(m.city))) {
      only = &m;
      ++matches;
    }
  }
  if (matches == 1) return only->city;
  // A typo.
  std::vector<std::string_view> cities;
  for (const auto& m : metros()) cities.push_back(m.city);
  return closestName(cityOrCode, cities);
}

}  // namespace cdnsim::core::config
