// What each origin sends for each group of its paths (AnswerProfile), and the caching headers an
// answer carries as a cache stores them.
#include "sim/run/tiered_simulation.h"

#include <stdexcept>

#include "core/http/cache_control.h"
#include "core/http/http_date.h"
#include "core/origin/path_rules.h"
#include "sim/run/flight.h"

namespace cdnsim::sim {

namespace {

// The origins' random streams (the workload's sources have theirs, sim/workload/).
constexpr std::uint64_t kOriginStreamBase = 0x0819140000;

}  // namespace

void TieredSimulation::buildAnswerProfiles() {
  // What each origin sends: its default answer, its missing keys, then one profile per path rule.
  const auto profileOf = [&](std::uint16_t o, const core::origin::PathRule* rule, bool held) {
    const auto& origin = topology_.origins[o];
    AnswerProfile p;
    p.origin = o;
    p.held = held && (rule == nullptr || !rule->absent);
    p.cacheControl = scenario_.catalogue.cacheControl;  // catalogue objects: their group's instead
    p.contentType = origin.contentType;
    p.hasValidator = origin.kind == core::config::OriginKind::S3 || origin.validators.any();
    if (rule != nullptr) {
      p.rule = rule;
      p.ruleStatus = rule->status;
      p.size = rule->size;
      if (rule->cacheControl) p.cacheControl = *rule->cacheControl;
      p.ownHeaders = rule->cacheControl.has_value() || rule->expires.has_value();
      if (rule->contentType) p.contentType = *rule->contentType;
      p.expires = rule->expires;
    }
    p.freshness.cacheControl = core::http::parseResponseCacheControl(p.cacheControl);
    if (p.expires) p.freshness.expires = core::http::parseHttpDate(*p.expires);
    return p;
  };
  for (std::uint16_t o = 0; o < topology_.origins.size(); ++o) {
    const auto& origin = topology_.origins[o];
    OriginState state;
    state.rng = Rng::stream(scenario_.seed, kOriginStreamBase + o);
    if (origin.concurrency) state.limit.emplace(origin.concurrency->limit, origin.concurrency->queue);
    state.defaultProfile = static_cast<std::uint16_t>(profiles_.size());
    profiles_.push_back(profileOf(o, nullptr, true));
    state.missingProfile = static_cast<std::uint16_t>(profiles_.size());
    profiles_.push_back(profileOf(o, nullptr, false));
    state.firstRuleProfile = static_cast<std::uint16_t>(profiles_.size());
    for (const auto& rule : origin.paths) profiles_.push_back(profileOf(o, &rule, true));
    state.plain = origin.kind == core::config::OriginKind::S3 && origin.errors.empty();
    originStates_.push_back(std::move(state));
    if (profiles_.size() > UINT16_MAX) {
      throw std::invalid_argument("a topology may have at most 65535 origin path rules in all");
    }
  }
}

std::uint16_t TieredSimulation::profileIndex(std::uint64_t object, std::uint16_t origin) const {
  const std::uint16_t primary = objects_[object].profile;
  if (profiles_[primary].origin == origin) return primary;
  // Another origin of the object's group: match its own rules (rare: failover only).
  const auto& state = originStates_[origin];
  pathScratch_.clear();
  appendPath(object, pathScratch_);
  const bool missing = object >= catalogueObjects_ && object < catalogueObjects_ + missingObjects_;
  if (const auto r = core::origin::matchPathRule(topology_.origins[origin].paths, pathScratch_)) {
    const auto p = static_cast<std::uint16_t>(state.firstRuleProfile + *r);
    return missing && profiles_[p].held ? state.missingProfile : p;
  }
  return missing ? state.missingProfile : state.defaultProfile;
}

core::cache::ResponseFreshnessInput TieredSimulation::freshnessOf(const Flight& fl) const {
  const AnswerProfile& profile = profiles_[fl.profile];
  core::cache::ResponseFreshnessInput freshness;
  if (fl.status >= 400 && (fl.generated != 0 || profile.ruleStatus != fl.status)) {
    // An error carries caching headers only when a custom origin's path rule answered it.
    freshness = noHeaders_;
  } else if (profile.ownHeaders || fl.object >= catalogueObjects_) {
    freshness = profile.freshness;
  } else {
    return workload_.freshnessFor(fl.group, fl.date);  // the object group's headers
  }
  freshness.date = fl.date;
  return freshness;
}

}  // namespace cdnsim::sim
