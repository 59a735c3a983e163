// Origins that fail, whole requests through POP → REC → origin on the virtual clock: the 502/504s
// CloudFront generates after its connection attempts and timeouts (DG/http-502-bad-gateway.html,
// DG/http-504-gateway-timeout.html), origin errors passed through and cached for the Error Caching
// Min TTL (DG/HTTPStatusCodes.html), expired copies served when the origin fails, custom error
// responses, origin-group failover (DG/high_availability_origin_failover.html).

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "sim/run/tiered_simulation.h"

namespace {

// One POP, its REC and the origins all at the same place: every leg is the 1 ms base latency, so
// a viewer's time is the origin's attempts and timeouts plus a few milliseconds.
std::string faultTopology(const std::string& origins, const std::string& extra = "",
                     const std::string& behaviorOrigin = "o") {
  return R"(name: t
network: {base_latency: 1ms, km_per_ms: 100}
regional_edge_caches:
  - {name: us-east-1, region: us-east-1, location: {lat: 38.94, lon: -77.46}, cache: {capacity: 1GiB}}
pops:
  - {code: IAD89-C1, location: {lat: 38.94, lon: -77.46}, regional_edge_cache: us-east-1, cache: {capacity: 1GiB}}
origins:
)" + origins + "behaviors:\n  - {path_pattern: \"*\", origin: " + behaviorOrigin +
         ", cache_policy: CachingOptimized}\n" + extra;
}

std::string faultCustomOrigin(const std::string& name, const std::string& settings) {
  return "  - {name: " + name +
         ", type: custom, domain: " + name + ".example.com, location: {lat: 38.94, lon: -77.46}" +
         (settings.find("first_byte_latency") == std::string::npos ? ", first_byte_latency: 20ms" : "") +
         (settings.empty() ? "" : ", " + settings) + "}\n";
}

// Viewers near the POP, `rps` requests a second, over `objects` objects of 1000 bytes.
std::string faultScenario(std::uint64_t requests, const std::string& events,
                     const std::string& cacheControl = "max-age=3600", int objects = 1,
                     const std::string& missing = "", double rps = 1) {
  return "name: s\ntopology: t.yaml\nseed: 5\nrequests: " + std::to_string(requests) +
         "\ncatalogue: {objects: " + std::to_string(objects) +
         ", zipf_alpha: 0.9, cache_control: \"" + cacheControl +
         "\", sizes: {distribution: fixed, size: 1000B}" +
         (missing.empty() ? "" : ", missing: " + missing) +
         "}\nclients:\n  - {name: iad, location: {lat: 38.94, lon: -77.46}, requests_per_second: " +
         fmt::format("{}", rps) + "}\n" + (events.empty() ? "" : "events:\n" + events);
}

struct ViewerExchanges : cdnsim::sim::ExchangeObserver {
  std::vector<cdnsim::sim::ViewerExchange> all;
  void onViewerExchange(const cdnsim::sim::ViewerExchange& e) override { all.push_back(e); }
};

struct FaultRun {
  cdnsim::core::config::TopologyConfig topology;
  cdnsim::core::config::ScenarioConfig scenario;
  ViewerExchanges seen;
  std::unique_ptr<cdnsim::sim::TieredSimulation> sim;
  FaultRun(const std::string& t, const std::string& s)
      : topology(cdnsim::core::config::loadTopologyFromString(t, "t.yaml")),
        scenario(cdnsim::core::config::loadScenarioFromString(s, "s.yaml")) {
    cdnsim::core::config::validateScenarioEvents(scenario.events, topology);
    sim = std::make_unique<cdnsim::sim::TieredSimulation>(scenario, topology);
    sim->run(&seen);
    INFO(fmt::format("{}", fmt::join(sim->summary().accountingViolations(), "\n")));
    CHECK(sim->summary().accountingViolations().empty());
  }
  const cdnsim::sim::RunSummary& summary() const { return sim->summary(); }
  double at(cdnsim::core::TimePoint t) const {
    return std::chrono::duration<double>(t - scenario.start).count();
  }
  static double seconds(cdnsim::core::Duration d) { return std::chrono::duration<double>(d).count(); }
};

}  // namespace

