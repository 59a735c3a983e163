// Cache policy validation and the managed policies (DG/using-managed-cache-policies.html,
// API CachePolicyConfig, CLOUDFRONT.md §7).

#include "core/cache/cache_policy.h"

#include <catch2/catch.hpp>

namespace cdnsim::core::cache {

TEST_CASE(
    "managed cache policies carry CloudFront's ids and TTLs (DG/using-managed-cache-policies)",
    "[cache][policy]") {
  auto [key, name, id, minS, defS, maxS, gzip, br] =
      GENERATE(table<std::string, std::string, std::string, std::int64_t, std::int64_t,
                     std::int64_t, bool, bool>({
          {"CachingOptimized", "CachingOptimized", "658327ea-f89d-4fab-a63d-7e88639e58f6", 1, 86400,
           31536000, true, true},
          {"658327ea-f89d-4fab-a63d-7e88639e58f6", "CachingOptimized",
           "658327ea-f89d-4fab-a63d-7e88639e58f6", 1, 86400, 31536000, true, true},
          {"cachingoptimizedforuncompressedobjects", "CachingOptimizedForUncompressedObjects",
           "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", 1, 86400, 31536000, false, false},
          {"Managed-CachingDisabled", "CachingDisabled", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", 0,
           0, 0, false, false},
          {"2e54312d-136d-493c-8eb9-b001f22f67d2", "Amplify",
           "2e54312d-136d-493c-8eb9-b001f22f67d2", 2, 2, 600, true, true},
      }));
  CAPTURE(key);
  auto p = managedCachePolicy(key);
  REQUIRE(p.has_value());
  CHECK(p->name == name);
  CHECK(p->id == id);
  CHECK(p->minTtl == seconds(minS));
  CHECK(p->defaultTtl == seconds(defS));
  CHECK(p->maxTtl == seconds(maxS));
  CHECK(p->enableAcceptEncodingGzip == gzip);
  CHECK(p->enableAcceptEncodingBrotli == br);
  CHECK_FALSE(p->validate().has_value());
}

TEST_CASE(
    "CachingOptimized keys on nothing but the normalised Accept-Encoding; Amplify on "
    "three headers, all cookies, all query strings",
    "[cache][policy]") {
  auto opt = managedCachePolicy("CachingOptimized");
  REQUIRE(opt);
  CHECK(opt->queryStrings.behavior == KeyBehavior::None);
  CHECK(opt->headers.behavior == KeyBehavior::None);
  CHECK(opt->cookies.behavior == KeyBehavior::None);
  auto amp = managedCachePolicy("Amplify");
  REQUIRE(amp);
  CHECK(amp->headers ==
        KeyItems{KeyBehavior::AllowList, {"Authorization", "CloudFront-Viewer-Country", "Host"}});
  CHECK(amp->cookies.behavior == KeyBehavior::All);
  CHECK(amp->queryStrings.behavior == KeyBehavior::All);
  CHECK(managedCachePolicy("CachingDisabled")->cachingDisabled());
}

TEST_CASE("unknown managed policy names and ids are not found", "[cache][policy]") {
  auto key = GENERATE(as<std::string>{}, "", "CachingOptimised", "Managed-", "658327ea",
                      "658327EA-F89D-4FAB-A63D-7E88639E58F6");
  CAPTURE(key);
  CHECK_FALSE(managedCachePolicy(key).has_value());
}

TEST_CASE("the default policy is valid (API CachePolicyConfig defaults 0/86400/31536000)",
          "[cache][policy]") {
  CachePolicyConfig p;
  CHECK_FALSE(p.validate().has_value());
  CHECK(p.defaultTtl == seconds(86400));
  CHECK(p.maxTtl == seconds(31536000));
}

namespace {
CachePolicyConfig withItems(KeyItems qs, KeyItems hs, KeyItems cs) {
  CachePolicyConfig p;
  p.queryStrings = std::move(qs);
  p.headers = std::move(hs);
  p.cookies = std::move(cs);
  return p;
}
}  // namespace

TEST_CASE(
    "header keys allow only none or allow-list; query strings and cookies all four "
    "(API CachePolicyHeadersConfig / QueryStringsConfig / CookiesConfig)",
    "[cache][policy]") {
  using B = KeyBehavior;
  auto [qs, hs, cs, valid] = GENERATE(table<KeyItems, KeyItems, KeyItems, bool>({
      {{B::All, {}}, {B::None, {}}, {B::All, {}}, true},
      {{B::AllExcept, {"utm"}}, {B::AllowList, {"Origin"}}, {B::AllExcept, {"tracking"}}, true},
      {{B::AllowList, {"a", "b"}}, {B::AllowList, {"X-A"}}, {B::AllowList, {"s"}}, true},
      {{B::None, {}}, {B::All, {}}, {B::None, {}}, false},
      {{B::None, {}}, {B::AllExcept, {"Cookie"}}, {B::None, {}}, false},
      {{B::AllowList, {}}, {B::None, {}}, {B::None, {}}, false},    // allow-list without names
      {{B::All, {"x"}}, {B::None, {}}, {B::None, {}}, false},       // names with All
      {{B::None, {}}, {B::None, {}}, {B::AllExcept, {}}, false},    // except-list without names
      {{B::None, {}}, {B::AllowList, {""}}, {B::None, {}}, false},  // empty name
      {{B::AllowList, {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}},
       {B::None, {}},
       {B::None, {}},
       false},  // quota: 10 names per family
  }));
  auto p = withItems(qs, hs, cs);
  CAPTURE(qs.behavior, hs.behavior, cs.behavior);
  CHECK(p.validate().has_value() == !valid);
}

TEST_CASE("TTL bounds: Min <= Default <= Max, none negative (DG/Expiration.html)",
          "[cache][policy]") {
  auto [minS, defS, maxS, valid] = GENERATE(table<std::int64_t, std::int64_t, std::int64_t, bool>({
      {0, 0, 0, true},
      {1, 86400, 31536000, true},
      {5, 5, 5, true},
      {10, 5, 100, false},
      {0, 200, 100, false},
      {-1, 0, 0, false},
  }));
  CachePolicyConfig p;
  p.minTtl = seconds(minS);
  p.defaultTtl = seconds(defS);
  p.maxTtl = seconds(maxS);
  CAPTURE(minS, defS, maxS);
  CHECK(p.validate().has_value() == !valid);
}

TEST_CASE(
    "policy names hold letters, digits, '-' and '_' up to 128 characters "
    "(API CachePolicyConfig.Name)",
    "[cache][policy]") {
  auto [name, valid] = GENERATE(table<std::string, bool>({
      {"My_Policy-1", true},
      {"", false},
      {"has space", false},
      {"dot.name", false},
      {std::string(128, 'a'), true},
      {std::string(129, 'a'), false},
  }));
  CachePolicyConfig p;
  p.name = name;
  CHECK(p.validate().has_value() == !valid);
}

TEST_CASE("Accept-Encoding may not be listed when the normalisation flags key it",
          "[cache][policy]") {
  CachePolicyConfig p;
  p.headers = {KeyBehavior::AllowList, {"accept-encoding"}};
  CHECK_FALSE(p.validate().has_value());
  p.enableAcceptEncodingGzip = true;
  CHECK(p.validate().has_value());
}

TEST_CASE("key behaviours parse in our and the API's spelling", "[cache][policy]") {
  auto [text, want] = GENERATE(table<std::string, std::optional<KeyBehavior>>({
      {"none", KeyBehavior::None},
      {"whitelist", KeyBehavior::AllowList},
      {"allowList", KeyBehavior::AllowList},
      {"allExcept", KeyBehavior::AllExcept},
      {"ALL", KeyBehavior::All},
      {"some", std::nullopt},
      {"", std::nullopt},
  }));
  CAPTURE(text);
  CHECK(parseKeyBehavior(text) == want);
  if (want) CHECK(parseKeyBehavior(toString(*want)) == want);
}

}  // namespace cdnsim::core::cache
