#pragma once
// Small appenders the log formatters share. They write numbers through std::to_chars into a
// stack buffer and append once: per-character push_back and fmt's iterator path were most of a
// log line's cost when measured.

#include <charconv>
#include <cstdint>
#include <string>

namespace cdnsim::core::record {

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
