#include "core/cache/ttl.h"

#include <fmt/format.h>

#include "core/http/field_syntax.h"
#include "core/http/http_date.h"

namespace cdnsim::core::cache {

std::optional<std::string> TtlSettings::validate() const {
  if (minTtl < Duration::zero()) return "Min TTL must not be negative";
  if (defaultTtl < minTtl) return "Default TTL must be at least the Min TTL";
  if (maxTtl < defaultTtl) return "Max TTL must be at least the Default TTL";
  return std::nullopt;
}

TtlSettings resolveTtlSettings(const TtlSettingsSpec& spec) {
  TtlSettings s;
  s.minTtl = spec.minTtl.value_or(Duration::zero());
  const Duration defaultDefault = seconds(86400);
  s.defaultTtl = spec.defaultTtl.value_or(s.minTtl > defaultDefault ? s.minTtl : defaultDefault);
  const Duration defaultMax = seconds(31536000);
  s.maxTtl = spec.maxTtl.value_or(s.defaultTtl > defaultMax ? s.defaultTtl : defaultMax);
  return s;
}

ResponseFreshnessInput freshnessInputFrom(const http::Headers& response) {
  ResponseFreshnessInput in;
  std::size_t cacheControlLines = 0;
  for (const auto& f : response.fields()) {
    if (http::equalsIgnoreCase(f.name, "Cache-Control")) ++cacheControlLines;
  }
  if (cacheControlLines == 1) {
    in.cacheControl = http::parseResponseCacheControl(*response.get("Cache-Control"));
  } else if (cacheControlLines > 1) {
    // RFC 9110 §5.3: several lines mean the same as one comma-joined line.
    in.cacheControl = http::parseResponseCacheControl(*response.getCombined("Cache-Control"));
  }
  if (auto date = response.get("Date")) in.date = http::parseHttpDate(*date);
  std::optional<std::string_view> firstExpires;
  bool conflictingExpires = false;
  for (const auto& f : response.fields()) {
    if (!http::equalsIgnoreCase(f.name, "Expires")) continue;
    if (!firstExpires) {
      firstExpires = f.value;
    } else if (*firstExpires != f.value) {
      conflictingExpires = true;
    }
  }
  in.expires = conflictingExpires ? std::optional(fromUnixSeconds(0)) : http::parseExpires(firstExpires);
  if (auto age = response.get("Age")) in.age = http::parseDeltaSeconds(http::trimOws(*age));
  return in;
}

std::string_view toString(TtlRule rule) {
  switch (rule) {
    case TtlRule::SMaxAge: return "s-maxage";
    case TtlRule::MaxAge: return "max-age";
    case TtlRule::Expires: return "Expires";
    case TtlRule::Default: return "Default TTL";
    case TtlRule::NoCacheWithMinTtl: return "no-cache/no-store/private with Min TTL";
    case TtlRule::NoCacheDirective: return "no-cache/no-store/private";
    case TtlRule::CachingDisabled: return "CachingDisabled";
  }
  return "?";
}

std::string_view toString(TtlClamp clamp) {
  switch (clamp) {
    case TtlClamp::None: return "none";
    case TtlClamp::RaisedToMin: return "raised to Min TTL";
    case TtlClamp::LoweredToMax: return "lowered to Max TTL";
  }
  return "?";
}

std::string toString(const TtlDecision& d) {
  return fmt::format("{} ttl={}s rule={} clamp={}", d.store ? "store" : "don't store",
                     wholeSeconds(d.ttl), toString(d.rule), toString(d.clamp));
}

namespace {
TtlDecision clamped(const TtlSettings& s, Duration originTtl, TtlRule rule) {
  if (originTtl < s.minTtl) return {true, s.minTtl, rule, TtlClamp::RaisedToMin};
  if (originTtl > s.maxTtl) return {true, s.maxTtl, rule, TtlClamp::LoweredToMax};
  return {true, originTtl, rule, TtlClamp::None};
}
}  // namespace

TtlDecision computeTtl(const TtlSettings& s, const ResponseFreshnessInput& in, TimePoint now) {
  if (s.cachingDisabled()) return {false, Duration::zero(), TtlRule::CachingDisabled, TtlClamp::None};
  const auto& cc = in.cacheControl;
  // DG/Expiration.html: no-cache, no-store or private -> not cached with Min TTL 0, cached for the
  // Min TTL otherwise ("CloudFront uses the cache behavior's minimum TTL").
  if (cc.noCache || cc.noStore || cc.isPrivate) {
    if (s.minTtl > Duration::zero()) {
      return {true, s.minTtl, TtlRule::NoCacheWithMinTtl, TtlClamp::None};
    }
    return {false, Duration::zero(), TtlRule::NoCacheDirective, TtlClamp::None};
  }
  // s-maxage beats max-age for a shared cache (RFC 9111 §5.2.2.10); viewers still see max-age.
  if (cc.sMaxAge) return clamped(s, *cc.sMaxAge, TtlRule::SMaxAge);
  // max-age beats Expires (RFC 9111 §5.3, CLOUDFRONT.md §1).
  if (cc.maxAge) return clamped(s, *cc.maxAge, TtlRule::MaxAge);
  if (in.expires) {
    // RFC 9111 §4.2.1: lifetime = Expires - Date; with no Date, the time received stands in.
    const TimePoint base = in.date.value_or(now);
    Duration lifetime = *in.expires - base;
    if (lifetime < Duration::zero()) lifetime = Duration::zero();
    return clamped(s, lifetime, TtlRule::Expires);
  }
  // Validated settings have Default >= Min; the max() keeps unvalidated ones on the table's row.
  const Duration ttl = s.defaultTtl > s.minTtl ? s.defaultTtl : s.minTtl;
  return {true, ttl, TtlRule::Default, TtlClamp::None};
}

}  // namespace cdnsim::core::cache
