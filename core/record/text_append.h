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

// 4 to 15 bytes at `p` as one vector: the first and last 8 (or 4) bytes, overlapping, and when
// fewer than 8 the upper half padded with 'a' (which no escaping test flags). Built in registers:
// a copy through a stack buffer would stall the 16-byte reload on store forwarding.
inline Bytes16 shortAsBytes16(const char* p, std::size_t n) {
  using Words2 = std::uint64_t __attribute__((vector_size(16)));
  std::uint64_t lo, hi;
  if (n >= 8) {
    std::memcpy(&lo, p, 8);
    std::memcpy(&hi, p + n - 8, 8);
  } else {
    std::uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    lo = a | (std::uint64_t{b} << 32);
    hi = 0x6161616161616161ULL;
  }
  const Words2 words = {lo, hi};
  return reinterpret_cast<Bytes16>(words);
}

// Whether any lane of a comparison result is set.
inline bool anyLane(Bytes16 mask) {
  std::uint64_t halves[2];
  std::memcpy(halves, &mask, sizeof halves);
  return (halves[0] | halves[1]) != 0;
}

// Whether `blockTest` holds for some 16-byte block covering `s`, s.size() >= 16: the tail is
// tested as the last 16 bytes. Blocks are loaded straight from `s`. (Short values copied into a
// padded stack block stalled on store forwarding: a 16-byte load over narrower stores cost more
// than the test.)
template <class BlockTest>
bool anyBlock(std::string_view s, BlockTest blockTest) {
  for (std::size_t i = 0; i + 16 <= s.size(); i += 16) {
    if (blockTest(s.data() + i)) return true;
  }
  return s.size() % 16 != 0 && blockTest(s.data() + s.size() - 16);
}

// Whether `table` flags any byte of `s`: for values too short for a block (no branch per byte).
inline bool anyByteIn(std::string_view s, const bool* table) {
  bool any = false;
  for (const char c : s) any |= table[static_cast<unsigned char>(c)];
  return any;
}

// Copies n < 16 bytes with at most two overlapping loads and stores (no call).
inline void copyShort(char* dst, const char* src, std::size_t n) {
  if (n >= 8) {
    std::uint64_t a, b;
    std::memcpy(&a, src, 8);
    std::memcpy(&b, src + n - 8, 8);
    std::memcpy(dst, &a, 8);
    std::memcpy(dst + n - 8, &b, 8);
  } else if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, src, 4);
    std::memcpy(&b, src + n - 4, 4);
    std::memcpy(dst, &a, 4);
    std::memcpy(dst + n - 4, &b, 4);
  } else if (n > 0) {
    dst[0] = src[0];
    dst[n / 2] = src[n / 2];
    dst[n - 1] = src[n - 1];
  }
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
