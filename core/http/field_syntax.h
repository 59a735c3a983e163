#pragma once
// Lexical helpers shared by the header parsers (RFC 9110 §5.6): optional whitespace, tokens,
// quoted strings, comma-separated lists and delta-seconds. All work on string_views into the
// caller's buffer: no allocation, no exceptions, any byte sequence is accepted as input.

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/time.h"

namespace cdnsim::core::http {

// ASCII lowercase: field names and the directives are case-insensitive ASCII (RFC 9110 §5.1), and
// a locale must never change what a header means.
constexpr char asciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// RFC 9110 §5.6.3: OWS = *( SP / HTAB ).
constexpr bool isOws(char c) { return c == ' ' || c == '\t'; }

// RFC 9110 §5.6.2: tchar.
constexpr bool isTchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

constexpr bool isToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!isTchar(c)) return false;
  }
  return true;
}

constexpr std::string_view trimOws(std::string_view s) {
  while (!s.empty() && isOws(s.front())) s.remove_prefix(1);
  while (!s.empty() && isOws(s.back())) s.remove_suffix(1);
  return s;
}

// Iterates the members of a comma-separated list (RFC 9110 §5.6.1), skipping empty members and
// never splitting inside a quoted string (so `no-cache="a, b"` stays one member). An unterminated
// quote runs to the end of the input. Usage: `ListIterator it(v); while (auto m = it.next()) ...`
class ListIterator {
 public:
  explicit constexpr ListIterator(std::string_view input) : rest_(input) {}

  // The next non-empty member with surrounding OWS removed, or nullopt at the end.
  constexpr std::optional<std::string_view> next() {
    while (!rest_.empty()) {
      std::size_t i = 0;
      bool quoted = false;
      for (; i < rest_.size(); ++i) {
        char c = rest_[i];
        if (quoted) {
          if (c == '\\') {
            ++i;  // quoted-pair: skip the escaped byte (RFC 9110 §5.6.4)
          } else if (c == '"') {
            quoted = false;
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          break;
        }
      }
      std::size_t end = i < rest_.size() ? i : rest_.size();
      std::string_view member = trimOws(rest_.substr(0, end));
      rest_ = end < rest_.size() ? rest_.substr(end + 1) : std::string_view{};
      if (!member.empty()) return member;
    }
    return std::nullopt;
  }

 private:
  std::string_view rest_;
};

// If `s` is a complete quoted-string (RFC 9110 §5.6.4), its content without the quotes (escapes
// left in place: callers only look at digits and tokens); otherwise `s` unchanged.
constexpr std::string_view unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

// RFC 9111 §1.2.2 delta-seconds = 1*DIGIT. A value above 2^31 is taken as 2^31 ("a cache MUST use
// 2147483648 ... if it receives a delta-seconds value greater than the greatest integer it can
// represent"); we saturate there for every large value so that overflow is impossible.
// Anything else (empty, sign, fraction, trailing junk) is invalid: nullopt.
constexpr std::optional<Duration> parseDeltaSeconds(std::string_view s) {
  constexpr std::int64_t kCap = std::int64_t{1} << 31;
  if (s.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    if (value < kCap) value = value * 10 + (c - '0');
  }
  if (value > kCap) value = kCap;
  return seconds(value);
}

}  // namespace cdnsim::core::http
