#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/config/config_error.h"
#include "core/config/scenario.h"

namespace cdnsim::core::config {

namespace {
const std::string kScenario = R"(name: s
topology: ../topologies/t.yaml
seed: 7
start: 2026-03-01T12:00:00Z
requests: 1000
catalogue:
  objects: 50
  zipf_alpha: 1.1
  sizes: {distribution: pareto, scale: 4KiB, alpha: 1.5, max: 1MiB}
  cache_control: "max-age=60, stale-while-revalidate=30"
clients:
  - name: tokyo
    location: {lat: 35.7, lon: 139.7}
    requests_per_second: 50
)";

// The scenario with the first `from` replaced by `to`.
std::string mutateScenario(const std::string& from, const std::string& to) {
  std::string text = kScenario;
  text.replace(text.find(from), from.size(), to);
  return text;
}

// The scenario with its sizes line replaced by `sizes`.
std::string withSizes(const std::string& sizes) {
  const std::string from = "{distribution: pareto, scale: 4KiB, alpha: 1.5, max: 1MiB}";
  std::string text = kScenario;
  text.replace(text.find(from), from.size(), sizes);
  return text;
}

// "s.yaml:line:col:" of the first `needle` after the first `after` in `text`.
std::string whereInScenario(const std::string& text, const std::string& needle, const std::string& after = "") {
  const std::size_t at = text.find(needle, text.find(after));
  const std::size_t lineStart = text.rfind('\n', at) + 1;
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  return "s.yaml:" + std::to_string(line) + ":" + std::to_string(1 + at - lineStart) + ": ";
}
}  // namespace

TEST_CASE("a scenario loads; its topology path is relative to the scenario file",
          "[config][scenario]") {
  const auto s = loadScenarioFromString(kScenario, "/x/scenarios/s.yaml");
  CHECK(s.topologyPath == "/x/topologies/t.yaml");
  CHECK(s.seed == 7);
  CHECK(s.start == fromUnixSeconds(1772366400));  // 2026-03-01T12:00:00Z
  CHECK(s.requests == 1000);
  CHECK(s.catalogue.objects == 50);
  CHECK(s.catalogue.zipfAlpha == 1.1);
  CHECK(s.catalogue.sizes.kind == config::SizeDistributionKind::Pareto);
  CHECK(s.catalogue.sizes.medianBytes == 4096);
  CHECK(s.catalogue.sizes.shape == 1.5);
  CHECK(s.catalogue.cacheControl == "max-age=60, stale-while-revalidate=30");
  REQUIRE(s.clients.size() == 1);
  CHECK(s.clients[0].requestsPerSecond == 50);
}

TEST_CASE("scenario mistakes are reported at file:line:col", "[config][scenario][errors]") {
  auto [from, to, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"requests: 1000", "requests: 0", "s.yaml:5:11: requests must be between 1 and"},
      {"requests: 1000", "request: 1000", "s.yaml:5:1: unknown key 'request' in scenario"},
      {"alpha: 1.5", "sigma: 1.5", "s.yaml:9:53: 'sigma' does not apply to a pareto distribution"},
      {"start: 2026-03-01T12:00:00Z", "start: yesterday", "s.yaml:4:8: start (ISO 8601"},
      {"requests_per_second: 50", "requests_per_second: -5",
       "s.yaml:14:26: requests_per_second must be between"},
      {"distribution: pareto", "distribution: zipf",
       "s.yaml:9:25: size distribution must be one of: fixed, lognormal, pareto, empirical; got 'zipf'"},
  }));
  std::string text = kScenario;
  text.replace(text.find(from), from.size(), to);
  CAPTURE(from, to);
  CHECK_THROWS_WITH(loadScenarioFromString(text, "s.yaml"), Catch::StartsWith(expected));
}

