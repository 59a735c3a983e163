#pragma once
// A CloudFront edge location code as it appears in X-Amz-Cf-Pop and the access log's
// x-edge-location: IATA airport code, a number, and optionally "-C<m>" or "-P<m>"
// ("IAD89-C1", "TXL50-P4", older "LAX1"; CLOUDFRONT.md §4). The meaning of the C/P suffix is
// unverified; we carry it as data.
//
// Log form: the access log writes the same code as the header (real logs show both "SEA19-C1"
// and "LAX1"), so there is one format, and a code without a suffix prints as "LAX1".

#include <fmt/format.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cdnsim::core::emit {

struct PopCode {
  std::string iata{};  // three upper-case letters, e.g. "IAD"
  int number{1};       // 1..99999
  char kind{'\0'};     // 'C', 'P', or '\0' for none
  int suffix{0};       // 1..99999 when kind is set, else 0

  // Longest text: "ABC99999-C99999".
  static constexpr std::size_t kMaxLength = 15;

  // Writes the code into `out` (room for kMaxLength chars, no terminator); returns its length.
  // No allocation. Precondition: valid().
  std::size_t write(char* out) const;
  std::string toString() const;
  bool valid() const;
  bool operator==(const PopCode&) const = default;
};

// Parses "IAD89-C1" or "LAX1". Strict: upper-case letters, no leading zeros, nothing after.
// Returns nullopt on anything else; never throws.
std::optional<PopCode> parsePopCode(std::string_view text);

}  // namespace cdnsim::core::emit

template <>
struct fmt::formatter<cdnsim::core::emit::PopCode> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const cdnsim::core::emit::PopCode& p, FormatContext& ctx) const {
    char buf[cdnsim::core::emit::PopCode::kMaxLength];
    const auto n = p.valid() ? p.write(buf) : 0;
    return fmt::formatter<std::string_view>::format(std::string_view(buf, n), ctx);
  }
};
