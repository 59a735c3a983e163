// libFuzzer target for the CloudFront access-log line parser (sim/trace/line_parsers.h): the input
// is a log file. Besides not crashing, an accepted line's timestamp must lie within the years a
// four-digit date can name (0000-01-01 to 9999-12-31, a leap second allowed).
// Build: tools/ci/fuzz.sh.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tools/fuzz/trace_line_checks.h"

namespace {

using namespace cdnsim::sim::trace;

struct BoundedCloudFrontParser {
  CloudFrontLineParser inner;
  LineResult parse(std::string_view line, TraceRequest& out) {
    const LineResult r = inner.parse(line, out);
    if (r.kind == LineKind::Record) {
      static const std::int64_t first = daysFromCivil(0, 1, 1) * 86400;
      static const std::int64_t last = daysFromCivil(9999, 12, 31) * 86400 + 86400;
      cdnsim::fuzz::check(out.timestamp >= first && out.timestamp <= last);
    }
    return r;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  (void)cdnsim::fuzz::walkLines(BoundedCloudFrontParser(), s);
  return 0;
}
