// The workload end to end without the CDN: group shares, popularity within a group (Zipf-Mandelbrot
// rank frequencies), paths from templates, sizes from an empirical CDF, releases that put new
// objects on top, flash crowds aimed at the release, and each object's key row.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/cache/cache_policy.h"
#include "sim/random/distributions.h"
#include "sim/workload/workload.h"
#include "tests/sim/workload/workload_test_scenarios.h"

namespace {

std::vector<cdnsim::core::cache::CachePolicyConfig> optimized() {
  return {*cdnsim::core::cache::managedCachePolicy("CachingOptimized")};
}

const std::string kTwoGroups = R"(  - name: images
    path: /img/{id}.jpg
    objects: 200
    share: 0.7
    popularity: {distribution: zipf_mandelbrot, alpha: 1.0, q: 5}
    sizes:
      distribution: empirical
      points:
        - {p: 0, size: 1KiB}
        - {p: 0.5, size: 20KiB}
        - {p: 0.9, size: 200KiB}
        - {p: 1, size: 2MiB}
    content_type: image/jpeg
    cache_control: max-age=86400
  - name: scripts
    path_prefix: /js/
    objects: 50
    share: 0.3
    popularity: {distribution: zipf, alpha: 0.8}
    expires: 1h
)";

}  // namespace

TEST_CASE("objects, paths and origin headers of object groups", "[sim][workload]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using cdnsim::testing::kOneClient;
  using cdnsim::testing::workloadScenario;
  const auto scenario = workloadScenario(kTwoGroups, kOneClient);
  const Catalogue catalogue(scenario);
  REQUIRE(catalogue.groupCount() == 2);
  CHECK(catalogue.objectCount() == 250);
  CHECK(catalogue.path(0) == "/img/0.jpg");
  CHECK(catalogue.path(199) == "/img/199.jpg");
  CHECK(catalogue.path(200) == "/js/obj-0");
  CHECK(catalogue.groupOf(199) == 0);
  CHECK(catalogue.groupOf(200) == 1);
  CHECK(catalogue.contentType(0) == "image/jpeg");
  CHECK(catalogue.cacheControl(0) == "max-age=86400");
  CHECK(catalogue.cacheControl(1).empty());
  CHECK(catalogue.group(1).origin.expiresAfter == core::seconds(3600));
  // A `catalogue:` scenario is one group with the paths it always had.
  const auto legacy = core::config::loadScenarioFromString(
      "name: c\ntopology: t.yaml\nrequests: 10\ncatalogue: {objects: 3, path_prefix: /a/}\n"
      "clients: [{name: x, location: {lat: 0, lon: 0}, requests_per_second: 1}]\n",
      "c.yaml");
  const Catalogue one(legacy);
  CHECK(one.groupCount() == 1);
  CHECK(one.path(2) == "/a/obj-2");
}

TEST_CASE("group sizes drawn from an empirical CDF have its quantiles", "[sim][workload][sizes]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using cdnsim::testing::kOneClient;
  using cdnsim::testing::workloadScenario;
  std::string groups = kTwoGroups;
  groups.replace(groups.find("objects: 200"), 12, "objects: 100000");
  const Catalogue catalogue(workloadScenario(groups, kOneClient));
  std::vector<double> sizes;
  for (std::uint64_t i = 0; i < 100000; ++i) sizes.push_back(static_cast<double>(catalogue.size(i)));
  std::sort(sizes.begin(), sizes.end());
  const auto q = [&](double p) { return sizes[static_cast<std::size_t>(p * (sizes.size() - 1))]; };
  // Each point is a quantile. A sample quantile is off by about sqrt(p(1-p)/n) in p, which the
  // CDF's slope turns into bytes; check within ±0.005 in p (over 5 standard errors).
  const EmpiricalCdf law{{{0.0, 1024.0}, {0.5, 20480.0}, {0.9, 204800.0}, {1.0, 2097152.0}}};
  for (const double p : {0.0, 0.25, 0.5, 0.7, 0.9, 1.0}) {
    CAPTURE(p);
    CHECK(q(p) >= std::floor(law.quantile(std::max(0.0, p - 0.005))));
    CHECK(q(p) <= std::ceil(law.quantile(std::min(1.0, p + 0.005))));
  }
  CHECK(q(0.0) == 1024);
}

TEST_CASE("requests split by group share; ranks follow Zipf-Mandelbrot within a group",
          "[sim][workload][popularity]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using cdnsim::testing::kOneClient;
  using cdnsim::testing::samplingTolerance;
  using cdnsim::testing::workloadScenario;
  Workload workload(workloadScenario(kTwoGroups, kOneClient), "d.cloudfront.net", optimized());
  REQUIRE(workload.sourceCount() == 1);
  constexpr int kRequests = 300000;
  std::map<std::uint64_t, double> objectCounts;
  double images = 0;
  const core::TimePoint now = core::fromUnixSeconds(1767225600);
  for (int i = 0; i < kRequests; ++i) {
    const auto a = workload.draw(0, now);
    REQUIRE(a.client == 0);
    REQUIRE(a.variant == 0);  // these groups' requests never vary
    images += a.group == 0 ? 1 : 0;
    REQUIRE(workload.catalogue().groupOf(a.object) == a.group);
    objectCounts[a.object] += 1;
  }
  CHECK(images / kRequests == Approx(0.7).margin(samplingTolerance(0.7, kRequests)));
  // Object k of the images is rank k + 1: P ∝ (k + 1 + 5)^-1.
  const double h = shiftedHarmonicNumber(200, 1.0, 5.0);
  for (std::uint64_t k : {0, 1, 5, 50}) {
    CAPTURE(k);
    const double p = std::pow(static_cast<double>(k) + 1 + 5, -1.0) / h;
    CHECK(objectCounts[k] / images == Approx(p).margin(samplingTolerance(p, images)));
  }
}

