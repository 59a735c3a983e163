#pragma once
// Values the standard access log and the real-time log write the same way (DG/AccessLogs.html,
// DG/real-time-logs.html): `-` for what is absent, seconds with milliseconds, the POP, the status.
// Inline: they run once per field of every logged request.

#include <cstdint>
#include <optional>
#include <string>

#include "core/emit/pop_code.h"
#include "core/record/text_append.h"
#include "core/time.h"

namespace cdnsim::core::record {

// Seconds with three decimals, rounded to the nearest millisecond ("0.123"); negative as 0.
inline void appendSeconds3(Duration d, std::string& out) {
  std::int64_t us = d.count();
  if (us < 0) us = 0;
  const std::int64_t ms = (us + 500) / 1000;
  appendUint(static_cast<std::uint64_t>(ms / 1000), out);
  char frac[4] = {'.'};
  writePadded(frac + 1, static_cast<unsigned>(ms % 1000), 3);
  out.append(frac, 4);
}

inline void appendOptionalSeconds(const std::optional<Duration>& d, std::string& out) {
  if (d) {
    appendSeconds3(*d, out);
  } else {
    out.push_back('-');
  }
}

template <typename T>
void appendOptionalUint(const std::optional<T>& v, std::string& out) {
  if (v) {
    appendUint(*v, out);
  } else {
    out.push_back('-');
  }
}

// x-edge-location: the POP code, `-` when the record has none.
inline void appendEdgeLocation(const emit::PopCode& pop, std::string& out) {
  if (pop.valid()) {
    char buf[emit::PopCode::kMaxLength];
    out.append(buf, pop.write(buf));
  } else {
    out.push_back('-');
  }
}

// sc-status; 000 when the viewer closed the connection before the response (DG/AccessLogs.html).
inline void appendStatus(int status, std::string& out) {
  if (status <= 0) {
    out.append("000");
  } else {
    appendUint(static_cast<std::uint64_t>(status), out);
  }
}

// c-port: `-` when unknown (0).
inline void appendClientPort(std::uint64_t port, std::string& out) {
  if (port != 0) {
    appendUint(port, out);
  } else {
    out.push_back('-');
  }
}

}  // namespace cdnsim::core::record
