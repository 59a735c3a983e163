#pragma once
// The age of a stored response, exactly as RFC 9111 §4.2.3 computes it. CloudFront sends `Age`
// on cached replies; how it computes it is unverified (CLOUDFRONT.md §4), so we use the RFC.
//
//   apparent_age          = max(0, response_time - date_value)
//   response_delay        = response_time - request_time
//   corrected_age_value   = age_value + response_delay
//   corrected_initial_age = max(apparent_age, corrected_age_value)
//   resident_time         = now - response_time
//   current_age           = corrected_initial_age + resident_time
//
// A stored entry needs only corrected_initial_age and response_time (two integers): compute the
// first once when the response arrives, then currentAge(initial, responseTime, now) per request.

#include <cstdint>
#include <optional>

#include "core/cache/ttl.h"
#include "core/time.h"

namespace cdnsim::core::cache {

struct AgeInputs {
  std::optional<TimePoint> dateValue;  // the response's Date; absent -> apparent_age 0
  Duration ageValue{0};                // the response's Age, 0 if absent (§4.2.3 "age_value")
  TimePoint requestTime;               // when the request that produced the response was sent
  TimePoint responseTime;              // when the response was received
};

AgeInputs ageInputsFrom(const ResponseFreshnessInput& response, TimePoint requestTime,
                        TimePoint responseTime);

Duration correctedInitialAge(const AgeInputs& in);
Duration currentAge(const AgeInputs& in, TimePoint now);
// The cheap form for stored entries. A `now` before `responseTime` counts as no resident time.
Duration currentAge(Duration correctedInitialAge, TimePoint responseTime, TimePoint now);

// The Age header value for a reply: whole seconds, rounded down, never negative (RFC 9111 §5.1).
std::int64_t ageHeaderSeconds(Duration currentAge);

}  // namespace cdnsim::core::cache
