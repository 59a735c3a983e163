#include "core/cache/age.h"

#include <algorithm>

namespace cdnsim::core::cache {

AgeInputs ageInputsFrom(const ResponseFreshnessInput& response, TimePoint requestTime,
                        TimePoint responseTime) {
  return AgeInputs{response.date, response.age.value_or(Duration::zero()), requestTime, responseTime};
}

Duration correctedInitialAge(const AgeInputs& in) {
  const Duration apparentAge =
      in.dateValue ? std::max(Duration::zero(), in.responseTime - *in.dateValue) : Duration::zero();
  // A response cannot arrive before its request; clamp so bad inputs cannot make age negative.
  const Duration responseDelay = std::max(Duration::zero(), in.responseTime - in.requestTime);
  const Duration correctedAgeValue = std::max(Duration::zero(), in.ageValue) + responseDelay;
  return std::max(apparentAge, correctedAgeValue);
}

Duration currentAge(Duration initial, TimePoint responseTime, TimePoint now) {
  return initial + std::max(Duration::zero(), now - responseTime);
}

Duration currentAge(const AgeInputs& in, TimePoint now) {
  return currentAge(correctedInitialAge(in), in.responseTime, now);
}

std::int64_t ageHeaderSeconds(Duration age) { return std::max<std::int64_t>(0, wholeSeconds(age)); }

}  // namespace cdnsim::core::cache