TEST_CASE("an unreachable origin gives the viewer CloudFront's own 502 or 504 after its attempts",
          "[sim][origin][faults]") {
  using namespace cdnsim;
  using core::emit::DetailedResultType;
  using core::emit::EdgeResultType;
  struct Case {
    std::string mode;  // the origin's condition
    std::string settings;
    int status;
    DetailedResultType detailed;
    double minSeconds, maxSeconds;  // the viewer's time taken
  };
  const auto c = GENERATE(
      // A firewalled origin: attempts × connection timeout (DG/http-504-gateway-timeout.html).
      Case{"silent", "connection_attempts: 3, connection_timeout: 10s", 504,
           DetailedResultType::OriginConnectError, 30.0, 30.02},
      Case{"silent", "connection_attempts: 2, connection_timeout: 4s", 504,
           DetailedResultType::OriginConnectError, 8.0, 8.02},
      Case{"silent", "connection_attempts: 1, connection_timeout: 1s", 504,
           DetailedResultType::OriginConnectError, 1.0, 1.02},
      // Nothing listening: refused at once, every attempt (a round trip each).
      Case{"refusing", "connection_attempts: 3", 502, DetailedResultType::OriginConnectError,
           0.0, 0.03},
      Case{"tls_failure", "connection_attempts: 2", 502, DetailedResultType::OriginConnectError,
           0.0, 0.03},
      Case{"dns_failure", "", 502, DetailedResultType::OriginDnsError, 0.0, 0.01});
  INFO(c.mode << " " << c.settings);
  const std::string settings =
      "condition: {reachability: " + c.mode + "}" + (c.settings.empty() ? "" : ", " + c.settings);
  FaultRun run(faultTopology(faultCustomOrigin("o", settings)), faultScenario(3, "", "max-age=3600"));
  REQUIRE(run.seen.all.size() == 3);
  for (const auto& ex : run.seen.all) {
    CHECK(ex.status == c.status);
    CHECK(ex.generatedError == static_cast<std::uint8_t>(static_cast<int>(c.detailed) + 1));
    CHECK(ex.outcome.result == EdgeResultType::Error);
    CHECK(ex.outcome.detailed == c.detailed);
    // The first request makes the attempts; later ones wait for the same fetch or get the error
    // the POP cached (5xx: 10 s).
    const double taken = FaultRun::seconds(ex.end - ex.start);
    if (ex.sequence == 0) CHECK(taken >= c.minSeconds);
    CHECK(taken <= c.maxSeconds);
  }
  CHECK(run.summary().viewerErrors == 3);
  CHECK(run.summary().viewerErrorTally.byType[1 + (c.detailed == DetailedResultType::OriginDnsError ? 2 : 0)] ==
        3);
}

TEST_CASE("an origin slower than the response timeout gives 504 OriginReadError, GET retried",
          "[sim][origin][faults]") {
  using namespace cdnsim;
  using core::emit::DetailedResultType;
  // 1 s first byte × 10 = 10 s, past a 4 s response timeout: 3 attempts of 4 s each.
  FaultRun run(faultTopology(faultCustomOrigin("o", "first_byte_latency: 1s, response_timeout: 4s, "
                                     "connection_attempts: 3")),
          faultScenario(40, "  - {kind: origin_slow, origin: o, factor: 10, at: 0s, until: 25s}\n",
                   "max-age=1"));
  std::size_t readErrors = 0, leaders = 0, answered = 0;
  for (const auto& ex : run.seen.all) {
    if (run.at(ex.start) < 12) {  // every fetch starts and ends inside the slow spell
      CHECK(ex.status == 504);
      CHECK(ex.outcome.detailed == DetailedResultType::OriginReadError);
      // The request that made the fetch waits 3 × 4 s; others joined it later (collapsed).
      const double taken = FaultRun::seconds(ex.end - ex.start);
      CHECK(taken <= 12.1);
      if (taken >= 12.0) ++leaders;
      ++readErrors;
    } else if (run.at(ex.start) > 26) {
      CHECK(ex.status == 200);
      ++answered;
    }
  }
  CHECK(readErrors > 3);
  CHECK(leaders >= 1);
  CHECK(answered > 3);
  // Each failed fetch made its three attempts.
  CHECK(run.summary().originReadTimeouts >= 3);
  CHECK(run.summary().originReadTimeouts % 3 == 0);
}

