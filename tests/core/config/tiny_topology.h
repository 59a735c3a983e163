#pragma once
// The small topology the config tests load, in pieces: one regional edge cache in us-east-1, a POP
// in Ashburn forwarding to it, one S3 bucket and the default behaviour. Tests compose the pieces
// with what they check, so that the common part is written once.

#include <string>
#include <string_view>

namespace cdnsim::test {

// `regional_edge_caches:` with one, named us-east-1 (its Region), with `cache`.
inline std::string tinyRegionalEdgeCaches(std::string_view cache = "{capacity: 1GiB}") {
  return std::string("regional_edge_caches:\n"
                     "  - name: us-east-1\n"
                     "    location: {lat: 38.9, lon: -77.4}\n"
                     "    cache: ") +
         std::string(cache) + "\n";
}

// One entry of `pops:`: IAD89-C1, forwarding to us-east-1.
inline constexpr std::string_view kTinyIadPop =
    "  - code: IAD89-C1\n"
    "    location: {lat: 38.9, lon: -77.4}\n"
    "    regional_edge_cache: us-east-1\n"
    "    cache: {capacity: 64MiB}\n";

// `origins:` with one S3 bucket, `bucket`, whose domain names no Region.
inline constexpr std::string_view kTinyBucketOrigin =
    "origins:\n"
    "  - name: bucket\n"
    "    type: s3\n"
    "    domain: b.s3.amazonaws.com\n"
    "    location: {lat: 38.9, lon: -77.4}\n";

// The default behaviour alone, to the bucket; `behaviors:` is the caller's.
inline constexpr std::string_view kTinyDefaultBehavior =
    "  - path_pattern: \"*\"\n"
    "    origin: bucket\n";

// The whole file: `name: tiny`, the REC with `recCache`, the IAD POP then `morePops`, the bucket
// and the default behaviour.
inline std::string tinyTopology(std::string_view recCache = "{capacity: 1GiB}",
                                std::string_view morePops = "") {
  return "name: tiny\n" + tinyRegionalEdgeCaches(recCache) + "pops:\n" + std::string(kTinyIadPop) +
         std::string(morePops) + std::string(kTinyBucketOrigin) + "behaviors:\n" +
         std::string(kTinyDefaultBehavior);
}

}  // namespace cdnsim::test
