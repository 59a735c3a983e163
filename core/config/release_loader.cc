// readRelease(): an object group's `release:`.

#include <cstdint>

#include "core/config/release_yaml.h"

namespace cdnsim::core::config {

ReleaseConfig readRelease(const YamlNode& node) {
  YamlMap m(node, "release", keys::kRelease);
  ReleaseConfig r;
  r.objects = static_cast<std::uint64_t>(m.require("objects").asInt("release objects", 1, 1'000'000));
  if (!m.has("at") && !m.has("every")) {
    node.fail("a release needs `at:` (one release at that time after the start) or `every:` "
              "(periodic releases)");
  }
  if (auto v = m.get("at")) r.firstAt = v->asDuration("release at");
  if (auto v = m.get("every")) {
    r.every = v->asDuration("release every");
    if (*r.every <= Duration::zero()) v->fail("release every must be above zero; expected a duration such as 1h");
    if (!m.has("at")) r.firstAt = *r.every;  // the first release one period in
  }
  if (auto v = m.get("until")) {
    if (!r.every) v->fail("'until' applies to periodic releases; expected `every:` beside it");
    r.until = v->asDuration("release until");
    if (*r.until < r.firstAt) {
      v->fail("release until is before the first release; expected a time at or after it");
    }
  }
  if (auto v = m.get("flash_crowd")) {
    if (r.every) {
      v->fail("a flash crowd follows a single release; expected `at:` without `every:`");
    }
    YamlMap f(*v, "flash_crowd", keys::kFlashCrowd);
    FlashCrowdConfig fc;
    fc.requestsPerSecond = readRate(f.require("requests_per_second"), "flash crowd requests_per_second");
    const auto decay = f.require("decay");
    fc.decay = decay.asDuration("flash crowd decay");
    if (fc.decay <= Duration::zero()) decay.fail("flash crowd decay must be above zero; expected a duration such as 10m");
    r.flashCrowd = fc;
  }
  return r;
}

}  // namespace cdnsim::core::config
