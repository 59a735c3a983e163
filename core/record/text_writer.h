#pragma once
// TextWriter: appends one record (a trace line, a log line) to a caller's std::string through a
// raw pointer. The string is grown once by a generous amount of room, the record is written with
// plain stores (a literal key of known length compiles to a few moves, no call), and the string is
// trimmed to what was written when the writer goes out of scope. Writing the same line through
// std::string::append cost a call, a capacity test and a memmove per piece: with ~70 pieces per
// trace line, that was a third of its cost (tools/bench/run_bench.sh, trace mode).
//
// Costs: growing zero-fills the new room (memset of `room` bytes, ~2 KiB per record by default);
// every other operation is a bounds test and stores. The string's capacity is kept, so a reused
// buffer stops allocating once it has grown.
//
// Not copyable; one writer per string at a time (the string must not be touched while it lives).

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cdnsim::core::record {

class TextWriter {
 public:
  // Room made on the first write and whenever it runs out: a trace line fits in one.
  static constexpr std::size_t kDefaultRoom = 2048;

  explicit TextWriter(std::string& out, std::size_t room = kDefaultRoom)
      : out_(out), room_(room) {}
  ~TextWriter() { out_.resize(size()); }
  TextWriter(const TextWriter&) = delete;
  TextWriter& operator=(const TextWriter&) = delete;

  // A pointer with at least `n` writable bytes after it; write, then advance() past what was used.
  [[gnu::always_inline]] char* reserve(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
    return p_;
  }
  // Marks the bytes up to `end` (within the last reserve()) as written.
  void advanceTo(char* end) { p_ = end; }

  [[gnu::always_inline]] void put(char c) {
    reserve(1);
    *p_++ = c;
  }
  [[gnu::always_inline]] void write(std::string_view s) {
    reserve(s.size());
    if (!s.empty()) std::memcpy(p_, s.data(), s.size());  // data() may be null when empty
    p_ += s.size();
  }
  void writeUint(std::uint64_t v) {
    reserve(kMaxDigits);
    p_ = std::to_chars(p_, p_ + kMaxDigits, v).ptr;
  }
  void writeInt(std::int64_t v) {
    reserve(kMaxDigits);
    p_ = std::to_chars(p_, p_ + kMaxDigits, v).ptr;
  }

  // Bytes of `out` written so far by anyone: what it will hold when the writer ends.
  std::size_t size() const {
    return p_ == nullptr ? out_.size() : static_cast<std::size_t>(p_ - out_.data());
  }

 private:
  static constexpr std::size_t kMaxDigits = 20;  // -9223372036854775808 and 18446744073709551615

  [[gnu::noinline]] void grow(std::size_t n) {
    const std::size_t used = size();
    out_.resize(used + (n > room_ ? n : room_));
    p_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }

  std::string& out_;
  std::size_t room_;
  char* p_ = nullptr;  // null until the first reserve(): out_ is untouched until then
  char* end_ = nullptr;
};

}  // namespace cdnsim::core::record