TEST_CASE("a catalogue too large to allocate is refused at its objects key with its memory",
          "[config][scenario][errors]") {
  auto [objects, expected] = GENERATE(table<std::string, std::string>({
      {"4294967296",
       "catalogue objects: 4294967296 objects would take 128.0 GiB (32 bytes each) before the run "
       "starts; expected at most 100000000 objects"},
      {"100000001", "catalogue objects: 100000001 objects would take 3.0 GiB"},
      {"99999999999999999999", "catalogue objects must be a whole number"},
  }));
  const std::string text = mutateScenario("objects: 50", "objects: " + objects);
  CAPTURE(objects);
  CHECK_THROWS_WITH(loadScenarioFromString(text, "s.yaml"),
                    Catch::StartsWith(whereInScenario(text, objects) + expected));
  CHECK(loadScenarioFromString(mutateScenario("objects: 50", "objects: 100000000"), "s.yaml")
            .catalogue.objects == config::kMaxCatalogueObjects);
}

TEST_CASE("impossible calendar dates and times of day are refused", "[config][scenario][errors]") {
  auto [start, expected] = GENERATE(table<std::string, std::string>({
      {"2026-02-31T00:00:00Z", "start '2026-02-31T00:00:00Z' is not a calendar date (2026-02 has 28 days)"},
      {"2024-02-30T00:00:00Z", "start '2024-02-30T00:00:00Z' is not a calendar date (2024-02 has 29 days)"},
      {"2026-04-31T00:00:00Z", "is not a calendar date (2026-04 has 30 days)"},
      {"2026-13-01T00:00:00Z", "is not a calendar date (month 13 does not exist)"},
      {"2026-00-10T00:00:00Z", "is not a calendar date (month 0 does not exist)"},
      {"2026-01-00T00:00:00Z", "is not a calendar date (2026-01 has 31 days)"},
      {"1969-12-31T23:59:59Z", "is not a calendar date in Unix time (before 1970)"},
      {"2026-01-01T25:00:00Z", "start '2026-01-01T25:00:00Z' is not a time of day; expected 00:00:00 to 23:59:59 UTC"},
      {"2026-01-01T23:60:00Z", "is not a time of day"},
      {"2026-01-01T23:59:60Z", "is not a time of day"},
      {"2026-01-01 00:00:00Z", "start (ISO 8601"},
  }));
  const std::string text = mutateScenario("start: 2026-03-01T12:00:00Z", "start: " + start);
  CAPTURE(start);
  CHECK_THROWS_WITH(loadScenarioFromString(text, "s.yaml"),
                    Catch::StartsWith("s.yaml:4:8: ") && Catch::Contains(expected));
}

TEST_CASE("real dates at the edges of months load", "[config][scenario]") {
  auto [start, unix] = GENERATE(table<std::string, std::int64_t>({
      {"2024-02-29T23:59:59Z", 1709251199},
      {"2026-12-31T00:00:00Z", 1798675200},
      {"1970-01-01T00:00:00Z", 0},
  }));
  CAPTURE(start);
  CHECK(loadScenarioFromString(mutateScenario("start: 2026-03-01T12:00:00Z", "start: " + start), "s.yaml").start ==
        fromUnixSeconds(unix));
}

TEST_CASE("a size parameter that would clamp every object is refused at its key",
          "[config][scenario][errors]") {
  auto [sizes, at, expected] = GENERATE(table<std::string, std::string, std::string>({
      {"{distribution: lognormal, median: 0}", "0}", "median must be above zero"},
      {"{distribution: lognormal, median: 0, min: 200B}", "0,", "median must be above zero"},
      {"{distribution: lognormal, median: 100B, min: 200B}", "100B",
       "median 100 is outside the object sizes 200..104857600 (min..max), so every object would "
       "be clamped to one of them; expected a median within min..max"},
      {"{distribution: lognormal, median: 2MiB, max: 1MiB}", "2MiB", "median 2097152 is outside"},
      {"{distribution: pareto, scale: 0}", "0}", "scale must be above zero"},
      {"{distribution: pareto, scale: 1MiB, max: 1MiB}", "1MiB,",
       "scale 1048576 equals max, and a Pareto size is never below its scale"},
      {"{distribution: fixed, size: 0}", "0}", "size must be above zero"},
      {"{distribution: fixed, size: 10B, min: 20B}", "10B", "size 10 is outside"},
  }));
  const std::string text = withSizes(sizes);
  CAPTURE(sizes);
  CHECK_THROWS_WITH(loadScenarioFromString(text, "s.yaml"),
                    Catch::StartsWith(whereInScenario(text, at, "sizes:") + expected));
}

