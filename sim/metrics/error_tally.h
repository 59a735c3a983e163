#pragma once
// Errors counted by status and by x-edge-detailed-result-type (DG/standard-logs-reference.html),
// for a tier, a POP, the viewers or one interval of the time series. Statuses are the error codes a
// custom error response may name (DG/GeneratingCustomErrorResponses.html) plus "other 4xx" and
// "other 5xx"; result types are the ones an origin failure produces (Error for an error the origin
// sent, OriginConnectError, OriginReadError, OriginDnsError for those CloudFront generates) plus
// "other". Fixed arrays, so tallies add in O(1) and print in a fixed order.

#include <array>
#include <cstdint>
#include <string_view>

#include "core/emit/result_type.h"

namespace cdnsim::sim {

inline constexpr std::array<int, 11> kTalliedStatuses = {400, 403, 404, 405, 414, 416,
                                                         500, 501, 502, 503, 504};
inline constexpr std::size_t kStatusColumns = kTalliedStatuses.size() + 2;  // + other 4xx, 5xx
inline constexpr std::array<core::emit::DetailedResultType, 4> kTalliedTypes = {
    core::emit::DetailedResultType::Error, core::emit::DetailedResultType::OriginConnectError,
    core::emit::DetailedResultType::OriginReadError, core::emit::DetailedResultType::OriginDnsError};
inline constexpr std::size_t kTypeColumns = kTalliedTypes.size() + 1;  // + other

struct ErrorTally {
  std::array<std::uint64_t, kStatusColumns> byStatus{};
  std::array<std::uint64_t, kTypeColumns> byType{};

  // One error response: counted under its status when that is 4xx/5xx (a custom error page sent
  // with 200 counts under its type only) and under its detailed result type.
  void add(int status, core::emit::DetailedResultType type);
  // The number of error responses (each has one type).
  std::uint64_t total() const;
  bool empty() const { return total() == 0; }
  ErrorTally& operator+=(const ErrorTally& other);
  friend bool operator==(const ErrorTally&, const ErrorTally&) = default;

  // Column names, in order: "400" ... "504", "4xx_other", "5xx_other"; "Error",
  // "OriginConnectError", "OriginReadError", "OriginDnsError", "other".
  static std::string_view statusName(std::size_t column);
  static std::string_view typeName(std::size_t column);
};

}  // namespace cdnsim::sim
