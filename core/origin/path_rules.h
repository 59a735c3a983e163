#pragma once
// Per-path rules of an origin (the topology's `paths:` list): what an origin sends for the paths
// under a prefix. For the S3-like bucket they are the object metadata of a group of keys
// (Content-Type, Cache-Control, Expires) or mark keys the bucket does not hold; for a custom origin
// they may also fix the status and add header fields. The first rule whose prefix the path starts
// with applies (like a server's location blocks, in the order written).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdnsim::core::origin {

struct PathRule {
  std::string prefix{"/"};                 // starts with '/'; matches paths that start with it
  bool absent{false};                      // the origin does not hold these keys (S3: 403/404)
  std::uint16_t status{0};                 // custom origins: the status answered (0: the normal one)
  std::optional<std::string> contentType;  // Content-Type (default: the origin's default)
  std::optional<std::string> cacheControl; // Cache-Control (default: the scenario catalogue's)
  std::optional<std::string> expires;      // Expires, an HTTP-date (RFC 9110 §5.6.7)
  // Body size of objects the catalogue does not size (custom error pages) and of a rule's status
  // answer; catalogue objects keep their catalogue size.
  std::optional<std::uint64_t> size;
  std::vector<std::pair<std::string, std::string>> headers;  // extra fields, sent as written
  bool operator==(const PathRule&) const = default;
};

// The index of the first rule whose prefix `path` starts with, or nullopt.
std::optional<std::size_t> matchPathRule(std::span<const PathRule> rules, std::string_view path);

}  // namespace cdnsim::core::origin
