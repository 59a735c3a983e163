// CacheNode::takeAnswer with errors (DG/HTTPStatusCodes.html): an origin error is cached for the
// Error Caching Min TTL (10 s, or the custom error response's) and served as an error until then;
// an expired copy is served instead when the origin answers 5xx or not at all, unless
// must-revalidate forbids it; a 4xx replaces the copy.

#include "core/node/cache_node.h"

#include <catch2/catch.hpp>

#include "core/emit/result_type.h"
#include "core/http/cache_control.h"
#include "core/store/policy_registry.h"

namespace cdnsim::core::node {

namespace {

const TimePoint kErrorT0 = fromUnixSeconds(1767225600);
const cache::CacheabilitySettings kErrorDefaults{};

struct Upstream {
  cache::ResponseFreshnessInput freshness;
  explicit Upstream(std::string_view cacheControl) {
    freshness.cacheControl = http::parseResponseCacheControl(cacheControl);
  }
  node::UpstreamAnswer answer(TimePoint at, int status, std::uint8_t generated = 0,
                              const cache::CustomErrorResponse* custom = nullptr) {
    freshness.date = at;
    node::UpstreamAnswer a;
    a.status = status;
    a.bodyBytes = status == 200 ? 1000 : 300;
    a.version = 1;
    a.hasValidator = status == 200;
    a.freshness = &freshness;
    a.requestTime = at;
    a.responseTime = at;
    a.generatedError = generated;
    a.customError = custom;
    return a;
  }
};

node::CacheNode makeErrorNode() { return node::CacheNode(store::makePolicy("lru", 1 << 20)); }
const node::RequestView kView{9, "GET", &kErrorDefaults};

}  // namespace

TEST_CASE("an origin 404 is cached for 10 s, or for the custom error response's min TTL",
          "[node][errors]") {
  cache::CustomErrorResponse custom;
  custom.errorCode = 404;
  custom.errorCachingMinTtl = seconds(300);
  const bool withCustom = GENERATE(false, true);
  const Duration ttl = withCustom ? seconds(300) : seconds(10);
  auto n = makeErrorNode();
  Upstream error("");
  const auto taken = n.takeAnswer(kView, error.answer(kErrorT0, 404, 0, withCustom ? &custom : nullptr));
  REQUIRE(taken.stored != nullptr);
  CHECK(taken.stored->status == 404);
  CHECK(taken.errorCaching.ttl == ttl);
  const auto hit = n.lookup(kView, kErrorT0 + ttl - seconds(1));
  CHECK(hit.outcome == LookupOutcome::Hit);
  CHECK(hit.entry->status == 404);
  // Expired, it is fetched again in full (an error has no validator).
  CHECK(n.lookup(kView, kErrorT0 + ttl).outcome == LookupOutcome::Refetch);
  CHECK(n.counters().errorsStored == 1);
}

TEST_CASE("a generated 504 keeps who made it, so the cached copy is served as CloudFront's error",
          "[node][errors]") {
  auto n = makeErrorNode();
  Upstream none("");
  const std::uint8_t generated = 1 + static_cast<std::uint8_t>(emit::DetailedResultType::OriginReadError);
  const auto taken = n.takeAnswer(kView, none.answer(kErrorT0, 504, generated));
  REQUIRE(taken.stored != nullptr);
  CHECK(taken.stored->generatedError == generated);
  CHECK(n.lookup(kView, kErrorT0 + seconds(5)).entry->generatedError == generated);
}

TEST_CASE("an expired copy is served on a 5xx or no answer, held for the min TTL; not on a 4xx",
          "[node][errors][stale]") {
  struct Case {
    std::string cacheControl;
    int status;
    std::uint8_t generated;
    bool stale;
  };
  const auto c = GENERATE(Case{"max-age=60", 503, 0, true},
                          Case{"max-age=60", 504, 1, true},  // no answer at all
                          Case{"max-age=60, stale-if-error=600", 500, 0, true},
                          Case{"max-age=60, must-revalidate", 503, 0, false},
                          Case{"max-age=60, stale-if-error=0", 503, 0, false},
                          Case{"max-age=60", 404, 0, false});
  INFO(c.cacheControl << " " << c.status);
  auto n = makeErrorNode();
  Upstream object(c.cacheControl);
  n.takeAnswer(kView, object.answer(kErrorT0, 200));
  const TimePoint failed = kErrorT0 + seconds(100);
  REQUIRE(n.lookup(kView, failed).outcome != LookupOutcome::Hit);
  Upstream error("");
  const auto taken = n.takeAnswer(kView, error.answer(failed, c.status, c.generated));
  CHECK(taken.staleOnError == c.stale);
  if (c.stale) {
    REQUIRE(taken.stored != nullptr);
    CHECK(taken.stored->status == 200);
    // Served as fresh until the Error Caching Min TTL (10 s) is over, then tried again; its age
    // keeps growing.
    const auto held = n.lookup(kView, failed + seconds(9));
    CHECK(held.outcome == LookupOutcome::Hit);
    CHECK(held.age == seconds(109));
    CHECK(n.lookup(kView, failed + seconds(11)).outcome != LookupOutcome::Hit);
    CHECK(n.counters().staleOnError == 1);
  } else {
    const auto after = n.lookup(kView, failed + seconds(1));
    // The error replaced the copy (cached if its status allows).
    CHECK((after.outcome == LookupOutcome::Miss || after.entry->status == c.status));
  }
}

TEST_CASE("a custom error page wins over CloudFront's serve-expired default, not over stale-if-error",
          "[node][errors][stale]") {
  cache::CustomErrorResponse custom;
  custom.errorCode = 503;
  custom.responsePagePath = "/errors/503.html";
  custom.responseCode = 503;
  for (const std::string cc : {"max-age=60", "max-age=60, stale-if-error=600"}) {
    INFO(cc);
    auto n = makeErrorNode();
    Upstream object(cc);
    n.takeAnswer(kView, object.answer(kErrorT0, 200));
    Upstream error("");
    const auto taken = n.takeAnswer(kView, error.answer(kErrorT0 + seconds(100), 503, 0, &custom));
    CHECK(taken.staleOnError == (cc.find("stale-if-error") != std::string::npos));
  }
}

}  // namespace cdnsim::core::node
