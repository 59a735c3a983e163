// Civil time conversions through C++20's calendar types (no time zone database needed for UTC).

#include "core/record/civil_time.h"

#include <chrono>

#include "core/record/text_append.h"

namespace cdnsim::core::record {

CivilTime toCivil(TimePoint t) {
  using namespace std::chrono;
  const auto us = t.time_since_epoch();
  const auto days = floor<std::chrono::days>(us);
  const year_month_day ymd{sys_days(days)};
  auto rest = us - days;  // within [0, 1 day)
  CivilTime c;
  c.year = static_cast<int>(ymd.year());
  c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  const auto h = floor<hours>(rest);
  rest -= h;
  const auto m = floor<minutes>(rest);
  rest -= m;
  const auto s = floor<std::chrono::seconds>(rest);
  rest -= s;
  c.hour = static_cast<int>(h.count());
  c.minute = static_cast<int>(m.count());
  c.second = static_cast<int>(s.count());
  c.micros = static_cast<int>(rest.count());
  return c;
}

std::optional<TimePoint> fromCivil(const CivilTime& c) {
  using namespace std::chrono;
  const year_month_day ymd{year(c.year), month(static_cast<unsigned>(c.month)),
                           day(static_cast<unsigned>(c.day))};
  if (c.month < 1 || c.month > 12 || c.day < 1 || !ymd.ok()) return std::nullopt;
  if (c.hour < 0 || c.hour > 23 || c.minute < 0 || c.minute > 59 || c.second < 0 || c.second > 59 ||
      c.micros < 0 || c.micros > 999999) {
    return std::nullopt;
  }
  const auto d = sys_days(ymd).time_since_epoch();
  const Duration since = duration_cast<Duration>(d) + hours(c.hour) + minutes(c.minute) +
                         std::chrono::seconds(c.second) + microseconds(c.micros);
  return TimePoint(since);
}

namespace {

unsigned asUnsigned(int v) { return v < 0 ? 0u : static_cast<unsigned>(v); }

}  // namespace

char* writeDate(const CivilTime& c, char* p) {
  p = writePadded(p, asUnsigned(c.year), 4);
  *p++ = '-';
  p = writePadded(p, asUnsigned(c.month), 2);
  *p++ = '-';
  return writePadded(p, asUnsigned(c.day), 2);
}

char* writeClock(const CivilTime& c, char* p) {
  p = writePadded(p, asUnsigned(c.hour), 2);
  *p++ = ':';
  p = writePadded(p, asUnsigned(c.minute), 2);
  *p++ = ':';
  return writePadded(p, asUnsigned(c.second), 2);
}

char* writeIso8601(const CivilTime& c, char* p) {
  p = writeDate(c, p);
  *p++ = 'T';
  p = writeClock(c, p);
  *p++ = '.';
  p = writePadded(p, asUnsigned(c.micros), 6);
  *p++ = 'Z';
  return p;
}

// Years outside 0..9999 are written modulo 10000: logs never reach them.
void appendDate(const CivilTime& c, std::string& out) {
  char buf[10];
  out.append(buf, writeDate(c, buf));
}

void appendClock(const CivilTime& c, std::string& out) {
  char buf[8];
  out.append(buf, writeClock(c, buf));
}

void appendIso8601(const CivilTime& c, std::string& out) {
  char buf[kIso8601Length];
  out.append(buf, writeIso8601(c, buf));
}

}  // namespace cdnsim::core::record
