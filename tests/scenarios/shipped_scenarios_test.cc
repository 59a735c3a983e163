// The shipped scenarios (scenarios/*.yaml) each teach one thing, said in their comment block; each
// test here runs one through the real binary and checks that key figure in its outputs.

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

struct ShippedRun {
  nlohmann::json summary;
  std::vector<nlohmann::json> trace;
};

// `cdnsim run scenarios/<name>.yaml <options>`, with its summary and trace.
ShippedRun runShipped(const std::string& name, const std::string& options = "") {
  TempDir out("cdnsim-shipped-" + name);
  const auto result = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/" + name + ".yaml") +
                                 " --out " + out.path().string() + " " + options);
  INFO(result.output);
  REQUIRE(result.exitCode == 0);
  ShippedRun run;
  run.summary = nlohmann::json::parse(readFile(out.path() / "summary.json"));
  std::istringstream trace(readFile(out.path() / "trace.jsonl"));
  std::string line;
  while (std::getline(trace, line)) run.trace.push_back(nlohmann::json::parse(line));
  REQUIRE(run.trace.size() == run.summary["viewer"]["requests"].get<std::size_t>());
  return run;
}

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

bool isHit(const nlohmann::json& line) {
  const auto result = line["result"].get<std::string>();
  return result == "Hit" || result == "RefreshHit";
}

struct Ratio {
  std::uint64_t hits = 0;
  std::uint64_t total = 0;
  void add(bool hit) {
    hits += hit;
    ++total;
  }
  double value() const { return total == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(total); }
};

}  // namespace

TEST_CASE("static-website: immutable scripts hit nearly always, short-lived pages less, the image "
          "tail least",
          "[scenario][shipped]") {
  const ShippedRun run = runShipped("static-website", "--requests 40000");
  Ratio pages, scripts, images;
  for (const auto& line : run.trace) {
    const auto uri = line["uri"].get<std::string>();
    if (startsWith(uri, "/static/")) scripts.add(isHit(line));
    else if (startsWith(uri, "/images/")) images.add(isHit(line));
    else pages.add(isHit(line));
  }
  CAPTURE(scripts.value(), pages.value(), images.value());
  REQUIRE(scripts.total > 0);
  REQUIRE(pages.total > 0);
  REQUIRE(images.total > 0);
  CHECK(scripts.value() > 0.9);
  CHECK(scripts.value() > pages.value());
  CHECK(pages.value() > images.value() + 0.2);
  CHECK(run.summary["edge"]["hit_ratio"].get<double>() > 0.6);
}

TEST_CASE("video-on-demand: the byte hit ratio is far below the request hit ratio",
          "[scenario][shipped]") {
  const ShippedRun run = runShipped("video-on-demand", "--requests 20000");
  const auto& edge = run.summary["edge"];
  const double hitRatio = edge["hit_ratio"].get<double>();
  const double byteHitRatio = edge["byte_hit_ratio"].get<double>();
  CAPTURE(hitRatio, byteHitRatio);
  CHECK(edge["evictions"].get<std::uint64_t>() > 0);
  CHECK(byteHitRatio < hitRatio / 2);
  // Small objects hit more often than the videos, which carry the bytes.
  Ratio thumbnails, videos;
  for (const auto& line : run.trace) {
    const auto uri = line["uri"].get<std::string>();
    if (startsWith(uri, "/thumbs/")) thumbnails.add(isHit(line));
    if (startsWith(uri, "/videos/")) videos.add(isHit(line));
  }
  CAPTURE(thumbnails.value(), videos.value());
  REQUIRE(videos.total > 0);
  CHECK(thumbnails.value() > videos.value());
}

TEST_CASE("software-release: the new installer's flash crowd reaches the origin once per REC at "
          "most",
          "[scenario][shipped]") {
  const ShippedRun run = runShipped("software-release");
  // The release adds object 40 of the group (the 40 initial ones are 0..39).
  constexpr std::string_view kNewInstaller = "/downloads/setup-40.exe";
  std::uint64_t requests = 0, fromOrigin = 0;
  for (const auto& line : run.trace) {
    if (line["uri"].get<std::string>() != kNewInstaller) continue;
    ++requests;
    fromOrigin += line["hitLayer"].get<std::string>() == "Origin";
  }
  CAPTURE(requests, fromOrigin);
  CHECK(requests > 5000);
  CHECK(fromOrigin >= 1);
  CHECK(fromOrigin <= 4);  // three-tier-shield has 4 RECs; the shield collapses their misses
  CHECK(run.summary["origin"]["offload"].get<double>() > 0.95);
}

