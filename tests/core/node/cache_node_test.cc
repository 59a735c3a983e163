// CacheNode: the tier's decisions over time — store, hit while fresh, revalidate or refetch when
// expired, refresh on 304 — following RFC 9111 §4 and CloudFront's TTL rules (CLOUDFRONT.md §1).

#include "core/node/cache_node.h"

#include <catch2/catch.hpp>

#include "core/http/cache_control.h"
#include "core/store/policy_registry.h"

using namespace cdnsim::core;
using node::CacheNode;
using node::LookupOutcome;

namespace {

const TimePoint t0 = fromUnixSeconds(1767225600);

struct Origin {
  cache::ResponseFreshnessInput freshness;
  explicit Origin(std::string_view cacheControl, std::optional<Duration> age = std::nullopt) {
    freshness.cacheControl = http::parseResponseCacheControl(cacheControl);
    freshness.age = age;
  }
  node::UpstreamAnswer answer(TimePoint sent, TimePoint received, std::uint64_t bytes = 1000,
                              int status = 200, bool validator = true) {
    freshness.date = sent;
    node::UpstreamAnswer a;
    a.status = status;
    a.bodyBytes = bytes;
    a.version = 1;
    a.hasValidator = validator;
    a.freshness = &freshness;
    a.requestTime = sent;
    a.responseTime = received;
    return a;
  }
};

CacheNode makeNode(std::uint64_t capacity = 1 << 20, const char* policy = "lru") {
  return CacheNode(store::makePolicy(policy, capacity));
}

const cache::CacheabilitySettings kDefaults{};  // TTLs 0 / 86400 / 31536000

}  // namespace

TEST_CASE("a stored copy is a Hit while fresh, then revalidated; a 304 makes it fresh again",
          "[node][RFC9111 4.2][RFC9111 4.3.4]") {
  auto n = makeNode();
  Origin origin("max-age=60");
  CHECK(n.lookup(7, t0).outcome == LookupOutcome::Miss);
  const auto stored = n.storeAnswer(7, origin.answer(t0, t0), kDefaults);
  CHECK(stored.stored);
  CHECK(stored.ttl.rule == cache::TtlRule::MaxAge);

  auto hit = n.lookup(7, t0 + seconds(59));
  CHECK(hit.outcome == LookupOutcome::Hit);
  CHECK(hit.age == seconds(59));
  CHECK(n.lookup(7, t0 + seconds(60)).outcome == LookupOutcome::Revalidate);

  CHECK(n.refreshStored(7, origin.answer(t0 + seconds(61), t0 + seconds(61), 0, 304), kDefaults));
  CHECK(n.lookup(7, t0 + seconds(100)).outcome == LookupOutcome::Hit);
  CHECK(n.lookup(7, t0 + seconds(121)).outcome == LookupOutcome::Revalidate);
  CHECK(n.counters().refreshes == 1);
  CHECK(n.counters().hits == 2);
}

TEST_CASE("an expired copy without a validator is fetched again in full", "[node][RFC9111 4.3.1]") {
  auto n = makeNode();
  Origin origin("max-age=10");
  n.storeAnswer(1, origin.answer(t0, t0, 500, 200, /*validator=*/false), kDefaults);
  CHECK(n.lookup(1, t0 + seconds(11)).outcome == LookupOutcome::Refetch);
}

TEST_CASE("the Age an upper tier states shortens the lower tier's freshness", "[node][RFC9111 4.2.3]") {
  auto n = makeNode();
  Origin rec("max-age=600", seconds(500));  // the REC's copy was already 500 s old
  auto answer = rec.answer(t0, t0);
  rec.freshness.date = t0 - seconds(500);  // the origin's Date travels with the copy
  n.storeAnswer(3, answer, kDefaults);
  CHECK(n.lookup(3, t0 + seconds(99)).outcome == LookupOutcome::Hit);
  CHECK(n.lookup(3, t0 + seconds(101)).outcome == LookupOutcome::Revalidate);
}

