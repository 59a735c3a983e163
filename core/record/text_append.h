#pragma once
// Small appenders the log formatters share. They write numbers through std::to_chars into a
// stack buffer and append once: per-character push_back and fmt's iterator path were most of a
// log line's cost when measured.

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cdnsim::core::record {

// 16 bytes tested at once (GCC's portable vector extension, SSE2 here): most values (ids, hosts,
// paths) need no escaping, and byte-by-byte tests were a third of a line's cost. As signed bytes,
// control and non-ASCII bytes are exactly those below 0x20.
using Bytes16 = signed char __attribute__((vector_size(16)));

inline Bytes16 loadBytes16(const char* p) {
  Bytes16 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Whether any lane of a comparison result is set.
inline bool anyLane(Bytes16 mask) {
  std::uint64_t halves[2];
  std::memcpy(halves, &mask, sizeof halves);
  return (halves[0] | halves[1]) != 0;
}

// Whether `blockTest` holds for some 16-byte block covering `s`: a short value is padded with a
// plain byte ('a', which no test flags), the tail is tested as the last 16 bytes.
template <class BlockTest>
bool anyBlock(std::string_view s, BlockTest blockTest) {
  if (s.size() < 16) {
    char block[16];
    std::memset(block, 'a', sizeof block);
    if (!s.empty()) std::memcpy(block, s.data(), s.size());  // data() may be null when empty
    return blockTest(block);
  }
  for (std::size_t i = 0; i + 16 <= s.size(); i += 16) {
    if (blockTest(s.data() + i)) return true;
  }
  return s.size() % 16 != 0 && blockTest(s.data() + s.size() - 16);
}

inline void appendUint(std::uint64_t v, std::string& out) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

inline void appendInt(std::int64_t v, std::string& out) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, r.ptr);
}

// `v` in exactly `width` digits, zero-padded (v must fit).
inline char* writePadded(char* p, unsigned v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + width;
}

}  // namespace cdnsim::core::record