TEST_CASE("an origin_down event makes viewers see 502s, and the origin's answers come back after",
          "[sim][origin][faults][events]") {
  using namespace cdnsim;
  using core::emit::DetailedResultType;
  using core::emit::EdgeResultType;
  // max-age=1: nearly every request goes to the origin.
  FaultRun run(faultTopology(faultCustomOrigin("o", "")),
          faultScenario(60, "  - {kind: origin_down, origin: o, mode: refusing, at: 20s, until: 40s}\n",
                   "max-age=1, must-revalidate"));
  std::size_t during = 0;
  for (const auto& ex : run.seen.all) {
    const double t = run.at(ex.start);
    if (t > 21 && t < 39 && ex.outcome.result != EdgeResultType::Hit) {
      CHECK(ex.status == 502);
      CHECK(ex.outcome.detailed == DetailedResultType::OriginConnectError);
      ++during;
    }
    if (t < 19 || t > 41) CHECK(ex.status == 200);
  }
  CHECK(during > 5);
  // Each failed fetch made its three attempts.
  CHECK(run.summary().originRefused > 0);
  CHECK(run.summary().originRefused % 3 == 0);
  // The time series count the 502s per interval: at the viewers (edge), the REC and the origin.
  const auto& series = run.sim->timeSeries();
  const auto names = sim::timeSeriesNames(run.topology);
  for (const std::string name : {"edge", "regional", "origin"}) {
    INFO(name);
    const auto s = static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
    REQUIRE(s < names.size());
    std::uint64_t errors502 = 0, connectErrors = 0;
    for (std::size_t i = 0; i < series.intervalCount(); ++i) {
      const auto cell = series.errorsAt(i, s);
      errors502 += cell.tally.byStatus[8];  // kTalliedStatuses[8] == 502
      connectErrors += cell.tally.byType[1];  // OriginConnectError
    }
    CHECK(errors502 > 0);
    CHECK(connectErrors == errors502);
  }
}

TEST_CASE("an origin error passes through and is cached for the Error Caching Min TTL",
          "[sim][origin][errors]") {
  using namespace cdnsim;
  using core::emit::DetailedResultType;
  using core::emit::EdgeResultType;
  // Every other request asks for a key the bucket does not hold.
  struct Case {
    std::string origin;
    std::string extra;  // custom_error_responses
    int status;
    double ttl;  // seconds the error stays cached
  };
  const auto s3 = [](bool list) {
    return std::string("  - {name: o, type: s3, domain: o.s3.us-east-1.amazonaws.com, region: "
                       "us-east-1, location: {lat: 38.94, lon: -77.46}") +
           (list ? ", list_bucket: true" : "") + "}\n";
  };
  const auto c = GENERATE_COPY(
      // S3 hides which keys exist from a requester without list permission (403 AccessDenied);
      // a 403 is cached only when the origin gives it a max-age (DG/HTTPStatusCodes.html), and
      // S3's error has no Cache-Control: every one goes to the origin.
      Case{s3(false), "", 403, 0},
      Case{s3(true), "", 404, 10},
      Case{s3(true), "custom_error_responses:\n  - {error_code: 404, error_caching_min_ttl: 60s}\n",
           404, 60},
      Case{s3(true), "custom_error_responses:\n  - {error_code: 404, error_caching_min_ttl: 0s}\n",
           404, 0});
  INFO(c.extra);
  FaultRun run(faultTopology(c.origin, c.extra), faultScenario(400, "", "max-age=3600", 1,
                                                "{share: 0.5, objects: 1}", 2));
  std::size_t errors = 0;
  for (const auto& ex : run.seen.all) {
    if (ex.status < 400) continue;
    ++errors;
    CHECK(ex.status == c.status);
    CHECK(ex.outcome.result == EdgeResultType::Error);
    CHECK(ex.outcome.detailed == DetailedResultType::Error);
    CHECK(ex.generatedError == 0);
  }
  CHECK(errors > 60);
  // The one catalogue object is fetched once (max-age=3600); every other origin request is the
  // missing key, fetched again once the cached error has expired.
  const double span = run.at(run.seen.all.back().start);
  const auto missingFetches = static_cast<double>(run.summary().originRequests - 1);
  if (c.ttl == 0) {
    CHECK(run.summary().edge.cachedErrors == 0);
    CHECK(missingFetches > static_cast<double>(errors) / 2);
  } else {
    CHECK(missingFetches <= span / c.ttl + 2);
    CHECK(missingFetches >= span / c.ttl / 2);
    CHECK(run.summary().edge.cachedErrors > 0);
  }
}

