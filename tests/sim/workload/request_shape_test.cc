// Request shapes: methods, query parameters, cookies and headers come out in their configured
// shares and cardinalities (fixed seeds), and KeyPlan::finish gives exactly cacheKeyHash of the
// request buildRequest renders, under every kind of cache policy.

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>

#include "core/cache/cache_key.h"
#include "core/cache/cache_policy.h"
#include "sim/random/rng.h"
#include "sim/workload/request_shape.h"
#include "tests/sim/workload/workload_test_scenarios.h"

namespace {

const std::string kShapedGroup = R"(  - name: pages
    path: /p/{id}.html
    objects: 100
    share: 1
    methods: {GET: 0.8, HEAD: 0.1, POST: 0.06, OPTIONS: 0.04}
    query:
      - {name: utm_source, probability: 0.3, values: [google, newsletter, twitter]}
      - {name: page, probability: 0.5, values: 40}
      - {name: _, probability: 0.1, values: unique}
    cookies:
      - {name: session, probability: 0.6, values: 1000}
      - {name: theme, values: {dark: 0.25, light: 0.75}}
    headers:
      - name: Accept-Encoding
        values: {"gzip, deflate, br": 0.7, "gzip, deflate": 0.2, identity: 0.1}
      - {name: User-Agent, values: [Mozilla/5.0 (X11), curl/8.5.0]}
      - {name: Accept-Language, probability: 0.9, values: [en-US, fr-FR, de-DE, ja-JP]}
)";

cdnsim::sim::RequestShape shapedGroup() {
  const auto scenario = cdnsim::testing::workloadScenario(kShapedGroup, cdnsim::testing::kOneClient);
  return cdnsim::sim::RequestShape(scenario.objectGroups.at(0));
}

std::size_t fieldIndex(const cdnsim::sim::RequestShape& shape, std::string_view name) {
  for (std::size_t i = 0; i < shape.fields().size(); ++i) {
    if (shape.fields()[i].name == name) return i;
  }
  FAIL("no field " << name);
  return 0;
}

}  // namespace

TEST_CASE("methods come out in their shares", "[sim][workload][shape]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using core::config::RequestMethod;
  using cdnsim::testing::samplingTolerance;
  const RequestShape shape = shapedGroup();
  REQUIRE(shape.varies());
  CHECK(shape.sendsOptions());
  constexpr int kRequests = 200000;
  std::map<RequestMethod, double> counts;
  Rng seeds(1);
  for (int i = 0; i < kRequests; ++i) counts[shape.draw(seeds.next()).method] += 1;
  for (const auto& [method, share] : std::map<RequestMethod, double>{
           {RequestMethod::Get, 0.8}, {RequestMethod::Head, 0.1}, {RequestMethod::Post, 0.06},
           {RequestMethod::Options, 0.04}}) {
    CAPTURE(core::config::toString(method));
    CHECK(counts[method] / kRequests == Approx(share).margin(samplingTolerance(share, kRequests)));
  }
}

TEST_CASE("query parameters: presence probability and cardinality", "[sim][workload][shape]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using cdnsim::testing::samplingTolerance;
  const RequestShape shape = shapedGroup();
  const auto utm = fieldIndex(shape, "utm_source");
  const auto page = fieldIndex(shape, "page");
  const auto buster = fieldIndex(shape, "_");
  constexpr int kRequests = 100000;
  double utmSent = 0, pageSent = 0, busterSent = 0;
  std::set<std::string> utmValues, pageValues, busterValues;
  std::array<char, 24> buffer;
  Rng seeds(2);
  for (int i = 0; i < kRequests; ++i) {
    const auto v = shape.draw(seeds.next());
    if (v.has(utm)) {
      utmSent += 1;
      utmValues.insert(std::string(shape.value(utm, v, buffer)));
    }
    if (v.has(page)) {
      pageSent += 1;
      pageValues.insert(std::string(shape.value(page, v, buffer)));
    }
    if (v.has(buster)) {
      busterSent += 1;
      busterValues.insert(std::string(shape.value(buster, v, buffer)));
    }
  }
  CHECK(utmSent / kRequests == Approx(0.3).margin(samplingTolerance(0.3, kRequests)));
  CHECK(pageSent / kRequests == Approx(0.5).margin(samplingTolerance(0.5, kRequests)));
  CHECK(busterSent / kRequests == Approx(0.1).margin(samplingTolerance(0.1, kRequests)));
  CHECK(utmValues == std::set<std::string>{"google", "newsletter", "twitter"});
  CHECK(pageValues.size() == 40);  // every one of the 40 values, and no other
  CHECK(*pageValues.begin() == "0");
  CHECK(pageValues.count("39") == 1);
  CHECK(busterValues.size() == static_cast<std::size_t>(busterSent));  // a cache buster never repeats
}

