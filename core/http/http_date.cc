#include "core/http/http_date.h"

#include <array>
#include <chrono>


namespace cdnsim::core::http {

namespace {

constexpr std::array<std::string_view, 7> kShortDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> kLongDays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                     "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 1> kGmt{"GMT"};

// ASCII case-insensitive equality of equal-length strings; inline because date parsing tries
// up to a dozen names per field.
constexpr bool sameLetters(std::string_view a, std::string_view b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  }
  return true;
}

// A tiny cursor over the input: every read checks bounds, so no input can overrun.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return s_.empty(); }
  bool literal(char c) {
    if (s_.empty() || s_.front() != c) return false;
    s_.remove_prefix(1);
    return true;
  }
  // Exactly `n` digits.
  std::optional<int> digits(std::size_t n) {
    if (s_.size() < n) return std::nullopt;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      char c = s_[i];
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    s_.remove_prefix(n);
    return v;
  }
  // Index of the name in `names` that the input starts with (case-insensitive), consumed.
  template <std::size_t N>
  std::optional<int> oneOf(const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i) {
      const auto& n = names[i];
      if (s_.size() >= n.size() && sameLetters(s_.substr(0, n.size()), n)) {
        s_.remove_prefix(n.size());
        return static_cast<int>(i);
      }
    }
    return std::nullopt;
  }
  // hh:mm:ss
  std::optional<int> timeOfDay() {
    auto h = digits(2);
    if (!h || !literal(':')) return std::nullopt;
    auto m = digits(2);
    if (!m || !literal(':')) return std::nullopt;
    auto sec = digits(2);
    if (!sec || *h > 23 || *m > 59 || *sec > 60) return std::nullopt;
    return *h * 3600 + *m * 60 + *sec;
  }

 private:
  std::string_view s_;
};

// Floor division, so that instants before 1970 land on the right day.
std::chrono::sys_days daysSinceEpoch(std::int64_t unixSecs) {
  const std::int64_t d = unixSecs >= 0 ? unixSecs / 86400 : -((-unixSecs + 86399) / 86400);
  return std::chrono::sys_days{std::chrono::days{d}};
}

