// Robustness: every parser and writer of this area takes arbitrary bytes without crashing,
// throwing or breaking its output format (house rule: malformed input never crashes a parser).
// Inputs come from a fixed-seed generator, so a failure reproduces exactly.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "core/cache/cache_key.h"
#include "core/emit/pop_code.h"
#include "core/emit/result_type.h"
#include "core/record/access_log.h"
#include "core/record/trace_line.h"

namespace cdnsim::core {

namespace {

// SplitMix64 for test inputs (tests in core/ do not link sim/random).
struct JunkSource {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Mostly separators and syntax characters of the formats under test, plus any byte.
  std::string junk(std::size_t maxLen) {
    static constexpr std::string_view kAlphabet = "=&;,%q0.1 \t\r\n\"\\-#:ABCxyz9gzipbr";
    std::string s(next() % (maxLen + 1), '\0');
    for (auto& c : s) {
      const auto r = next();
      c = (r & 3) == 0 ? static_cast<char>(r >> 8) : kAlphabet[(r >> 8) % kAlphabet.size()];
    }
    return s;
  }
};

}  // namespace

TEST_CASE("cache-key parsers take junk query strings, cookies and Accept-Encoding",
          "[robustness][cache][key]") {
  JunkSource src{1};
  auto policy = *cache::managedCachePolicy("Amplify");
  for (int i = 0; i < 3000; ++i) {
    http::Request r;
    r.path = src.junk(20);
    r.query = src.junk(60);
    r.headers = {{"Cookie", src.junk(60)},
                 {"Accept-Encoding", src.junk(40)},
                 {"Authorization", src.junk(10)}};
    const auto h1 = cache::cacheKeyHash(r, policy);
    CHECK(h1 == cache::cacheKeyHash(r, policy));  // deterministic on any input
    const auto s = cache::cacheKeyString(r, policy);
    CHECK(s.size() >= r.path.size());
    const auto enc = cache::normalizeAcceptEncoding(src.junk(40), true, true);
    CHECK(static_cast<int>(enc) <= 3);
  }
}

TEST_CASE("POP codes, result types and access-log lines parse junk to nullopt or a value",
          "[robustness][record]") {
  JunkSource src{2};
  int parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    const auto text = src.junk(40);
    if (auto p = emit::parsePopCode(text)) CHECK(p->toString() == text);
    if (auto t = emit::parseDetailedResultType(text)) CHECK(emit::toString(*t) == text);
    // A plausible prefix followed by junk fields: exercises the optional-field parsers.
    const auto line = "2019-12-04\t21:02:31\tLAX1\t1\tip\tGET\th\t/\t200\t" + src.junk(200);
    if (auto p = record::parseAccessLogLine(line)) {
      ++parsed;
      CHECK(p->fieldCount >= 9);
      CHECK(p->fieldCount <= record::kAccessLogFieldCount);
    }
    // Pure junk: whatever the answer, a parsed line has a valid status and field count.
    if (auto p = record::parseAccessLogLine(src.junk(80))) CHECK(p->fieldCount >= 9);
  }
  CHECK(parsed == 3000);
}

TEST_CASE("junk values never break the access log's tab layout or the trace's one-line JSON",
          "[robustness][record]") {
  JunkSource src{3};
  for (int i = 0; i < 1000; ++i) {
    const std::string ua = src.junk(50), q = src.junk(50), uri = src.junk(30);
    record::RequestRecord r;
    r.userAgent = ua;
    r.query = q;
    r.uriStem = uri;
    r.status = 200;
    std::string line;
    record::appendAccessLogLine(r, line);
    REQUIRE(!line.empty());
    CHECK(line.find('\n') == line.size() - 1);
    const auto tabs = static_cast<std::size_t>(std::count(line.begin(), line.end(), '\t'));
    CHECK(tabs == record::kAccessLogFieldCount - 1);
    auto p = record::parseAccessLogLine(line);
    REQUIRE(p);
    std::string decoded;
    record::percentDecode(p->query, decoded);
    // A value of exactly "-" reads back as empty: the format cannot tell them apart.
    CHECK(decoded == (q == "-" ? std::string() : q));
    std::string json;
    record::appendTraceJsonLine(r, http::Headers{{"X", src.junk(30)}}, json);
    CHECK(json.find('\n') == json.size() - 1);
    CHECK(std::all_of(json.begin(), json.end(),
                      [](char c) { return static_cast<unsigned char>(c) >= 0x20 || c == '\n'; }));
  }
}

}  // namespace cdnsim::core
