#pragma once
// One line of a CloudFront standard access log (DG/standard-logs-reference.html): tab-separated
// W3C fields, `#Version:` and `#Fields:` header lines, `-` for an empty value. The 33 fields, in
// order: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status
// cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id
// x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher
// x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port
// time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start
// sc-range-end. A replay uses the first 13; the rest are counted, not read.

#include <cstddef>
#include <string_view>

#include "sim/replay/replay_request.h"

namespace cdnsim::sim::replay {

inline constexpr std::size_t kCloudFrontLogFields = 33;

enum class LogLineKind {
  Request,  // `out` holds it
  Header,   // `#Version:`, `#Fields:` or another comment, or a blank line
  Bad,      // malformed: the message says which field
};

struct LogLineResult {
  LogLineKind kind = LogLineKind::Request;
  const char* message = "";
};

class CloudFrontLogLineParser {
 public:
  // Fills `out`'s time and request fields (not file and line). A `#Fields:` line sets how many
  // fields the lines after it must have (its count of names); otherwise 33 are expected.
  LogLineResult parse(std::string_view line, ReplayRequest& out);
  std::size_t expectedFields() const { return expectedFields_; }

 private:
  std::size_t expectedFields_ = kCloudFrontLogFields;
};

}  // namespace cdnsim::sim::replay