std::optional<TimePoint> toTimePoint(int year, int month /*1-12*/, int day, int secondOfDay) {
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;  // e.g. 31 Feb
  const std::int64_t days = sys_days{ymd}.time_since_epoch().count();
  return fromUnixSeconds(days * 86400 + secondOfDay);
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
std::optional<TimePoint> parseImfFixdate(std::string_view s) {
  Cursor c(s);
  if (!c.oneOf(kShortDays) || !c.literal(',') || !c.literal(' ')) return std::nullopt;
  auto day = c.digits(2);
  if (!day || !c.literal(' ')) return std::nullopt;
  auto month = c.oneOf(kMonths);
  if (!month || !c.literal(' ')) return std::nullopt;
  auto year = c.digits(4);
  if (!year || !c.literal(' ')) return std::nullopt;
  auto tod = c.timeOfDay();
  if (!tod || !c.literal(' ') || !c.oneOf(kGmt) || !c.done())
    return std::nullopt;
  return toTimePoint(*year, *month + 1, *day, *tod);
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
std::optional<TimePoint> parseRfc850(std::string_view s, std::optional<TimePoint> now) {
  Cursor c(s);
  if (!c.oneOf(kLongDays) || !c.literal(',') || !c.literal(' ')) return std::nullopt;
  auto day = c.digits(2);
  if (!day || !c.literal('-')) return std::nullopt;
  auto month = c.oneOf(kMonths);
  if (!month || !c.literal('-')) return std::nullopt;
  auto yy = c.digits(2);
  if (!yy || !c.literal(' ')) return std::nullopt;
  auto tod = c.timeOfDay();
  if (!tod || !c.literal(' ') || !c.oneOf(kGmt) || !c.done())
    return std::nullopt;
  int year = *yy < 70 ? 2000 + *yy : 1900 + *yy;
  if (now) {
    // RFC 9110 §5.6.7: more than 50 years ahead means the most recent past year with these digits.
    const int nowYear = static_cast<int>(std::chrono::year_month_day{daysSinceEpoch(unixSeconds(*now))}.year());
    // The year is the one with these digits within (now - 50, now + 50].
    year = (nowYear / 100) * 100 + *yy;
    if (year > nowYear + 50) year -= 100;
    if (year <= nowYear - 50) year += 100;
  }
  return toTimePoint(year, *month + 1, *day, *tod);
}

// "Sun Nov  6 08:49:37 1994" (day padded with a space, RFC 9110 §5.6.7 asctime-date)
std::optional<TimePoint> parseAsctime(std::string_view s) {
  Cursor c(s);
  if (!c.oneOf(kShortDays) || !c.literal(' ')) return std::nullopt;
  auto month = c.oneOf(kMonths);
  if (!month || !c.literal(' ')) return std::nullopt;
  std::optional<int> day;
  if (c.literal(' ')) {
    day = c.digits(1);
  } else {
    day = c.digits(2);
  }
  if (!day || !c.literal(' ')) return std::nullopt;
  auto tod = c.timeOfDay();
  if (!tod || !c.literal(' ')) return std::nullopt;
  auto year = c.digits(4);
  if (!year || !c.done()) return std::nullopt;
  return toTimePoint(*year, *month + 1, *day, *tod);
}

std::optional<TimePoint> parseAny(std::string_view value, std::optional<TimePoint> now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  // The byte after the day name tells the formats apart: ',' after 3 letters is IMF-fixdate,
  // ' ' after 3 letters is asctime, ',' later is RFC 850.
  if (value.size() < 4) return std::nullopt;
  if (value[3] == ',') return parseImfFixdate(value);
  if (value[3] == ' ') return parseAsctime(value);
  return parseRfc850(value, now);
}

void put2(char* out, int v) {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

std::optional<TimePoint> parseHttpDate(std::string_view value) { return parseAny(value, std::nullopt); }

std::optional<TimePoint> parseHttpDate(std::string_view value, TimePoint now) {
  return parseAny(value, now);
}

std::optional<TimePoint> parseExpires(std::optional<std::string_view> value) {
  if (!value) return std::nullopt;
  if (auto t = parseHttpDate(*value)) return t;
  return fromUnixSeconds(0);
}

void formatHttpDate(TimePoint t, char* out) {
  using namespace std::chrono;
  // 0000-01-01T00:00:00 and 9999-12-31T23:59:59 bound what four digits can say.
  constexpr std::int64_t kMin = -62167219200;
  constexpr std::int64_t kMax = 253402300799;
  std::int64_t s = unixSeconds(t);
  if (s < kMin) s = kMin;
  if (s > kMax) s = kMax;
  const sys_days d = daysSinceEpoch(s);
  const int secondOfDay = static_cast<int>(s - std::int64_t{d.time_since_epoch().count()} * 86400);
  const year_month_day ymd{d};
  const weekday wd{d};
  const int year = static_cast<int>(ymd.year());
  const std::string_view dayName = kShortDays[wd.c_encoding()];
  const std::string_view monthName = kMonths[static_cast<unsigned>(ymd.month()) - 1];
  out[0] = dayName[0];
  out[1] = dayName[1];
  out[2] = dayName[2];
  out[3] = ',';
  out[4] = ' ';
  put2(out + 5, static_cast<int>(static_cast<unsigned>(ymd.day())));
  out[7] = ' ';
  out[8] = monthName[0];
  out[9] = monthName[1];
  out[10] = monthName[2];
  out[11] = ' ';
  put2(out + 12, year / 100);
  put2(out + 14, year % 100);
  out[16] = ' ';
  put2(out + 17, secondOfDay / 3600);
  out[19] = ':';
  put2(out + 20, secondOfDay / 60 % 60);
  out[22] = ':';
  put2(out + 23, secondOfDay % 60);
  out[25] = ' ';
  out[26] = 'G';
  out[27] = 'M';
  out[28] = 'T';
}

std::string formatHttpDate(TimePoint t) {
  std::string out(kHttpDateLength, ' ');
  formatHttpDate(t, out.data());
  return out;
}

}  // namespace cdnsim::core::http
