// CacheNode: the tier's decisions over time — store, hit while fresh, revalidate or refetch when
// expired, refresh on 304 — following RFC 9111 §4 and CloudFront's TTL rules (CLOUDFRONT.md §1).

#include "core/node/cache_node.h"

#include <catch2/catch.hpp>

#include "core/http/cache_control.h"
#include "core/store/policy_registry.h"

namespace cdnsim::core::node {

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

TEST_CASE("a cached copy keeps the origin's Date and names the origin that produced it",
          "[node][RFC9111 4.2.3]") {
  auto n = makeNode();
  Origin origin("max-age=600");
  auto answer = origin.answer(t0, t0 + seconds(2));
  answer.source = 3;
  origin.freshness.date = t0 - seconds(30);  // the copy was already 30 s old upstream
  n.storeAnswer(8, answer, kDefaults);
  const auto later = n.lookup(8, t0 + seconds(100));
  REQUIRE(later.entry != nullptr);
  CHECK(later.entry->date() == t0 - seconds(30));  // not recomputed as now - age
  CHECK(later.entry->source == 3);
  CHECK(later.age >= seconds(130));
}

TEST_CASE("collapsing: the first request for a key leads, the others follow, and are released in order",
          "[node][collapsing]") {
  auto n = makeNode();
  const node::RequestView view{42, "GET", &kDefaults};
  CHECK(n.joinFetch(view, 1) == node::FetchRole::Leader);
  CHECK(n.joinFetch(view, 2) == node::FetchRole::Follower);
  CHECK(n.joinFetch(view, 3) == node::FetchRole::Follower);
  CHECK(n.fetchInFlight(42));
  Origin origin("max-age=60");
  const auto taken = n.takeAnswer(view, origin.answer(t0, t0));
  CHECK(taken.servesWaiters);
  CHECK(taken.stored != nullptr);
  std::vector<std::uint32_t> waiters;
  n.releaseWaiters(42, waiters);
  CHECK(waiters == std::vector<std::uint32_t>{2, 3});
  CHECK_FALSE(n.fetchInFlight(42));
  CHECK(n.counters().collapsed == 2);
}

TEST_CASE("collapsing is off under CachingDisabled and with forwarded cookies", "[node][collapsing]") {
  auto n = makeNode();
  const cache::CacheabilitySettings disabled{{Duration(0), Duration(0), Duration(0)}};
  cache::CacheabilitySettings cookies;
  cookies.forwardCookies = true;
  const cache::CacheabilitySettings& cookiesForwarded = cookies;
  for (const cache::CacheabilitySettings* behavior : {&disabled, &cookiesForwarded}) {
    const node::RequestView view{7, "GET", behavior};
    CHECK(n.joinFetch(view, 1) == node::FetchRole::Alone);
    CHECK(n.joinFetch(view, 2) == node::FetchRole::Alone);
  }
  const node::RequestView disabledView{7, "GET", &disabled};
  CHECK(n.lookup(disabledView, t0).outcome == LookupOutcome::Bypass);
  const node::RequestView post{7, "POST", &kDefaults};
  CHECK(n.lookup(post, t0).outcome == LookupOutcome::Bypass);
}

TEST_CASE("with Min TTL 0, an answer that may not be cached does not serve the waiters",
          "[node][collapsing]") {
  auto n = makeNode();
  const node::RequestView view{9, "GET", &kDefaults};
  for (const char* cc : {"private", "no-store", "no-cache", "max-age=0", "s-maxage=0, max-age=60"}) {
    INFO(cc);
    Origin origin(cc);
    CHECK_FALSE(n.takeAnswer(view, origin.answer(t0, t0)).servesWaiters);
  }
  Origin cacheable("max-age=60");
  CHECK(n.takeAnswer(view, cacheable.answer(t0, t0)).servesWaiters);
  const cache::CacheabilitySettings minFive{{seconds(5), seconds(86400), seconds(31536000)}};
  const node::RequestView minView{9, "GET", &minFive};
  Origin noStore("no-store");
  CHECK(n.takeAnswer(minView, noStore.answer(t0, t0)).servesWaiters);
}

TEST_CASE("a node over full responses keeps the body beside the metadata", "[node][proxy]") {
  struct Body {
    std::string bytes;
  };
  node::CacheNodeOf<Body> n(store::makePolicy("lru", 1 << 20));
  Origin origin("max-age=60");
  const node::RequestView view{5, "GET", &kDefaults};
  n.takeAnswer(view, origin.answer(t0, t0, 5), Body{"hello"});
  const auto* entry = n.peekEntry(5);
  REQUIRE(entry != nullptr);
  CHECK(entry->body.bytes == "hello");
  CHECK(n.lookup(view, t0 + seconds(1)).outcome == LookupOutcome::Hit);
}

}  // namespace cdnsim::core::node