TEST_CASE("an expired copy is served when the origin fails, unless must-revalidate forbids it",
          "[sim][origin][stale]") {
  using namespace cdnsim;
  const auto cc = GENERATE(as<std::string>{}, "max-age=5", "max-age=5, stale-if-error=3600",
                           "max-age=5, must-revalidate");
  INFO(cc);
  FaultRun run(faultTopology(faultCustomOrigin("o", "connection_attempts: 1, connection_timeout: 2s")),
          faultScenario(90, "  - {kind: origin_down, origin: o, mode: silent, at: 20s, until: 60s}\n",
                   cc));
  const bool forbidden = cc.find("must-revalidate") != std::string::npos;
  std::size_t errors = 0, stale = 0;
  for (const auto& ex : run.seen.all) {
    const double t = run.at(ex.start);
    if (t < 20 || t > 62) {
      CHECK(ex.status == 200);
      continue;
    }
    if (ex.status >= 400) {
      CHECK(ex.status == 504);
      ++errors;
    }
    if (ex.staleOnError) ++stale;
  }
  if (forbidden) {
    CHECK(errors > 5);
    CHECK(run.summary().viewerStaleOnError == 0);
  } else {
    CHECK(errors == 0);  // viewers of the cached object see no error during the outage
    CHECK(stale > 0);
    CHECK(run.summary().viewerStaleOnError == stale);
  }
}

TEST_CASE("a custom error response replaces the error with its page and code",
          "[sim][origin][errors]") {
  using namespace cdnsim;
  using core::emit::EdgeResultType;
  const std::string origin =
      "  - {name: o, type: s3, domain: o.s3.us-east-1.amazonaws.com, region: us-east-1, "
      "location: {lat: 38.94, lon: -77.46}, list_bucket: true}\n";
  FaultRun run(faultTopology(origin,
                   "custom_error_responses:\n"
                   "  - {error_code: 404, response_page_path: /errors/404.html, response_code: 200}\n"),
          faultScenario(100, "", "max-age=3600", 1, "{share: 0.5, objects: 3}", 2));
  std::size_t pages = 0;
  for (const auto& ex : run.seen.all) {
    if (!ex.customErrorPage) {
      CHECK(ex.status == 200);
      continue;
    }
    ++pages;
    CHECK(ex.status == 200);          // the response code the rule sets
    CHECK(ex.errorStatus == 404);     // what the origin said
    CHECK(ex.answerStatus == 200);    // the page's own fetch
    CHECK(ex.outcome.result == EdgeResultType::Error);  // the log keeps the origin's outcome
    CHECK(ex.answerObject != ex.object);
  }
  CHECK(pages > 20);
  CHECK(run.summary().viewerCustomErrorPages == pages);
}

