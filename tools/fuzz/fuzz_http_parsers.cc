// libFuzzer target for the HTTP header parsers in core/http and the header-driven decisions in
// core/cache: whatever bytes arrive, nothing may crash, hang, overflow or break an invariant.
// Build: tools/ci/fuzz.sh (clang, -fsanitize=fuzzer,address,undefined).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/cache/age.h"
#include "core/cache/freshness.h"
#include "core/cache/revalidation.h"
#include "core/cache/ttl.h"
#include "core/http/cache_control.h"
#include "core/http/field_syntax.h"
#include "core/http/headers.h"
#include "core/http/http_date.h"
#include "core/http/validators.h"

namespace {

using namespace cdnsim::core;

void check(bool invariant) {
  if (!invariant) __builtin_trap();
}

bool sane(const std::optional<Duration>& d) {
  return !d || (*d >= Duration::zero() && *d <= seconds(std::int64_t{1} << 31));
}

void fuzzDates(std::string_view s) {
  const TimePoint now = fromUnixSeconds(1'800'000'000);
  auto t = http::parseHttpDate(s);
  (void)http::parseHttpDate(s, now);
  (void)http::parseExpires(s);
  if (t) {
    // Every date we accept formats back to an IMF-fixdate naming the same second.
    const std::string text = http::formatHttpDate(*t);
    check(text.size() == http::kHttpDateLength);
    auto again = http::parseHttpDate(text);
    check(again.has_value() && *again == *t);
  }
}

void fuzzCacheControl(std::string_view s) {
  auto response = http::parseResponseCacheControl(s);
  check(sane(response.maxAge) && sane(response.sMaxAge) && sane(response.staleIfError) &&
        sane(response.staleWhileRevalidate));
  (void)http::toString(response);
  auto request = http::parseRequestCacheControl(s);
  check(sane(request.maxAge) && sane(request.maxStale) && sane(request.minFresh));
  (void)http::toString(request);
}

void fuzzValidators(std::string_view s) {
  if (auto tag = http::parseEntityTag(s)) {
    check(http::weakMatch(*tag, *tag));
    check(http::strongMatch(*tag, *tag) == !tag->weak);
    check(http::ifNoneMatchMatches(s, *tag));
  }
  auto vary = http::parseVary(s);
  const http::Headers empty;
  check(http::varyMatches(vary, empty, empty) == !vary.any);
}

// Lines "name: value" -> Headers, then every decision that reads headers.
void fuzzHeaders(std::string_view s) {
  http::Headers h;
  while (!s.empty()) {
    std::size_t nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    s = nl == std::string_view::npos ? std::string_view{} : s.substr(nl + 1);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    h.add(std::string(line.substr(0, colon)), std::string(http::trimOws(line.substr(colon + 1))));
  }
  const TimePoint now = fromUnixSeconds(1'800'000'000);
  auto input = cache::freshnessInputFrom(h);
  for (const cache::TtlSettings& settings :
       {cache::TtlSettings{}, cache::TtlSettings{seconds(60), seconds(120), seconds(600)},
        cache::TtlSettings{seconds(0), seconds(0), seconds(0)}}) {
    auto ttl = cache::computeTtl(settings, input, now);
    check(ttl.ttl >= Duration::zero() && ttl.ttl <= settings.maxTtl);
    auto windows = cache::freshnessWindows(settings, ttl, input.cacheControl);
    auto age = cache::currentAge(cache::ageInputsFrom(input, now, now), now + seconds(5));
    check(age >= seconds(5));
    (void)cache::freshnessState(windows, age);
  }
  auto conditional = cache::conditionalHeadersFor(h);
  http::Headers request;
  conditional.applyTo(request);
  (void)cache::classifyRevalidationResponse(h, 304, h);
  http::Headers stored{{"Content-Length", "10"}, {"ETag", "\"a\""}};
  cache::mergeNotModified(stored, h);
  check(stored.get("Content-Length") == "10");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  fuzzDates(s);
  fuzzCacheControl(s);
  fuzzValidators(s);
  fuzzHeaders(s);
  return 0;
}
