#pragma once
// How long CloudFront keeps an object: the behaviour's Min/Default/Max TTL against the origin's
// s-maxage, max-age and Expires (CLOUDFRONT.md §1, DG/Expiration.html). The result is the
// freshness lifetime of RFC 9111 §4.2.1 as clamped by CloudFront; the object is fresh while its
// current age (core/cache/age.h, RFC 9111 §4.2.3) is below it, so an object that arrives with an
// Age from an upper tier expires correspondingly sooner.
//
// Hot path: the simulator builds one ResponseFreshnessInput per object class and calls
// computeTtl per origin fetch; computeTtl does not allocate.

#include <optional>
#include <string>

#include "core/cache/enum_format.h"
#include "core/http/cache_control.h"
#include "core/http/headers.h"
#include "core/time.h"

namespace cdnsim::core::cache {

// A cache behaviour's (or cache policy's) TTL settings. Build them with resolveTtlSettings so that
// CloudFront's defaulting rules apply.
struct TtlSettings {
  Duration minTtl{0};                     // Min TTL: lower bound; > 0 even overrides no-cache/no-store/private
  Duration defaultTtl{seconds(86400)};    // Default TTL: when the origin sends no max-age/s-maxage/Expires
  Duration maxTtl{seconds(31536000)};     // Max TTL: upper bound on every origin-given lifetime

  // Min = Default = Max = 0 is the managed policy CachingDisabled: nothing is stored.
  bool cachingDisabled() const { return maxTtl == Duration::zero(); }

  // An error message, or nullopt when the settings are usable: 0 <= Min <= Default <= Max
  // (CloudFront rejects other combinations).
  std::optional<std::string> validate() const;
  bool operator==(const TtlSettings&) const = default;
};

// What a configuration file said; absent fields take CloudFront's defaults.
struct TtlSettingsSpec {
  std::optional<Duration> minTtl;
  std::optional<Duration> defaultTtl;
  std::optional<Duration> maxTtl;
};

// Applies CloudFront's defaults (DG/DownloadDistValuesCacheBehavior.html, API reference
// CachePolicyConfig): Default TTL defaults to 86400 s, or to Min TTL when Min TTL is above that;
// Max TTL defaults to 31536000 s, or to the Default TTL when that is larger.
TtlSettings resolveTtlSettings(const TtlSettingsSpec& spec);

// The origin response's freshness information, parsed once (RFC 9111 §4.2.1 inputs).
struct ResponseFreshnessInput {
  http::ResponseCacheControl cacheControl;
  std::optional<TimePoint> date;     // Date (RFC 9110 §6.6.1); invalid -> absent
  std::optional<TimePoint> expires;  // Expires (RFC 9111 §5.3); invalid or conflicting -> the past
  std::optional<Duration> age;       // Age (RFC 9111 §5.1); invalid -> absent
  bool operator==(const ResponseFreshnessInput&) const = default;
};

// Parses Cache-Control (all lines combined; allocation-free when there is one line), Date,
// Expires and Age from response headers.
// Two Expires lines with different values count as a time in the past (RFC 9111 §4.2.1 allows
// "considered stale"); an Age that is not delta-seconds is ignored.
ResponseFreshnessInput freshnessInputFrom(const http::Headers& response);

// Which row of CloudFront's expiration table decided (CLOUDFRONT.md §1).
enum class TtlRule {
  SMaxAge,            // s-maxage present: clamp(s-maxage, Min, Max)
  MaxAge,             // max-age present (no s-maxage): clamp(max-age, Min, Max); beats Expires
  Expires,            // only Expires: clamp(Expires - Date (or now), Min, Max)
  Default,            // none of the three: max(Min, Default)
  NoCacheWithMinTtl,  // no-cache/no-store/private and Min TTL > 0: cached for Min TTL
  NoCacheDirective,   // no-cache/no-store/private and Min TTL = 0: not cached
  CachingDisabled,    // Min = Default = Max = 0: not cached
};
std::string_view toString(TtlRule rule);

// Whether a Min/Max bound changed the origin's value.
enum class TtlClamp { None, RaisedToMin, LoweredToMax };
std::string_view toString(TtlClamp clamp);

struct TtlDecision {
  bool store = false;       // keep the response in the cache at all
  Duration ttl{0};          // freshness lifetime; 0 = stored but revalidated on every request
  TtlRule rule = TtlRule::Default;
  TtlClamp clamp = TtlClamp::None;
  bool operator==(const TtlDecision&) const = default;
};
std::string toString(const TtlDecision& d);

// `now` is when the response was received; used for Expires when the response has no Date.
TtlDecision computeTtl(const TtlSettings& settings, const ResponseFreshnessInput& input, TimePoint now);

}  // namespace cdnsim::core::cache

CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::TtlRule);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::TtlClamp);
CDNSIM_FORMAT_VIA_TO_STRING(cdnsim::core::cache::TtlDecision);
