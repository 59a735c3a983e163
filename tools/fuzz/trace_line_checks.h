#pragma once
// What every trace-line fuzz target checks (tools/fuzz/fuzz_trace_*.cc): the input is a whole trace
// file, walked the way TextTraceReader walks it (the fast path first where the parser has one, else
// one line to the general parser), and nothing may crash or disagree:
// - a line the fast path accepts must parse to the same record through the general path, from the
//   same parser state (the two must never give different answers for one line);
// - digits() must agree with digitsScalar(), its one-digit-at-a-time reference, at every start;
// - a malformed line must say which field is wrong.

#include <cstddef>
#include <cstring>
#include <string_view>

#include "sim/trace/line_parsers.h"

namespace cdnsim::fuzz {

inline void check(bool invariant) {
  if (!invariant) __builtin_trap();
}

// digits() against digitsScalar() from each of the first `starts` offsets of `s`.
inline void checkDigits(std::string_view s, std::size_t starts = 40) {
  const char* end = s.data() + s.size();
  for (std::size_t at = 0; at < s.size() && at < starts; ++at) {
    const char* fast = s.data() + at;
    const char* slow = fast;
    std::uint64_t fastValue = 0, slowValue = 0;
    const bool fastOk = sim::trace::digits(fast, end, fastValue);
    const bool slowOk = sim::trace::digitsScalar(slow, end, slowValue);
    check(fastOk == slowOk);
    if (fastOk) check(fastValue == slowValue && fast == slow);
  }
}

template <typename Parser>
concept HasFastPath = requires(Parser p, const char*& c, sim::trace::TraceRequest& r) {
  p.parseFast(c, c, r);
};

// Walks `s` line by line through `parser`, checking each line; returns the records parsed.
template <typename Parser>
std::size_t walkLines(Parser parser, std::string_view s) {
  using sim::trace::LineKind;
  using sim::trace::TraceRequest;
  const char* p = s.data();
  const char* end = p + s.size();
  std::size_t records = 0;
  while (p < end) {
    const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    const std::string_view line(p, static_cast<std::size_t>((nl != nullptr ? nl : end) - p));
    if constexpr (HasFastPath<Parser>) {
      Parser general = parser;  // the state the general path would have seen
      TraceRequest fast;
      const char* q = p;
      if (parser.parseFast(q, end, fast)) {
        // The fast path consumes exactly the line and its '\n'.
        check(q == (nl != nullptr ? nl + 1 : end));
        TraceRequest slow;
        const sim::trace::LineResult r = general.parse(line, slow);
        check(r.kind == LineKind::Record && slow == fast);
        ++records;
        p = q;
        continue;
      }
      check(q == p);  // declined: nothing consumed
    }
    TraceRequest out;
    const sim::trace::LineResult r = parser.parse(line, out);
    check(r.message != nullptr);
    if (r.kind == LineKind::Bad) check(std::strlen(r.message) > 0);
    if (r.kind == LineKind::Record) ++records;
    p = nl != nullptr ? nl + 1 : end;
  }
  return records;
}

}  // namespace cdnsim::fuzz
