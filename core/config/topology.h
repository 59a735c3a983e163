#pragma once
// The typed model of a topology file: the CDN's nodes (POPs, regional edge caches, origins), the
// distribution's behaviours, and the network. Built only by loadTopology(); see topologies/*.yaml
// for the documented format.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cache/cache_policy.h"
#include "core/cache/error_caching.h"
#include "core/config/config_error.h"
#include "core/origin/origin_answer.h"
#include "core/origin/origin_condition.h"
#include "core/origin/origin_fetch.h"
#include "core/origin/path_rules.h"
#include "core/record/realtime_log.h"
#include "core/time.h"

namespace cdnsim::core::config {

class YamlNode;

struct GeoLocation {
  double latitudeDeg{0};   // -90..90
  double longitudeDeg{0};  // -180..180
};

struct CacheConfig {
  std::uint64_t capacityBytes{1ULL << 30};  // byte capacity of this node's cache
  std::string policy{"lru"};                // an eviction policy name (core/store/policy_registry.h)
};

// CloudFront's price classes (DG/PriceClass.html): a distribution serves only from the edge
// locations of the regions its class includes. Ordered: each class includes the ones before it.
//   PriceClass_100: United States, Mexico and Canada; Europe and Israel.
//   PriceClass_200: adds the Middle East, Africa, Japan, India and the rest of Asia CloudFront serves
//                   (Hong Kong, Indonesia, Malaysia, the Philippines, Singapore, South Korea,
//                   Taiwan, Thailand, Vietnam) and Türkiye.
//   PriceClass_All: adds South America, Australia and New Zealand.
enum class PriceClass : std::uint8_t { Class100, Class200, All };
std::string_view toString(PriceClass c);  // "PriceClass_100", "PriceClass_200", "PriceClass_All"
std::optional<PriceClass> parsePriceClass(std::string_view text);

struct PopConfig {
  std::string code;  // CloudFront POP code as X-Amz-Cf-Pop shows it: "IAD89-C1" (or "IAD89")
  GeoLocation location;
  CacheConfig cache;
  // Name of the REC this POP forwards misses to. None: misses go straight to the origin's shield,
  // or to the origin when it has none.
  std::optional<std::string> regionalEdgeCache;
  // The cheapest price class that includes this POP (YAML `price_class:`); by default every class.
  PriceClass priceClass{PriceClass::Class100};
};

struct RegionalEdgeCacheConfig {
  std::string name;  // e.g. "us-east-1"
  // The AWS Region it sits in (YAML `region:`, default: `name`): one of CloudFront's 13 regional
  // edge cache Regions (DG/HowCloudFrontWorks.html), at most one REC per Region.
  std::string region;
  GeoLocation location;
  CacheConfig cache;
};

enum class OriginKind { S3, Custom };

// Origin Shield (DG/origin-shield.html): an extra caching layer every request for the origin goes
// through. cdnsim runs it on the topology's REC in `region`, acting as the shield.
struct OriginShieldConfig {
  std::string region;  // one of the 12 Origin Shield Regions; a REC of the topology has it
};

// A custom origin's time from receiving a request to sending its first byte, drawn per request
// (sim/random distributions; the origin's own random stream).
enum class ResponseTimeKind { Fixed, Lognormal, Exponential, Pareto };
struct ResponseTimeConfig {
  ResponseTimeKind kind{ResponseTimeKind::Fixed};
  // Fixed: the time; Lognormal: the median; Exponential: the mean; Pareto: the scale (minimum).
  Duration typical{std::chrono::milliseconds(20)};
  double shape{1.0};  // Lognormal: sigma; Pareto: alpha
  Duration max{std::chrono::seconds(600)};  // draws are capped here (a Pareto tail is unbounded)
  bool operator==(const ResponseTimeConfig&) const = default;
};

// A custom origin that serves at most `limit` requests at once and queues `queue` more; beyond
// that it answers 503 at once (core/origin/concurrency_limit.h).
struct ConcurrencyConfig {
  std::uint32_t limit{100};
  std::uint32_t queue{0};
  bool operator==(const ConcurrencyConfig&) const = default;
};

struct OriginConfig {
  std::string name;
  OriginKind kind{OriginKind::S3};
  std::string domain;                       // Host sent to the origin
  GeoLocation location;
  Duration firstByteLatency{std::chrono::milliseconds(20)};  // processing time before the reply
  std::string server;                        // its Server header ("AmazonS3" for S3 by default)
  // The AWS Region it is in (YAML `region:`). S3 default: the Region in the domain
  // (bucket.s3.us-east-1.amazonaws.com, bucket.s3-us-east-1.amazonaws.com); "" when unknown or
  // outside AWS. A POP whose REC is in the same Region as an S3 origin skips that REC
  // (DG/HowCloudFrontWorks.html, regional edge caches).
  std::string region;
  std::optional<OriginShieldConfig> originShield;  // YAML `origin_shield: {region: us-east-1}`

