#pragma once
// HTTP dates (RFC 9110 §5.6.7): parse all three formats a recipient must accept, format the one a
// sender must use (IMF-fixdate). Parsing never throws; anything that is not a well-formed date of
// one of the three formats is nullopt. What a nullopt means is the caller's rule: for Expires it
// is "in the past" (RFC 9111 §5.3, see parseExpires), for Date it is "absent" (§4.2.3).

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace cdnsim::core::http {

// IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT", asctime
// "Sun Nov  6 08:49:37 1994". Surrounding whitespace is allowed; names match case-insensitively;
// the day name is checked to be a day name but not against the date (it is redundant). Seconds
// may be 60 (a leap second, RFC 9110 §5.6.7), counted as the next minute's first second.
// RFC 850's two-digit year: RFC 9110 §5.6.7 says a year more than 50 years in the future is the
// most recent past year with those digits; with `now` we pick the year with those digits in
// (now - 50 years, now + 50 years]. Without `now` we pivot at 1970 (00-69 -> 20xx).
std::optional<TimePoint> parseHttpDate(std::string_view value);
std::optional<TimePoint> parseHttpDate(std::string_view value, TimePoint now);

// Expires (RFC 9111 §5.3): absent -> nullopt; present but invalid (notably "0") -> a time in the
// past (the Unix epoch), as "a cache recipient MUST interpret invalid date formats ... as
// representing a time in the past".
std::optional<TimePoint> parseExpires(std::optional<std::string_view> value);

// Length of an IMF-fixdate.
inline constexpr std::size_t kHttpDateLength = 29;

// Writes exactly kHttpDateLength bytes (no terminator) into `out`. Years outside 0..9999 are
// clamped to the first/last representable second. No allocation.
void formatHttpDate(TimePoint t, char* out);
std::string formatHttpDate(TimePoint t);

}  // namespace cdnsim::core::http
