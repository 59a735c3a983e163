#pragma once
// Which cache behaviour a request uses (DG/DownloadDistValuesCacheBehavior.html, "Path pattern"):
// CloudFront evaluates the behaviours' path patterns in the order they are listed and uses the
// first that matches; the last behaviour is the default one ("*"), which matches everything, so
// it is also the answer when nothing before it matched.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "core/config/topology.h"

namespace cdnsim::core::routing {

// Index of the first pattern matching `path` (matchesPathPattern); the last index when none
// does. Precondition: `pathPatterns` is not empty. O(sum of pattern × path lengths); no allocation.
std::size_t matchBehavior(std::span<const std::string_view> pathPatterns, std::string_view path);

// The same over a topology's behaviours (their pathPattern fields), without building views.
// Precondition: `behaviors` is not empty.
std::size_t matchBehavior(const std::vector<config::BehaviorConfig>& behaviors, std::string_view path);

}  // namespace cdnsim::core::routing