TEST_CASE("duplicate client names are refused at the second one", "[config][scenario][errors]") {
  const std::string text = kScenario + R"(  - name: tokyo
    location: {lat: 1, lon: 1}
    requests_per_second: 5
)";
  CHECK_THROWS_WITH(loadScenarioFromString(text, "s.yaml"),
                    "s.yaml:15:11: duplicate client name 'tokyo' (first at line 12); expected "
                    "each client name once");
}

TEST_CASE("a topology that cannot be opened is reported at the scenario's topology line",
          "[config][scenario][errors]") {
  // Missing: /x/topologies/t.yaml does not exist.
  const auto missing = loadScenarioFromString(kScenario, "/x/scenarios/s.yaml");
  CHECK_THROWS_WITH(config::loadScenarioTopology(missing),
                    "/x/scenarios/s.yaml:2:11: cannot open topology '/x/topologies/t.yaml': No such "
                    "file or directory; expected a topology file");
  // A folder: the repository's topologies/ itself.
  const std::string scenarioPath = std::string(CDNSIM_SOURCE_DIR) + "/scenarios/s.yaml";
  const auto folder = loadScenarioFromString(mutateScenario("../topologies/t.yaml", "../topologies"), scenarioPath);
  CHECK_THROWS_WITH(config::loadScenarioTopology(folder),
                    Catch::StartsWith(scenarioPath + ":2:11: cannot open topology '") &&
                        Catch::Contains("topologies': Is a directory"));
  // A real one loads.
  const auto real =
      loadScenarioFromString(mutateScenario("../topologies/t.yaml", "../topologies/quickstart.yaml"), scenarioPath);
  CHECK(config::loadScenarioTopology(real).name == "quickstart");
}

TEST_CASE("catalogue.missing beside object groups is refused at its key, with the way to do it",
          "[config][scenario][errors]") {
  const std::string groups = R"(object_groups:
  - name: img
    objects: 10
    share: 1
)";
  // A catalogue holding only `missing`, as `--set catalogue.missing.share=...` would make one.
  const std::string withMissing =
      mutateScenario("catalogue:\n  objects: 50\n  zipf_alpha: 1.1\n  sizes: {distribution: pareto, scale: 4KiB, "
             "alpha: 1.5, max: 1MiB}\n  cache_control: \"max-age=60, stale-while-revalidate=30\"\n",
             groups + "catalogue:\n  missing: {share: 0.3, objects: 5}\n");
  CHECK_THROWS_WITH(loadScenarioFromString(withMissing, "s.yaml"),
                    Catch::StartsWith(whereInScenario(withMissing, "{share: 0.3") +
                                      "catalogue.missing works with a `catalogue:` workload only") &&
                        Catch::Contains("`absent: true`"));
  // Without `missing`, the two workloads are refused as before.
  const std::string both = mutateScenario("catalogue:\n", groups + "catalogue:\n");
  CHECK_THROWS_WITH(loadScenarioFromString(both, "s.yaml"),
                    Catch::StartsWith(whereInScenario(both, "- name: img") +
                                      "give either `catalogue:` or `object_groups:`, not both"));
  // With a catalogue, it loads.
  const auto s = loadScenarioFromString(
      mutateScenario("  zipf_alpha: 1.1\n", "  zipf_alpha: 1.1\n  missing: {share: 0.3, objects: 5}\n"), "s.yaml");
  CHECK(s.catalogue.missingShare == 0.3);
  CHECK(s.catalogue.missingObjects == 5);
}

}  // namespace cdnsim::core::config
