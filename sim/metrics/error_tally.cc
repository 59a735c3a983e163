#include "sim/metrics/error_tally.h"

namespace cdnsim::sim {

void ErrorTally::add(int status, core::emit::DetailedResultType type) {
  if (status >= 400 && status <= 599) {
    std::size_t column = status < 500 ? kTalliedStatuses.size() : kTalliedStatuses.size() + 1;
    for (std::size_t i = 0; i < kTalliedStatuses.size(); ++i) {
      if (kTalliedStatuses[i] == status) column = i;
    }
    ++byStatus[column];
  }
  std::size_t column = kTalliedTypes.size();
  for (std::size_t i = 0; i < kTalliedTypes.size(); ++i) {
    if (kTalliedTypes[i] == type) column = i;
  }
  ++byType[column];
}

std::uint64_t ErrorTally::total() const {
  std::uint64_t n = 0;
  for (const auto v : byType) n += v;
  return n;
}

ErrorTally& ErrorTally::operator+=(const ErrorTally& other) {
  for (std::size_t i = 0; i < byStatus.size(); ++i) byStatus[i] += other.byStatus[i];
  for (std::size_t i = 0; i < byType.size(); ++i) byType[i] += other.byType[i];
  return *this;
}

std::string_view ErrorTally::statusName(std::size_t column) {
  static constexpr std::string_view kNames[kStatusColumns] = {
      "400", "403", "404", "405", "414", "416", "500", "501", "502", "503", "504",
      "4xx_other", "5xx_other"};
  return kNames[column];
}

std::string_view ErrorTally::typeName(std::size_t column) {
  if (column < kTalliedTypes.size()) return core::emit::toString(kTalliedTypes[column]);
  return "other";
}

}  // namespace cdnsim::sim
