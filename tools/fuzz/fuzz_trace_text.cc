// libFuzzer target for webcachesim's text trace-line parser (sim/trace/line_parsers.h): the input
// is a trace file; the fast path must agree with the general one, digits() with digitsScalar().
// Build: tools/ci/fuzz.sh.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tools/fuzz/trace_line_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  cdnsim::fuzz::checkDigits(s);
  (void)cdnsim::fuzz::walkLines(cdnsim::sim::trace::TextLineParser(), s);
  return 0;
}