TEST_CASE("no-store is not kept with Min TTL 0 but is kept for Min TTL when it is above 0",
          "[node][CloudFront expiration table]") {
  Origin origin("no-store");
  auto n = makeNode();
  auto result = n.storeAnswer(4, origin.answer(t0, t0), kDefaults);
  CHECK_FALSE(result.stored);
  CHECK(result.storage.rule == cache::StorageRule::NoStore);
  CHECK(n.lookup(4, t0).outcome == LookupOutcome::Miss);

  const cache::CacheabilitySettings minFive{{seconds(5), seconds(86400), seconds(31536000)}};
  result = n.storeAnswer(4, origin.answer(t0, t0), minFive);
  CHECK(result.stored);
  CHECK(n.lookup(4, t0 + seconds(4)).outcome == LookupOutcome::Hit);
  CHECK(n.lookup(4, t0 + seconds(5)).outcome == LookupOutcome::Revalidate);
}

TEST_CASE("stale-while-revalidate serves the expired copy inside its window", "[node][RFC5861 3]") {
  auto n = makeNode();
  Origin origin("max-age=10, stale-while-revalidate=30");
  n.storeAnswer(5, origin.answer(t0, t0), kDefaults);
  CHECK(n.lookup(5, t0 + seconds(20)).outcome == LookupOutcome::StaleWhileRevalidate);
  CHECK(n.lookup(5, t0 + seconds(41)).outcome == LookupOutcome::Revalidate);
}

TEST_CASE("CachingDisabled stores nothing", "[node][CloudFront managed policies]") {
  auto n = makeNode();
  Origin origin("max-age=3600");
  const cache::CacheabilitySettings disabled{{Duration(0), Duration(0), Duration(0)}};
  CHECK_FALSE(n.storeAnswer(6, origin.answer(t0, t0), disabled).stored);
  CHECK(n.lookup(6, t0).outcome == LookupOutcome::Miss);
}

TEST_CASE("the store's capacity bounds the node: too large is not admitted, LRU evicts the oldest",
          "[node][store]") {
  auto n = makeNode(3000);
  Origin origin("max-age=3600");
  CHECK_FALSE(n.storeAnswer(1, origin.answer(t0, t0, 5000), kDefaults).stored);
  n.storeAnswer(1, origin.answer(t0, t0, 1000), kDefaults);
  n.storeAnswer(2, origin.answer(t0, t0, 1000), kDefaults);
  n.storeAnswer(3, origin.answer(t0, t0, 1000), kDefaults);
  CHECK(n.lookup(1, t0).outcome == LookupOutcome::Hit);  // 1 becomes most recent
  n.storeAnswer(4, origin.answer(t0, t0, 1000), kDefaults);  // evicts 2
  CHECK(n.lookup(2, t0).outcome == LookupOutcome::Miss);
  CHECK(n.lookup(1, t0).outcome == LookupOutcome::Hit);
  CHECK(n.evictions() == 1);
}

TEST_CASE("only cacheable statuses are stored", "[node][cacheability]") {
  auto n = makeNode();
  Origin origin("max-age=60");
  CHECK(n.storeAnswer(1, origin.answer(t0, t0, 10, 201), kDefaults).storage.rule ==
        cache::StorageRule::StatusNotCacheable);
  CHECK(n.lookup(1, t0).outcome == LookupOutcome::Miss);
}

TEST_CASE("a 304 for a copy evicted meanwhile refreshes nothing", "[node][RFC9111 4.3.4]") {
  auto n = makeNode();
  Origin origin("max-age=1");
  CHECK_FALSE(n.refreshStored(9, origin.answer(t0, t0, 0, 304), kDefaults));
}

TEST_CASE("stored freshness windows survive compaction to whole seconds", "[node][RFC5861]") {
  cache::FreshnessWindows w;
  w.lifetime = millis(1500);  // the lifetime keeps its full precision
  w.staleWhileRevalidate = seconds(30);
  w.staleIfError = seconds(0);  // stale-if-error=0 forbids stale: must not become "absent"
  w.mustRevalidate = true;
  const auto stored = node::StoredResponse::compact(w);
  CHECK(stored.windows() == w);
  w.staleIfError.reset();
  CHECK(node::StoredResponse::compact(w).windows() == w);
}