TEST_CASE("releases add objects on top of the ranks; a flash crowd asks for the release",
          "[sim][workload][release]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using cdnsim::testing::kOneClient;
  using cdnsim::testing::samplingTolerance;
  using cdnsim::testing::workloadScenario;
  const std::string groups = R"(  - name: releases
    path: /download/app-{id}.dmg
    objects: 3
    share: 0.5
    popularity: {distribution: zipf, alpha: 1.2}
    release: {at: 10m, objects: 1, flash_crowd: {requests_per_second: 200, decay: 1m}}
  - name: news
    path: /news/{id}
    objects: 10
    share: 0.5
    release: {every: 1h, objects: 2, until: 3h}
)";
  Workload workload(workloadScenario(groups, kOneClient + "  - {name: tokyo, city: NRT, requests_per_second: 300}\n"),
                    "d.cloudfront.net", optimized());
  const Catalogue& c = workload.catalogue();
  // 3 + 1 release; 10 + 3 releases of 2 (1h, 2h, 3h).
  CHECK(c.objectCount() == 4 + 16);
  const core::TimePoint start = core::fromUnixSeconds(1767225600);
  CHECK(c.available(0, start) == 3);
  CHECK(c.available(0, start + core::seconds(600)) == 4);
  CHECK(c.available(1, start + core::seconds(3599)) == 10);
  CHECK(c.available(1, start + core::seconds(7200)) == 14);
  CHECK(c.available(1, start + core::seconds(86400)) == 16);
  // Newest first: after two news releases, rank 1 is the second release's last object.
  CHECK(c.objectAtRank(1, 1, 4) == c.group(1).first + 13);
  CHECK(c.objectAtRank(1, 5, 4) == c.group(1).first + 0);
  CHECK(c.path(3) == "/download/app-3.dmg");

  // Before the release nobody asks for app-3; after it, it is the most requested download.
  REQUIRE(workload.sourceCount() == 3);  // two populations and the flash crowd
  std::map<std::uint64_t, int> before, after;
  for (int i = 0; i < 20000; ++i) {
    const auto a = workload.draw(0, start + core::seconds(60));
    if (a.group == 0) ++before[a.object];
    const auto b = workload.draw(1, start + core::seconds(700));
    if (b.group == 0) ++after[b.object];
  }
  CHECK(before.count(3) == 0);
  CHECK(after[3] > after[0]);
  // The flash crowd: only app-3, from both populations in proportion to their rates (1 : 3),
  // starting at the release.
  std::map<std::uint32_t, double> byClient;
  int crowd = 0;
  core::TimePoint t = start;
  while (auto next = workload.nextArrival(2, t)) {
    REQUIRE(*next >= start + core::seconds(600));
    t = *next;
    const auto a = workload.draw(2, t);
    REQUIRE(a.object == 3);
    byClient[a.client] += 1;
    ++crowd;
  }
  CHECK(crowd == Approx(200 * 60).epsilon(5.0 / std::sqrt(12000.0)));
  CHECK(byClient[1] / crowd == Approx(0.75).margin(samplingTolerance(0.75, crowd)));
}

TEST_CASE("an object's key row is its key, or its head when its requests vary the key",
          "[sim][workload][key]") {
  using namespace cdnsim;
  using namespace cdnsim::sim;
  using cdnsim::testing::kOneClient;
  using cdnsim::testing::workloadScenario;
  const std::string groups = R"(  - name: a
    path: /a/{id}
    objects: 5
    share: 1
    query: [{name: v, values: 9}]
)";
  const auto scenario = workloadScenario(groups, kOneClient);
  std::vector<core::cache::CachePolicyConfig> policies = optimized();
  core::cache::CachePolicyConfig all;
  all.queryStrings.behavior = core::cache::KeyBehavior::All;
  policies.push_back(all);
  Workload workload(scenario, "d.cloudfront.net", policies);
  core::http::Request r;
  r.host = "d.cloudfront.net";
  r.path = "/a/1";
  // Under CachingOptimized the query string never enters the key: the row is the key itself.
  const auto row0 = workload.objectKey(1, r.path, 0);
  CHECK(row0 == core::cache::cacheKeyHash(r, policies[0]));
  // Keyed on every query string, each request's key is finished from the row.
  const auto row1 = workload.objectKey(1, r.path, 1);
  const auto v = workload.variant(0, 12345);
  workload.shape(0).buildRequest(v, r.host, r.path, r);
  CHECK(workload.requestKey(1, 0, 1, v, row1) == core::cache::cacheKeyHash(r, policies[1]));
  CHECK(workload.requestKey(1, 0, 0, v, row0) == row0);
}