TEST_CASE("an origin group fails over to the secondary on its status codes and on no answer",
          "[sim][origin][failover]") {
  using namespace cdnsim;
  struct Case {
    std::string primary;
    std::string codes;
    bool failsOver;
  };
  const auto c = GENERATE(
      Case{"condition: {error_rate: 1, error_status: 503}", "[503]", true},
      Case{"condition: {error_rate: 1, error_status: 500}", "[503]", false},
      Case{"condition: {reachability: refusing}", "[503]", true},
      Case{"condition: {reachability: silent}, connection_attempts: 1, connection_timeout: 2s",
           "[500, 502]", true});
  INFO(c.primary << " " << c.codes);
  FaultRun run(faultTopology(faultCustomOrigin("primary", c.primary) + faultCustomOrigin("secondary", ""),
                   "origin_groups:\n  - {name: g, primary: primary, secondary: secondary, "
                   "failover_status_codes: " + c.codes + "}\n",
                   "g"),
          faultScenario(30, "", "max-age=1"));
  std::size_t secondary = 0;
  for (const auto& ex : run.seen.all) {
    if (c.failsOver) {
      CHECK(ex.status == 200);
      CHECK(ex.origin == 1);
      if (c.primary.find("silent") != std::string::npos &&
          ex.answeredBy == core::emit::HitLayer::Origin) {
        CHECK(FaultRun::seconds(ex.end - ex.start) >= 2.0);  // the primary's timeout first
      }
      ++secondary;
    } else {
      CHECK(ex.status == 500);
    }
  }
  CHECK(run.summary().failovers == (c.failsOver ? run.summary().originRequests : 0));
  if (c.failsOver) CHECK(secondary == run.seen.all.size());
}

TEST_CASE("origin connection settings outside CloudFront's ranges are refused at their value",
          "[config][origin]") {
  using namespace cdnsim;
  struct Case {
    std::string settings;
    std::string message;
  };
  const auto c = GENERATE(
      Case{"connection_attempts: 4", "connection_attempts"},
      Case{"connection_timeout: 11s", "connection_timeout must be a whole number of seconds from 1s to 10s"},
      Case{"connection_timeout: 1500ms", "whole number of seconds"},
      Case{"response_timeout: 121s", "response_timeout must be a whole number of seconds from 1s to 120s"});
  INFO(c.settings);
  try {
    core::config::loadTopologyFromString(faultTopology(faultCustomOrigin("o", c.settings)), "t.yaml");
    FAIL("accepted");
  } catch (const core::config::ConfigError& e) {
    const std::string what = e.what();
    CHECK_THAT(what, Catch::Contains(c.message));
    CHECK_THAT(what, Catch::StartsWith("t.yaml:8:"));
  }
}

TEST_CASE("a custom origin over its concurrency limit and queue answers 503 at once",
          "[sim][origin][concurrency]") {
  using namespace cdnsim;
  using core::emit::DetailedResultType;
  // 1 slot, no queue, 2 s per answer; 20 objects asked for 10 times a second; no-store: the caches
  // keep nothing, so every request not joining another's fetch reaches the origin.
  FaultRun run(faultTopology(faultCustomOrigin("o", "response_time: {distribution: fixed, time: 2s}, "
                                     "concurrency: {limit: 1, queue: 0}")),
          faultScenario(100, "", "no-store", 20, "", 10));
  std::size_t overloaded = 0, answered = 0, waitedFull = 0;
  for (const auto& ex : run.seen.all) {
    if (ex.status == 503) {
      ++overloaded;
      CHECK(ex.outcome.detailed == DetailedResultType::Error);  // the origin's own 503
      CHECK(FaultRun::seconds(ex.end - ex.start) < 0.1);             // refused at once
    } else {
      CHECK(ex.status == 200);
      const double taken = FaultRun::seconds(ex.end - ex.start);
      CHECK(taken <= 2.1);
      if (taken >= 2.0) ++waitedFull;  // the others joined a fetch in flight
      ++answered;
    }
  }
  CHECK(overloaded > 50);
  CHECK(answered >= 3);
  CHECK(waitedFull >= 3);
  CHECK(run.summary().originOverloaded > 0);
}

