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
  }
  return "?";
}

namespace {

std::uint32_t toSeconds(Duration d) {
  const std::int64_t s = wholeSeconds(d);
  return s <= 0 ? 0u : static_cast<std::uint32_t>(std::min<std::int64_t>(s, UINT32_MAX));
}

// Freshness metadata of an answer as this tier would store it.
StoredResponse describe(const UpstreamAnswer& answer, const cache::TtlSettings& ttl,
                        const cache::TtlDecision& decision) {
  StoredResponse s = StoredResponse::compact(
      cache::freshnessWindows(ttl, decision, answer.freshness->cacheControl));
  s.responseTime = answer.responseTime;
  s.correctedInitialAge = cache::correctedInitialAge(
      cache::ageInputsFrom(*answer.freshness, answer.requestTime, answer.responseTime));
  s.version = answer.version;
  s.status = static_cast<std::uint16_t>(answer.status);
  s.hasValidator = answer.hasValidator;
  return s;
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

CacheNode::CacheNode(std::unique_ptr<store::EvictionPolicy> policy) : store_(std::move(policy)) {}

LookupResult CacheNode::lookup(store::ObjectId key, TimePoint now) {
  ++counters_.lookups;
  const StoredResponse* entry = store_.find(key);
  if (entry == nullptr) {
    ++counters_.misses;
    return {};
  }
  const Duration age = cache::currentAge(entry->correctedInitialAge, entry->responseTime, now);
  const auto state = cache::freshnessState(entry->windows(), age);
  // Vary is not modelled on stored simulator entries (no Vary: * from our origins).
  switch (cache::decideStoredEntryAction(state, entry->hasValidator, false)) {
    case cache::StoredEntryAction::ServeHit:
      ++counters_.hits;
      return {LookupOutcome::Hit, entry, age};
    case cache::StoredEntryAction::ServeStaleAndRefresh:
      ++counters_.staleServed;
      return {LookupOutcome::StaleWhileRevalidate, entry, age};
    case cache::StoredEntryAction::Revalidate:
      ++counters_.revalidations;
      return {LookupOutcome::Revalidate, entry, age};
    case cache::StoredEntryAction::Refetch:
      ++counters_.refetches;
      return {LookupOutcome::Refetch, entry, age};
  }
  return {};
}

StoreResult CacheNode::storeAnswer(store::ObjectId key, const UpstreamAnswer& answer,
                                   const cache::CacheabilitySettings& behavior) {
  StoreResult result;
  const auto& ttl = behavior.ttl;
  // Simulated answers carry neither Set-Cookie nor Authorization: the origin models send none.
  result.storage = cache::responseStorage(behavior, "GET", false, answer.status,
                                          answer.freshness->cacheControl, false);
  result.ttl = cache::computeTtl(ttl, *answer.freshness, answer.responseTime);
  store_.erase(key);  // a full answer replaces whatever copy was there
  if (!result.storage.store || !result.ttl.store) {
    ++counters_.notStored;
    return result;
  }
  result.entry = store_.insert(key, answer.bodyBytes, describe(answer, ttl, result.ttl));
  result.stored = result.entry != nullptr;
  if (result.stored) {
    ++counters_.stores;
  } else {
    ++counters_.notStored;  // larger than the cache, or refused by admission
  }
  return result;
}

bool CacheNode::refreshStored(store::ObjectId key, const UpstreamAnswer& answer,
                              const cache::CacheabilitySettings& behavior) {
  StoredResponse* entry = store_.peek(key);
  if (entry == nullptr) return false;
  const auto& ttl = behavior.ttl;
  // RFC 9111 §4.3.4: the 304's fields replace the stored ones, so its Cache-Control, Date and Age
  // give the refreshed copy its new lifetime and age; the body (and its version) stay.
  const auto decision = cache::computeTtl(ttl, *answer.freshness, answer.responseTime);
  if (!decision.store) {
    // The origin now forbids storing (e.g. no-store with Min TTL 0): drop the copy.
    store_.erase(key);
    ++counters_.refreshes;
    return false;
  }
  const std::uint32_t version = entry->version;
  const bool hasValidator = entry->hasValidator;
  const std::uint16_t status = entry->status;
  *entry = describe(answer, ttl, decision);
  entry->version = version;
  entry->hasValidator = hasValidator;
  entry->status = status;
  ++counters_.refreshes;
  return true;
}

}  // namespace cdnsim::core::node
