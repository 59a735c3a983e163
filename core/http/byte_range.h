#pragma once
// A viewer's Range (RFC 9110 §14.2) against a stored representation of `size` bytes: the one byte
// range to send as 206 Partial Content, or nullopt to send the whole representation (200). A cache
// may always ignore Range (§14.2: "A server MAY ignore the Range header field"), and does so for
// anything but one satisfiable `bytes=` range: several ranges, other units, a malformed value, or a
// range past the end (CloudFront answers invalid ranges with the full object).
// No allocation.
#include <cstdint>
#include <optional>
#include <string_view>

namespace cdnsim::core::http {

struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;  // inclusive
  std::uint64_t length() const { return last - first + 1; }
  bool operator==(const ByteRange&) const = default;
};

std::optional<ByteRange> singleByteRange(std::string_view range, std::uint64_t size);

}  // namespace cdnsim::core::http