TEST_CASE("a custom origin's path rule fixes the status and caching headers under its prefix",
          "[sim][origin][paths]") {
  using namespace cdnsim;
  using core::emit::EdgeResultType;
  // The catalogue's objects are /assets/obj-<i>; a rule sends 410 with max-age=60 for
  // /assets/obj-1 (obj-1, obj-10..19), which CloudFront caches like a 200, under its max-age
  // (410 is among the codes it caches, DG/HTTPStatusCodes.html).
  FaultRun run(faultTopology(faultCustomOrigin("o", "paths: [{prefix: /assets/obj-1, status: 410, "
                                     "cache_control: max-age=60}]")),
          faultScenario(200, "", "max-age=3600", 30, "", 5));
  std::size_t gone = 0;
  for (const auto& ex : run.seen.all) {
    const bool ruled = ex.object == 1 || (ex.object >= 10 && ex.object <= 19);
    CHECK(ex.status == (ruled ? 410 : 200));
    if (ruled) {
      ++gone;
      CHECK(ex.outcome.result == EdgeResultType::Error);
    }
  }
  CHECK(gone > 10);
  CHECK(run.summary().edge.cachedErrors > 0);
}

TEST_CASE("an invalidation removes cached errors too", "[sim][origin][errors][events]") {
  using namespace cdnsim;
  // The missing key's 404 is cached for 300 s; an invalidation of /assets/* at 30 s removes it,
  // so the next request for it goes to the origin again.
  const std::string origin =
      "  - {name: o, type: s3, domain: o.s3.us-east-1.amazonaws.com, region: us-east-1, "
      "location: {lat: 38.94, lon: -77.46}, list_bucket: true}\n";
  const std::string custom =
      "custom_error_responses:\n  - {error_code: 404, error_caching_min_ttl: 300s}\n";
  const auto originRequests = [&](const std::string& events) {
    FaultRun run(faultTopology(origin, custom), faultScenario(120, events, "max-age=3600", 1,
                                               "{share: 0.5, objects: 1}", 2));
    return std::pair{run.summary().originRequests, run.summary().invalidatedObjects};
  };
  const auto [plain, none] = originRequests("");
  const auto [invalidated, removed] = originRequests(
      "  - {kind: invalidation, paths: [\"/assets/*\"], at: 30s, completes_after: 1s}\n");
  CHECK(none == 0);
  CHECK(plain == 2);  // the object and the missing key, once each
  // The object and the cached 404 at the POP (a bucket in the REC's own Region is reached without
  // the REC, DG/HowCloudFrontWorks.html).
  CHECK(removed == 2);
  CHECK(invalidated == 4);
}

TEST_CASE("only GET, HEAD and OPTIONS fail over; a POST gets the primary's answer",
          "[sim][origin][failover]") {
  using namespace cdnsim;
  const std::string scenarioText =
      "name: s\ntopology: t.yaml\nseed: 5\nstart: 2026-01-01T00:00:00Z\nrequests: 200\n"
      "object_groups:\n"
      "  - {name: api, path: \"/api/{id}\", objects: 5, share: 1, cache_control: \"max-age=1\", "
      "methods: {GET: 0.5, POST: 0.5}}\n"
      "clients:\n  - {name: iad, location: {lat: 38.94, lon: -77.46}, requests_per_second: 5}\n";
  FaultRun run(faultTopology(faultCustomOrigin("primary", "condition: {error_rate: 1, error_status: 503}") +
                       faultCustomOrigin("secondary", ""),
                   "origin_groups:\n  - {name: g, primary: primary, secondary: secondary, "
                   "failover_status_codes: [503]}\n",
                   "g"),
          scenarioText);
  std::size_t gets = 0, posts = 0;
  for (const auto& ex : run.seen.all) {
    if (ex.method == core::config::RequestMethod::Post) {
      CHECK(ex.status == 503);
      CHECK(ex.origin == 0);
      ++posts;
    } else {
      CHECK(ex.status == 200);
      ++gets;
    }
  }
  CHECK(posts > 50);
  CHECK(gets > 50);
}
