// Cache policy validation and the managed policies CloudFront ships
// (DG/using-managed-cache-policies.html; ids and TTLs also in shared/CLOUDFRONT.md §7).

#include "core/cache/cache_policy.h"

#include <fmt/format.h>

#include <array>

#include "core/http/headers.h"

namespace cdnsim::core::cache {

std::string_view toString(KeyBehavior b) {
  switch (b) {
    case KeyBehavior::None:
      return "none";
    case KeyBehavior::AllowList:
      return "allowList";
    case KeyBehavior::AllExcept:
      return "allExcept";
    case KeyBehavior::All:
      return "all";
  }
  return "none";
}

std::optional<KeyBehavior> parseKeyBehavior(std::string_view text) {
  using http::equalsIgnoreCase;
  if (equalsIgnoreCase(text, "none")) return KeyBehavior::None;
  if (equalsIgnoreCase(text, "allowList") || equalsIgnoreCase(text, "whitelist") ||
      equalsIgnoreCase(text, "allow-list")) {
    return KeyBehavior::AllowList;
  }
  if (equalsIgnoreCase(text, "allExcept") || equalsIgnoreCase(text, "all-except")) {
    return KeyBehavior::AllExcept;
  }
  if (equalsIgnoreCase(text, "all")) return KeyBehavior::All;
  return std::nullopt;
}

namespace {

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::optional<std::string> validateItems(const KeyItems& items, std::string_view family,
                                         bool headersFamily) {
  // The API's HeaderBehavior is only "none" or "whitelist" (API CachePolicyHeadersConfig):
  // a cache key cannot take every header, because that would defeat caching.
  if (headersFamily &&
      (items.behavior == KeyBehavior::All || items.behavior == KeyBehavior::AllExcept)) {
    return fmt::format("{}: a cache policy allows only none or allowList, not {}", family,
                       items.behavior);
  }
  const bool listed =
      items.behavior == KeyBehavior::AllowList || items.behavior == KeyBehavior::AllExcept;
  if (listed && items.names.empty()) {
    return fmt::format("{}: {} needs at least one name", family, items.behavior);
  }
  if (!listed && !items.names.empty()) {
    return fmt::format("{}: names are only meaningful with allowList or allExcept, not {}", family,
                       items.behavior);
  }
  if (items.names.size() > kMaxKeyNamesPerFamily) {
    return fmt::format("{}: at most {} names per cache policy (CloudFront quota), got {}", family,
                       kMaxKeyNamesPerFamily, items.names.size());
  }
  for (const auto& n : items.names) {
    if (n.empty()) return fmt::format("{}: empty name in the list", family);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> CachePolicyConfig::validate() const {
  // API CachePolicyConfig.Name: "-", "_" or alphanumeric characters.
  if (name.empty()) return std::string("cache policy: name is empty");
  if (name.size() > kMaxPolicyNameLength) {
    return fmt::format("cache policy {}: name longer than {} characters", name,
                       kMaxPolicyNameLength);
  }
  for (char c : name) {
    if (!isNameChar(c)) {
      return fmt::format("cache policy {}: name may hold only letters, digits, '-' and '_'", name);
    }
  }
  if (minTtl < Duration::zero() || defaultTtl < Duration::zero() || maxTtl < Duration::zero()) {
    return fmt::format("cache policy {}: TTLs cannot be negative", name);
  }
  // DG/Expiration.html: Default TTL lies between Min TTL and Max TTL.
  if (defaultTtl < minTtl) {
    return fmt::format("cache policy {}: defaultTtl ({} s) is below minTtl ({} s)", name,
                       wholeSeconds(defaultTtl), wholeSeconds(minTtl));
  }
  if (maxTtl < defaultTtl) {
    return fmt::format("cache policy {}: maxTtl ({} s) is below defaultTtl ({} s)", name,
                       wholeSeconds(maxTtl), wholeSeconds(defaultTtl));
  }
  if (auto e = validateItems(queryStrings, "queryStrings", false)) return e;
  if (auto e = validateItems(headers, "headers", true)) return e;
  if (auto e = validateItems(cookies, "cookies", false)) return e;
  // Accept-Encoding is added to the key by the two flags; listing it as well would key on the raw
  // viewer value and undo the normalisation (API ParametersInCacheKeyAndForwardedToOrigin says the
  // header is always sent when a flag is on). Rejecting the mix is our choice: unverified.
  if (enableAcceptEncodingGzip || enableAcceptEncodingBrotli) {
    for (const auto& h : headers.names) {
      if (http::equalsIgnoreCase(h, "Accept-Encoding")) {
        return fmt::format(
            "cache policy {}: Accept-Encoding is keyed by enableAcceptEncoding*; do not list it",
            name);
      }
    }
  }
  return std::nullopt;
}

namespace {

struct ManagedEntry {
  std::string_view name;
  std::string_view id;
  std::int64_t minS, defaultS, maxS;
};

// DG/using-managed-cache-policies.html (TTLs in seconds).
constexpr std::array<ManagedEntry, 4> kManaged{{
    {"CachingOptimized", "658327ea-f89d-4fab-a63d-7e88639e58f6", 1, 86400, 31536000},
    {"CachingOptimizedForUncompressedObjects", "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", 1, 86400,
     31536000},
    {"CachingDisabled", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", 0, 0, 0},
    {"Amplify", "2e54312d-136d-493c-8eb9-b001f22f67d2", 2, 2, 600},
}};

CachePolicyConfig build(const ManagedEntry& e) {
  CachePolicyConfig p;
  p.name = std::string(e.name);
  p.id = std::string(e.id);
  p.minTtl = seconds(e.minS);
  p.defaultTtl = seconds(e.defaultS);
  p.maxTtl = seconds(e.maxS);
  if (e.name == "CachingOptimized") {
    // Key: normalised Accept-Encoding only; no query strings, headers or cookies.
    p.enableAcceptEncodingGzip = true;
    p.enableAcceptEncodingBrotli = true;
  } else if (e.name == "Amplify") {
    p.headers = {KeyBehavior::AllowList, {"Authorization", "CloudFront-Viewer-Country", "Host"}};
    p.cookies = {KeyBehavior::All, {}};
    p.queryStrings = {KeyBehavior::All, {}};
    p.enableAcceptEncodingGzip = true;
    p.enableAcceptEncodingBrotli = true;
  }
  // CachingOptimizedForUncompressedObjects and CachingDisabled key on nothing but host and path.
  return p;
}

}  // namespace

std::optional<CachePolicyConfig> managedCachePolicy(std::string_view nameOrId) {
  // The console shows managed policies as "Managed-<Name>"; accept that spelling too.
  constexpr std::string_view kPrefix = "Managed-";
  if (nameOrId.size() > kPrefix.size() &&
      http::equalsIgnoreCase(nameOrId.substr(0, kPrefix.size()), kPrefix)) {
    nameOrId.remove_prefix(kPrefix.size());
  }
  for (const auto& e : kManaged) {
    if (http::equalsIgnoreCase(nameOrId, e.name) || nameOrId == e.id) return build(e);
  }
  return std::nullopt;
}

}  // namespace cdnsim::core::cache