  // ---- how it answers (core/origin/origin_answer.h) ----
  bool listBucket{false};                          // S3: requester may list (404, else 403)
  std::vector<origin::PathRule> paths;             // per-path metadata and rules, first match wins
  std::vector<origin::StatusRate> errors;          // shares of answers with an error status
  std::optional<ResponseTimeConfig> responseTime;  // custom: drawn per request (else first_byte_latency)
  std::optional<ConcurrencyConfig> concurrency;    // custom: slots and queue (else unlimited)
  origin::ValidatorsSent validators{};             // custom: ETag and/or Last-Modified (S3: both)
  std::string contentType{"application/octet-stream"};  // Content-Type unless a path rule says
  origin::OriginCondition condition{};             // its normal condition (events change it)
  origin::OriginConnectionSettings connection{};   // attempts and timeouts (DG origin settings)
};

// An origin group (DG/high_availability_origin_failover.html): requests go to `primary`, and to
// `secondary` when the primary answers one of `failoverStatusCodes` or cannot be reached.
struct OriginGroupConfig {
  std::string name;  // behaviours name it as their origin
  std::string primary;
  std::string secondary;
  std::vector<std::uint16_t> failoverStatusCodes;  // among 400, 403, 404, 416, 500, 502, 503, 504
};

// A real-time log configuration (DG/real-time-logs.html): the share of viewer requests to record
// and the fields of each record. Behaviours that name it write its records (`run --out` writes
// them to realtime-<name>.log).
struct RealtimeLogConfig {
  std::string name;                       // letters, digits, '-' and '_': it names the output file
  int samplingRate{100};                  // percent of viewer requests, 1..100
  record::RealtimeLogFieldSet fields{};   // written in CloudFront's canonical order
};

struct BehaviorConfig {
  std::string pathPattern{"*"};  // CloudFront path pattern; "*" is the default behaviour
  std::string origin;            // name of an origin or of an origin group
  std::string cachePolicy{"CachingOptimized"};  // a managed policy name or one of cache_policies
  // The response headers policy enables Server-Timing (DG/understanding-response-headers-
  // policies.html#server-timing-header): viewers then see cdn-cache-*, cdn-pop, cdn-hit-layer.
  bool serverTiming{false};
  // Index into TopologyConfig::realtimeLogConfigs of the configuration attached (YAML
  // `realtime_log_config: NAME`), if any.
  std::optional<std::size_t> realtimeLogConfig{};
};

struct NetworkConfig {
  Duration baseLatency{std::chrono::microseconds(500)};  // per hop, whatever the distance
  double kmPerMs{100.0};                                 // one-way propagation incl. route inflation
  double bandwidthMbps{1000.0};                          // per transfer, for the body's time
};

struct TopologyConfig {
  std::string file;  // where it was loaded from
  std::string name;
  std::string domain{"d111111abcdef8.cloudfront.net"};  // the distribution's domain name
  // The distribution's price class (YAML `price_class:`, default PriceClass_All): `pops` holds only
  // the POPs it includes; the file's other POPs are counted in popsOutsidePriceClass.
  PriceClass priceClass{PriceClass::All};
  std::vector<PopConfig> pops;
  std::size_t popsOutsidePriceClass{0};
  std::vector<RegionalEdgeCacheConfig> regionalEdgeCaches;
  std::vector<OriginConfig> origins;
  std::vector<OriginGroupConfig> originGroups;
  std::vector<cache::CachePolicyConfig> cachePolicies;  // custom ones; managed ones are built in
  std::vector<BehaviorConfig> behaviors;
  // The distribution's custom error responses (DG/GeneratingCustomErrorResponses.html), one per
  // error code.
  std::vector<cache::CustomErrorResponse> customErrorResponses;
  std::vector<RealtimeLogConfig> realtimeLogConfigs;
  NetworkConfig network;

  const RegionalEdgeCacheConfig* findRegionalEdgeCache(std::string_view name) const;
  // The REC in an AWS Region (at most one), or nullptr.
  const RegionalEdgeCacheConfig* findRegionalEdgeCacheByRegion(std::string_view region) const;
  const OriginConfig* findOrigin(std::string_view name) const;
  const OriginGroupConfig* findOriginGroup(std::string_view name) const;
  // A custom cache policy of this topology, else a managed one, by name.
  std::optional<cache::CachePolicyConfig> resolveCachePolicy(std::string_view name) const;
};

// Loads and validates a topology file (every reference resolved); throws ConfigError.
TopologyConfig loadTopology(const std::string& path);
TopologyConfig loadTopologyFromString(const std::string& text, const std::string& name);
// The same from a file already parsed. Cost: linear in the file (references go through hash
// maps built while reading).
TopologyConfig readTopology(const YamlNode& root);

}  // namespace cdnsim::core::config
