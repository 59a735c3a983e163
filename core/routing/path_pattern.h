#pragma once
// CloudFront cache-behaviour path patterns (DG/DownloadDistValuesCacheBehavior.html#DownloadDistValuesPathPattern):
// `*` matches zero or more characters, `?` exactly one, everything else itself, case-sensitively.
// The pattern applies to the URL path; a leading '/' in the pattern is optional. The default
// behaviour's pattern is "*".

#include <string_view>

namespace cdnsim::core::routing {

bool matchesPathPattern(std::string_view pattern, std::string_view path);

}  // namespace cdnsim::core::routing
