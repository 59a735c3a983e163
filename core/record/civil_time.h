#pragma once
// UTC calendar date and clock time of a TimePoint, for the log formats (access log `date` and
// `time` fields, ISO 8601 in traces). Proleptic Gregorian, no leap seconds (as Unix time).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"

namespace cdnsim::core::record {

struct CivilTime {
  int year{1970};
  int month{1};   // 1..12
  int day{1};     // 1..31
  int hour{0};    // 0..23
  int minute{0};  // 0..59
  int second{0};  // 0..59
  int micros{0};  // 0..999999
  bool operator==(const CivilTime&) const = default;
};

CivilTime toCivil(TimePoint t);
// nullopt when a field is out of range (e.g. February 30th).
std::optional<TimePoint> fromCivil(const CivilTime& c);

// "YYYY-MM-DD", "HH:MM:SS" and "YYYY-MM-DDTHH:MM:SS.ffffffZ" appended to `out`.
void appendDate(const CivilTime& c, std::string& out);
void appendClock(const CivilTime& c, std::string& out);
void appendIso8601(const CivilTime& c, std::string& out);
// The same written at `p` (10, 8 and 27 bytes); each returns the end.
inline constexpr std::size_t kIso8601Length = 27;
char* writeDate(const CivilTime& c, char* p);
char* writeClock(const CivilTime& c, char* p);
char* writeIso8601(const CivilTime& c, char* p);

}  // namespace cdnsim::core::record
