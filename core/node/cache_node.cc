#include "core/node/cache_node.h"

#include <algorithm>
#include <cstdint>

namespace cdnsim::core::node {

std::string_view toString(LookupOutcome outcome) {
  switch (outcome) {
    case LookupOutcome::Hit: return "Hit";
    case LookupOutcome::StaleWhileRevalidate: return "StaleWhileRevalidate";
    case LookupOutcome::Revalidate: return "Revalidate";
    case LookupOutcome::Refetch: return "Refetch";
    case LookupOutcome::Miss: return "Miss";
    case LookupOutcome::Bypass: return "Bypass";
  }
  return "?";
}

std::string_view toString(FetchRole role) {
  switch (role) {
    case FetchRole::Leader: return "Leader";
    case FetchRole::Follower: return "Follower";
    case FetchRole::Alone: return "Alone";
  }
  return "?";
}

namespace {

std::uint32_t toSeconds(Duration d) {
  const std::int64_t s = wholeSeconds(d);
  return s <= 0 ? 0u : static_cast<std::uint32_t>(std::min<std::int64_t>(s, UINT32_MAX));
}

std::uint32_t toUnixSeconds(TimePoint t) {
  const std::int64_t s = unixSeconds(t);
  return s <= 0 ? 0u : static_cast<std::uint32_t>(std::min<std::int64_t>(s, UINT32_MAX));
}

}  // namespace

cache::FreshnessWindows StoredResponse::windows() const {
  cache::FreshnessWindows w;
  w.lifetime = lifetime;
  w.staleWhileRevalidate = seconds(staleWhileRevalidateSeconds);
  if (hasStaleIfError) w.staleIfError = seconds(staleIfErrorSeconds);
  w.mustRevalidate = mustRevalidate;
  return w;
}

StoredResponse StoredResponse::compact(const cache::FreshnessWindows& w) {
  StoredResponse s;
  s.lifetime = w.lifetime;
  s.staleWhileRevalidateSeconds = toSeconds(w.staleWhileRevalidate);
  s.hasStaleIfError = w.staleIfError.has_value();
  s.staleIfErrorSeconds = w.staleIfError ? toSeconds(*w.staleIfError) : 0;
  s.mustRevalidate = w.mustRevalidate;
  return s;
}

namespace detail {

LookupOutcome classifyStored(const StoredResponse& entry, Duration age) {
  const auto state = cache::freshnessState(entry.windows(), age);
  // Vary is not modelled on stored simulator entries (no Vary: * from our origins).
  switch (cache::decideStoredEntryAction(state, entry.hasValidator, false)) {
    case cache::StoredEntryAction::ServeHit: return LookupOutcome::Hit;
    case cache::StoredEntryAction::ServeStaleAndRefresh: return LookupOutcome::StaleWhileRevalidate;
    case cache::StoredEntryAction::Revalidate: return LookupOutcome::Revalidate;
    case cache::StoredEntryAction::Refetch: return LookupOutcome::Refetch;
  }
  return LookupOutcome::Refetch;
}

// Freshness metadata of an answer as this node would store it.
StoredResponse describe(const UpstreamAnswer& answer, const cache::TtlSettings& ttl,
                        const cache::TtlDecision& decision) {
  StoredResponse s = StoredResponse::compact(
      cache::freshnessWindows(ttl, decision, answer.freshness->cacheControl));
  s.responseTime = answer.responseTime;
  s.correctedInitialAge = cache::correctedInitialAge(
      cache::ageInputsFrom(*answer.freshness, answer.requestTime, answer.responseTime));
  // The Date travels with the copy as the origin sent it (RFC 9111 §4.2.3 uses it as sent; a
  // cache forwarding a stored response does not rewrite it). Absent: the time it arrived.
  s.dateSeconds = toUnixSeconds(answer.freshness->date.value_or(answer.responseTime));
  s.version = answer.version;
  s.status = static_cast<std::uint16_t>(answer.status);
  s.source = answer.source;
  s.hasValidator = answer.hasValidator;
  return s;
}

StoredResponse describeError(const UpstreamAnswer& answer, Duration ttl) {
  StoredResponse s;
  s.lifetime = ttl;
  s.responseTime = answer.responseTime;
  s.correctedInitialAge = cache::correctedInitialAge(
      cache::ageInputsFrom(*answer.freshness, answer.requestTime, answer.responseTime));
  s.dateSeconds = toUnixSeconds(answer.freshness->date.value_or(answer.responseTime));
  s.version = answer.version;
  s.status = static_cast<std::uint16_t>(answer.status);
  s.source = answer.source;
  s.hasValidator = false;  // an error is fetched again once expired, never revalidated
  s.generatedError = answer.generatedError;
  return s;
}

// The copy is re-based on `now` without changing its age (age = corrected initial age + time since
// the response), its lifetime stretched so that it is fresh until now + retryAfter, and its stale
// windows shortened by the same stretch, so that they still end where they ended: stale-if-error
// does not grow by being used. A window used up this way reads as stale-if-error=0 later, which
// forbids stale content exactly as an expired window does.
void holdStale(StoredResponse& entry, Duration age, Duration retryAfter, TimePoint now) {
  const Duration lifetime = std::max(entry.lifetime, age + retryAfter);
  const std::int64_t stretch = wholeSeconds(lifetime - entry.lifetime + std::chrono::seconds(1) -
                                            Duration(1));  // rounded up to whole seconds
  const auto shorten = [stretch](std::uint32_t window) {
    return static_cast<std::int64_t>(window) > stretch
               ? static_cast<std::uint32_t>(static_cast<std::int64_t>(window) - stretch)
               : 0u;
  };
  entry.correctedInitialAge = age;
  entry.responseTime = now;
  entry.lifetime = lifetime;
  entry.staleWhileRevalidateSeconds = shorten(entry.staleWhileRevalidateSeconds);
  entry.staleIfErrorSeconds = shorten(entry.staleIfErrorSeconds);
}

}  // namespace detail

}  // namespace cdnsim::core::node