TEST_CASE("query-strings: keying on every query string turns hits into misses, and cacheKey shows "
          "why",
          "[scenario][shipped]") {
  const ShippedRun optimized = runShipped("query-strings", "--requests 20000");
  const ShippedRun all = runShipped(
      "query-strings",
      "--requests 20000 --set 'cache_policies=[{name: AllQueryStrings, query_strings: {behavior: "
      "all}}]' --set 'behaviors[0].cache_policy=AllQueryStrings'");
  const double optimizedRatio = optimized.summary["edge"]["hit_ratio"].get<double>();
  const double allRatio = all.summary["edge"]["hit_ratio"].get<double>();
  CAPTURE(optimizedRatio, allRatio);
  CHECK(optimizedRatio > allRatio + 0.25);

  // Same workload, the same requests (the trace is in completion order, which the outcomes move):
  // only the key differs.
  auto requests = [](const ShippedRun& run) {
    std::vector<std::string> out;
    for (const auto& line : run.trace) out.push_back(line["uri"].get<std::string>() + "?" + line["query"].get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(requests(optimized) == requests(all));
  auto hasQuery = [](const nlohmann::json& line) {
    const auto query = line["query"].get<std::string>();
    return !query.empty() && query != "-";
  };
  std::uint64_t withQuery = 0, keyHasQueryOptimized = 0;
  for (const auto& line : optimized.trace) {
    if (!hasQuery(line)) continue;
    ++withQuery;
    keyHasQueryOptimized += line["cacheKeyText"].get<std::string>().find('?') != std::string::npos;
  }
  std::uint64_t withQueryAll = 0, keyHasQueryAll = 0, busted = 0, bustedHitsAll = 0;
  for (const auto& line : all.trace) {
    if (!hasQuery(line)) continue;
    const auto query = line["query"].get<std::string>();
    ++withQueryAll;
    keyHasQueryAll += line["cacheKeyText"].get<std::string>().find("?" + query) != std::string::npos;
    // A cache buster (`_=`, a new value every time) never hits when the key holds it.
    if (startsWith(query, "_=") || query.find("&_=") != std::string::npos) {
      ++busted;
      bustedHitsAll += isHit(line);
    }
  }
  CAPTURE(withQuery, busted);
  REQUIRE(withQuery > 0);
  REQUIRE(busted > 0);
  CHECK(withQueryAll == withQuery);
  CHECK(keyHasQueryOptimized == 0);
  CHECK(keyHasQueryAll == withQueryAll);
  CHECK(bustedHitsAll == 0);
}

TEST_CASE("api-caching-disabled: every API request reaches the origin, and the site is cached",
          "[scenario][shipped]") {
  const ShippedRun run = runShipped("api-caching-disabled", "--requests 20000");
  Ratio api, site;
  std::map<std::string, std::uint64_t> apiMethods;
  std::uint64_t apiFromOrigin = 0;
  for (const auto& line : run.trace) {
    const auto uri = line["uri"].get<std::string>();
    if (startsWith(uri, "/api/")) {
      api.add(isHit(line));
      ++apiMethods[line["method"].get<std::string>()];
      apiFromOrigin += line["hitLayer"].get<std::string>() == "Origin";
    } else {
      site.add(isHit(line));
    }
  }
  CAPTURE(api.total, site.value());
  REQUIRE(api.total > 0);
  CHECK(api.hits == 0);
  CHECK(apiFromOrigin == api.total);
  CHECK(apiMethods.size() == 3);  // GET, POST and OPTIONS alike
  CHECK(site.value() > 0.7);
  CHECK(run.summary["origin"]["requests"].get<std::uint64_t>() >= api.total);
}

TEST_CASE("global-launch: each region's busiest hour is its local evening", "[scenario][shipped]") {
  const ShippedRun run = runShipped("global-launch");  // the whole day
  // The POP each population lands on, and the UTC hour of its 20:00: the populations' utc_offset
  // is their solar hour, round(longitude / 15) (New York -5, Sao Paulo -3, London 0, Mumbai +5,
  // Tokyo +9, Sydney +10).
  const std::map<std::string, int> peakUtcHour = {{"JFK", 1}, {"GRU", 23}, {"LHR", 20},
                                                  {"BOM", 15}, {"NRT", 11}, {"SYD", 10}};
  std::map<std::string, std::array<std::uint64_t, 24>> byHour;
  for (const auto& line : run.trace) {
    const auto pop = line["pop"].get<std::string>().substr(0, 3);
    const int hour = std::stoi(line["time"].get<std::string>().substr(11, 2));
    byHour[pop][static_cast<std::size_t>(hour)] += 1;
  }
  for (const auto& [pop, expected] : peakUtcHour) {
    INFO(pop);
    REQUIRE(byHour.count(pop) == 1);
    const auto& hours = byHour[pop];
    // The busiest three-hour window, so that one noisy hour does not decide.
    int busiest = 0;
    std::uint64_t most = 0;
    for (int h = 0; h < 24; ++h) {
      const std::uint64_t sum = hours[(h + 23) % 24] + hours[h] + hours[(h + 1) % 24];
      if (sum > most) {
        most = sum;
        busiest = h;
      }
    }
    const int distance = std::min((busiest - expected + 24) % 24, (expected - busiest + 24) % 24);
    CAPTURE(busiest, expected);
    CHECK(distance <= 2);
    // And the trough, twelve hours away, is much quieter (peak-to-trough 4).
    const int trough = (expected + 12) % 24;
    const std::uint64_t quiet = hours[(trough + 23) % 24] + hours[trough] + hours[(trough + 1) % 24];
    CHECK(most > 2 * quiet);
  }
}

}  // namespace cdnsim::testing
