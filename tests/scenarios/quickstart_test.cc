// End to end: run the shipped quickstart scenario with the real binary and check that its summary
// and its trace tell the same story.

#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/http/cache_control.h"
#include "core/http/http_date.h"
#include "tests/scenarios/scenario_runner.h"
#include "tests/scenarios/trace_json.h"

namespace cdnsim::testing {

namespace {

struct TraceTotals {
  std::uint64_t lines = 0;
  std::uint64_t hits = 0;
  std::uint64_t refreshHits = 0;
  std::uint64_t misses = 0;
  std::uint64_t bytes = 0;
  std::uint64_t hitsAfterFreshCopy = 0;      // requests the rule below says must be hits
  std::uint64_t violations = 0;              // ... that were not
};

}  // namespace

TEST_CASE("quickstart: summary and trace agree, and a repeat within the TTL is a Hit",
          "[scenario][quickstart]") {
  TempDir out("cdnsim-quickstart");
  const auto result = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") +
                                 " --out " + out.path().string());
  INFO(result.output);
  REQUIRE(result.exitCode == 0);
  CHECK(result.output.find("edge (4 POPs)") != std::string::npos);

  const nlohmann::json summary = nlohmann::json::parse(readFile(out.path() / "summary.json"));
  REQUIRE(summary["viewer"]["requests"] == 100000);  // the scenario's own count
  // No POP evicted anything (the catalogue fits), so freshness alone decides every hit.
  REQUIRE(summary["edge"]["evictions"] == 0);

  TraceTotals t;
  // Per (POP, path): a window in which the POP surely holds a fresh copy, from a response it
  // served: from that response's end (the POP stored the copy before delivering it) until the
  // copy's Date + max-age.
  struct FreshWindow {
    std::int64_t fromUs = 0;
    std::int64_t untilUs = 0;
  };
  std::map<std::pair<std::string, std::string>, FreshWindow> windows;
  std::istringstream trace(readFile(out.path() / "trace.jsonl"));
  std::string text;
  while (std::getline(trace, text)) {
    const nlohmann::json line = nlohmann::json::parse(text);
    ++t.lines;
    const std::string result = line["result"];
    t.hits += result == "Hit";
    t.refreshHits += result == "RefreshHit";
    t.misses += result == "Miss";
    t.bytes += line["contentLength"].get<std::uint64_t>();

    // The emitted headers say the same as the record.
    CHECK(header(line, "X-Cache") == result + " from cloudfront");
    CHECK(header(line, "X-Amz-Cf-Pop") == line["pop"].get<std::string>());
    CHECK(header(line, "X-Amz-Cf-Id") == line["rid"].get<std::string>());
    CHECK(header(line, "Age").empty() == line["age"].is_null());

    const std::int64_t end = line["ts"];
    const std::int64_t popArrival = end - line["timeTakenUs"].get<std::int64_t>();
    const auto key = std::make_pair(line["pop"].get<std::string>(), line["uri"].get<std::string>());
    if (auto it = windows.find(key);
        it != windows.end() && popArrival >= it->second.fromUs && popArrival < it->second.untilUs) {
      ++t.hitsAfterFreshCopy;
      if (result != "Hit") ++t.violations;
    }
    // The copy this viewer got is now at the POP: it is fresh until its Date + max-age, less a
    // second for the Date's one-second resolution and the response delay RFC 9111 §4.2.3 adds to
    // its age. (The quickstart's behaviour, CachingOptimized, keeps max-age as the TTL.)
    const auto date = cdnsim::core::http::parseHttpDate(header(line, "Date"));
    const auto maxAge = cdnsim::core::http::parseResponseCacheControl(header(line, "Cache-Control")).maxAge;
    REQUIRE(date.has_value());
    REQUIRE(maxAge.has_value());
    const std::int64_t until = (*date + *maxAge - cdnsim::core::seconds(1)).time_since_epoch().count();
    auto& window = windows[key];
    if (until > window.untilUs) window = FreshWindow{end, until};
  }

  CHECK(t.lines == 100000);
  // The trace says what viewers were told; a REC's hit is a Hit there too.
  CHECK(t.hits == summary["viewer"]["hits"].get<std::uint64_t>());
  CHECK(t.refreshHits == summary["viewer"]["refresh_hits"].get<std::uint64_t>());
  CHECK(t.misses == summary["viewer"]["misses"].get<std::uint64_t>());
  CHECK(t.hits > summary["edge"]["hits"].get<std::uint64_t>());  // some Hits came from a REC
  CHECK(t.bytes == summary["viewer"]["bytes"].get<std::uint64_t>());
  CHECK(t.hitsAfterFreshCopy > 10000);  // the rule was exercised
  CHECK(t.refreshHits > 0);             // and so was revalidation
  CHECK(t.violations == 0);
}

TEST_CASE("quickstart: the same seed gives byte-identical outputs", "[scenario][determinism]") {
  TempDir a("cdnsim-det-a"), b("cdnsim-det-b");
  for (const auto* dir : {&a, &b}) {
    const auto r = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") +
                              " --requests 5000 --out " + dir->path().string());
    REQUIRE(r.exitCode == 0);
  }
  for (const char* file : {"summary.json", "trace.jsonl", "access.log"}) {
    INFO(file);
    CHECK(readFile(a.path() / file) == readFile(b.path() / file));
  }
}

}  // namespace cdnsim::testing