TEST_CASE("weighted values and cookies come out in their shares", "[sim][workload][shape]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using cdnsim::testing::samplingTolerance;
  const RequestShape shape = shapedGroup();
  const auto theme = fieldIndex(shape, "theme");
  const auto encoding = fieldIndex(shape, "Accept-Encoding");
  constexpr int kRequests = 100000;
  double dark = 0, br = 0;
  std::array<char, 24> buffer;
  Rng seeds(3);
  for (int i = 0; i < kRequests; ++i) {
    const auto v = shape.draw(seeds.next());
    REQUIRE(v.has(theme));  // probability 1
    dark += shape.value(theme, v, buffer) == "dark" ? 1 : 0;
    br += shape.value(encoding, v, buffer) == "gzip, deflate, br" ? 1 : 0;
  }
  CHECK(dark / kRequests == Approx(0.25).margin(samplingTolerance(0.25, kRequests)));
  CHECK(br / kRequests == Approx(0.7).margin(samplingTolerance(0.7, kRequests)));
}

TEST_CASE("the request rendered: query in order, headers, one Cookie field, and its size",
          "[sim][workload][shape]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using core::config::RequestMethod;
  const RequestShape shape = shapedGroup();
  RequestVariant v;
  v.method = RequestMethod::Head;
  const auto set = [&](std::string_view name, std::uint64_t value) {
    const auto i = fieldIndex(shape, name);
    v.present |= 1U << i;
    v.value[i] = value;
  };
  set("utm_source", 1);
  set("_", 0xabcULL);
  set("session", 42);
  set("theme", 0);
  set("User-Agent", 1);
  core::http::Request r;
  shape.buildRequest(v, "d.cloudfront.net", "/p/7.html", r);
  CHECK(r.method == "HEAD");
  CHECK(r.query == "utm_source=newsletter&_=0000000000000abc");
  REQUIRE(r.headers.size() == 2);
  CHECK(r.headers.fields()[0] == core::http::HeaderField{"User-Agent", "curl/8.5.0"});
  CHECK(r.headers.fields()[1] == core::http::HeaderField{"Cookie", "session=42; theme=dark"});
  // "User-Agent: curl/8.5.0\r\n" + "Cookie: session=42; theme=dark\r\n"
  CHECK(shape.headerBytes(v) == 24 + 32);
  std::array<char, 24> buffer;
  CHECK(shape.headerValue(v, "user-agent", buffer) == "curl/8.5.0");
  CHECK(shape.headerValue(v, "Accept-Language", buffer).empty());
}

TEST_CASE("KeyPlan::finish equals cacheKeyHash of the rendered request, under every policy",
          "[sim][workload][shape][key]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using core::config::RequestMethod;
  const RequestShape shape = shapedGroup();
  using core::cache::KeyBehavior;
  using core::cache::KeyItems;
  std::vector<core::cache::CachePolicyConfig> policies;
  policies.push_back(*core::cache::managedCachePolicy("CachingOptimized"));
  policies.push_back(*core::cache::managedCachePolicy("CachingDisabled"));
  policies.push_back(*core::cache::managedCachePolicy("Amplify"));
  core::cache::CachePolicyConfig custom;
  custom.queryStrings = KeyItems{KeyBehavior::All, {}};
  policies.push_back(custom);
  custom.queryStrings = KeyItems{KeyBehavior::AllowList, {"page", "%75tm_source"}};
  custom.headers = KeyItems{KeyBehavior::AllowList, {"accept-language", "Cookie", "Accept-Encoding"}};
  policies.push_back(custom);
  custom.queryStrings = KeyItems{KeyBehavior::AllExcept, {"_"}};
  custom.cookies = KeyItems{KeyBehavior::AllowList, {"theme"}};
  custom.headers = KeyItems{};
  custom.enableAcceptEncodingBrotli = true;
  policies.push_back(custom);
  custom.cookies = KeyItems{KeyBehavior::AllExcept, {"theme"}};
  custom.enableAcceptEncodingGzip = true;
  policies.push_back(custom);

  const std::string host = "d111111abcdef8.cloudfront.net";
  const std::string path = "/p/7.html";
  for (std::size_t p = 0; p < policies.size(); ++p) {
    CAPTURE(p);
    const KeyPlan plan(shape, policies[p]);
    core::http::Request plain;
    plain.host = host;
    plain.path = path;
    const auto plainKey = core::cache::cacheKeyHash(plain, policies[p]);
    const core::cache::CacheKeyHasher getHead(false, host, path);
    const core::cache::CacheKeyHasher optionsHead(true, host, path);
    Rng seeds(40 + p);
    std::set<std::uint64_t> keys;
    for (int i = 0; i < 20000; ++i) {
      const auto v = shape.draw(seeds.next());
      core::http::Request r;
      shape.buildRequest(v, host, path, r);
      const auto head = v.method == RequestMethod::Options ? optionsHead : getHead;
      const auto fast = plan.finish(head, v);
      CAPTURE(r.method, r.query, core::cache::cacheKeyString(r, policies[p]));
      REQUIRE(fast == core::cache::cacheKeyHash(r, policies[p]));
      // A plan that does not vary gives the plain GET key to every GET and HEAD.
      if (!plan.varies() && v.method != RequestMethod::Options) REQUIRE(fast == plainKey);
      keys.insert(fast);
    }
    // The fields the policy keys on multiply the keys of one object.
    if (p == 3) CHECK(keys.size() > 2000);  // all query strings, a cache buster among them
    if (p == 0) CHECK(keys.size() <= 8);    // CachingOptimized: encodings (and OPTIONS) only
  }
}
