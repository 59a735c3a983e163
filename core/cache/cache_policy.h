#pragma once
// A CloudFront cache policy: which parts of a viewer request form the cache key, and the TTL
// bounds objects cached under it get (DG/controlling-the-cache-key.html, API CachePolicyConfig).
// This file only carries the numbers; the TTL computation lives with the freshness rules.

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace cdnsim::core::cache {

// How a family of request values (query strings, headers or cookies) enters the key.
// API names in brackets (CachePolicy*Config.*Behavior).
enum class KeyBehavior {
  None,       // nothing of this family is in the key ["none"]
  AllowList,  // only the listed names ["whitelist"]
  AllExcept,  // every name but the listed ones ["allExcept"]; query strings and cookies only
  All,        // every name ["all"]; query strings and cookies only
};

std::string_view toString(KeyBehavior b);
// Accepts our spelling and the API's ("whitelist", "allExcept", "all", "none"), case-insensitive.
std::optional<KeyBehavior> parseKeyBehavior(std::string_view text);

struct KeyItems {
  KeyBehavior behavior{KeyBehavior::None};  // how this family enters the key
  std::vector<std::string> names{};         // the allow/except list; empty for None and All
  bool operator==(const KeyItems&) const = default;
};

struct CachePolicyConfig {
  std::string name{
      "Custom"};     // [A-Za-z0-9_-]+, at most 128 characters (API CachePolicyConfig.Name)
  std::string id{};  // managed policies carry CloudFront's id; empty for custom ones
  // TTL bounds in seconds' resolution (DG/Expiration.html): Min 0, Default 1 day, Max 1 year.
  Duration minTtl{seconds(0)};
  Duration defaultTtl{seconds(86400)};
  Duration maxTtl{seconds(31536000)};
  KeyItems queryStrings{};  // none / allow-list / all-except / all
  KeyItems headers{};       // none / allow-list only (the API has no "all" for cache-key headers)
  KeyItems cookies{};       // none / allow-list / all-except / all
  // Normalise Accept-Encoding into the key
  // (DG/controlling-the-cache-key.html#cache-policy-compressed-objects).
  bool enableAcceptEncodingGzip{false};
  bool enableAcceptEncodingBrotli{false};

  // nullopt when valid, else one sentence saying what is wrong.
  std::optional<std::string> validate() const;
  // True when every TTL is 0: nothing is cached (the CachingDisabled shape).
  bool cachingDisabled() const {
    return minTtl == Duration::zero() && defaultTtl == Duration::zero() &&
           maxTtl == Duration::zero();
  }
  bool operator==(const CachePolicyConfig&) const = default;
};

// CloudFront's limits on one cache policy (DG/cloudfront-limits.html#limits-policies).
inline constexpr std::size_t kMaxKeyNamesPerFamily = 10;
inline constexpr std::size_t kMaxPolicyNameLength = 128;

// The managed cache policies, looked up by name or by id (DG/using-managed-cache-policies.html):
// CachingOptimized, CachingOptimizedForUncompressedObjects, CachingDisabled and Amplify (the three
// other managed policies, Elemental-MediaPackage and UseOriginCacheControlHeaders[-QueryStrings],
// are left out until their settings are checked against the guide). Names compare
// case-insensitively, ids exactly.
std::optional<CachePolicyConfig> managedCachePolicy(std::string_view nameOrId);

}  // namespace cdnsim::core::cache

template <>
struct fmt::formatter<cdnsim::core::cache::KeyBehavior> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(cdnsim::core::cache::KeyBehavior b, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(cdnsim::core::cache::toString(b), ctx);
  }
};
