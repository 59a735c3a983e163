// The key sets of the topology and scenario files (see schema_keys.h). Keys are listed in the
// order messages show them ("expected one of: ...").

#include "core/config/schema_keys.h"

namespace cdnsim::core::config::keys {

namespace {

constexpr std::string_view kTopologyKeys[] = {
    "name",    "domain",         "price_class",          "network",  "regional_edge_caches",
    "pops",    "origins",        "origin_groups",        "cache_policies", "realtime_log_configs",
    "behaviors", "custom_error_responses"};
constexpr std::string_view kNetworkKeys[] = {"base_latency", "km_per_ms", "bandwidth_mbps"};
constexpr std::string_view kRegionalEdgeCacheKeys[] = {"name", "region", "location", "cache"};
constexpr std::string_view kPopKeys[] = {"code", "location", "cache", "regional_edge_cache",
                                         "price_class"};
constexpr std::string_view kOriginKeys[] = {"name",     "type",               "domain", "region",
                                            "location", "first_byte_latency", "server",
                                            "origin_shield", "list_bucket", "paths", "errors",
                                            "response_time", "concurrency", "validators",
                                            "content_type", "condition", "connection_attempts",
                                            "connection_timeout", "response_timeout",
                                            "keepalive_timeout"};
constexpr std::string_view kPathRuleKeys[] = {"prefix", "absent", "status", "content_type",
                                              "cache_control", "expires", "size", "headers"};
constexpr std::string_view kResponseTimeKeys[] = {"distribution", "time", "median", "mean",
                                                  "scale", "sigma", "alpha", "max"};
constexpr std::string_view kOriginConditionKeys[] = {"reachability", "latency_factor",
                                                     "error_rate", "error_status"};
constexpr std::string_view kOriginErrorRateKeys[] = {"status", "rate"};
constexpr std::string_view kConcurrencyKeys[] = {"limit", "queue"};
constexpr std::string_view kOriginGroupKeys[] = {"name", "primary", "secondary",
                                                 "failover_status_codes"};
constexpr std::string_view kCustomErrorResponseKeys[] = {"error_code", "response_page_path",
                                                         "response_code", "error_caching_min_ttl"};
constexpr std::string_view kCatalogueMissingKeys[] = {"share", "objects"};
constexpr std::string_view kReplayKeys[] = {"format",      "files",          "routing",
                                            "client_locations", "time_scale", "bad_lines",
                                            "reorder_window", "path_prefix", "csv_delimiter",
                                            "cache_control"};
constexpr std::string_view kClientLocationsKeys[] = {"by", "map", "default"};
constexpr std::string_view kOriginShieldKeys[] = {"region"};
constexpr std::string_view kCachePolicyKeys[] = {
    "name",    "min_ttl", "default_ttl", "max_ttl", "query_strings", "headers", "cookies",
    "enable_accept_encoding_gzip", "enable_accept_encoding_brotli"};
constexpr std::string_view kCacheKeyItemsKeys[] = {"behavior", "names"};
constexpr std::string_view kRealtimeLogConfigKeys[] = {"name", "sampling_rate", "fields"};
constexpr std::string_view kBehaviorKeys[] = {"path_pattern", "origin", "cache_policy",
                                              "server_timing", "realtime_log_config"};
constexpr std::string_view kLocationKeys[] = {"lat", "lon"};
constexpr std::string_view kCacheKeys[] = {"capacity", "policy"};

constexpr std::string_view kScenarioKeys[] = {
    "name",          "topology",     "seed",    "start",   "requests", "catalogue",
    "object_groups", "request_rate", "diurnal", "clients", "events", "replay"};
constexpr std::string_view kCatalogueKeys[] = {"objects", "zipf_alpha", "path_prefix", "sizes",
                                               "cache_control", "missing"};
constexpr std::string_view kSizesKeys[] = {"distribution", "size", "median", "scale", "sigma",
                                           "alpha",        "min",  "max",    "points"};
constexpr std::string_view kSizeCdfPointKeys[] = {"p", "size"};
constexpr std::string_view kObjectGroupKeys[] = {
    "name",  "path",    "path_prefix", "objects", "popularity", "sizes",   "content_type", "cache_control",
    "expires", "share", "release",     "methods", "query",      "cookies", "headers"};
constexpr std::string_view kPopularityKeys[] = {"distribution", "alpha", "q"};
constexpr std::string_view kReleaseKeys[] = {"objects", "at", "every", "until", "flash_crowd"};
constexpr std::string_view kFlashCrowdKeys[] = {"requests_per_second", "decay"};
constexpr std::string_view kMethodsKeys[] = {"GET", "HEAD", "POST", "OPTIONS"};
constexpr std::string_view kRequestFieldKeys[] = {"name", "probability", "values"};
constexpr std::string_view kDiurnalKeys[] = {"peak_hour", "peak_to_trough", "hourly"};
constexpr std::string_view kClientPopulationKeys[] = {
    "name", "city", "country", "location", "requests_per_second", "weight", "utc_offset", "diurnal"};
// Every kind's keys; scenario_events_loader.cc then refuses those its kind does not take.
constexpr std::string_view kEventKeys[] = {
    "kind",   "at",    "until", "origin", "mode",  "factor",          "rate",        "status",
    "pop",    "rec",   "paths", "completes_after", "path_prefix",     "first",       "last", "size"};

}  // namespace

const KeySet kTopology{"topology", kTopologyKeys};
const KeySet kNetwork{"topology.network", kNetworkKeys};
const KeySet kRegionalEdgeCache{"topology.regional_edge_caches[]", kRegionalEdgeCacheKeys};
const KeySet kPop{"topology.pops[]", kPopKeys};
const KeySet kOrigin{"topology.origins[]", kOriginKeys};
const KeySet kOriginShield{"topology.origins[].origin_shield", kOriginShieldKeys};
const KeySet kPathRule{"topology.origins[].paths[]", kPathRuleKeys};
const KeySet kResponseTime{"topology.origins[].response_time", kResponseTimeKeys};
const KeySet kOriginCondition{"topology.origins[].condition", kOriginConditionKeys};
const KeySet kOriginErrorRate{"topology.origins[].errors[]", kOriginErrorRateKeys};
const KeySet kConcurrency{"topology.origins[].concurrency", kConcurrencyKeys};
const KeySet kOriginGroup{"topology.origin_groups[]", kOriginGroupKeys};
const KeySet kCustomErrorResponse{"topology.custom_error_responses[]", kCustomErrorResponseKeys};
const KeySet kCatalogueMissing{"scenario.catalogue.missing", kCatalogueMissingKeys};
const KeySet kReplay{"scenario.replay", kReplayKeys};
const KeySet kClientLocations{"scenario.replay.client_locations", kClientLocationsKeys};
const KeySet kCachePolicy{"topology.cache_policies[]", kCachePolicyKeys};
const KeySet kCacheKeyItems{"topology.cache_policies[].query_strings|headers|cookies",
                            kCacheKeyItemsKeys};
const KeySet kRealtimeLogConfig{"topology.realtime_log_configs[]", kRealtimeLogConfigKeys};
const KeySet kBehavior{"topology.behaviors[]", kBehaviorKeys};
const KeySet kLocation{"location", kLocationKeys};
const KeySet kCache{"cache", kCacheKeys};
const KeySet kScenario{"scenario", kScenarioKeys};
const KeySet kCatalogue{"scenario.catalogue", kCatalogueKeys};
const KeySet kSizes{"sizes", kSizesKeys};
const KeySet kSizeCdfPoint{"sizes.points[]", kSizeCdfPointKeys};
const KeySet kObjectGroup{"scenario.object_groups[]", kObjectGroupKeys};
const KeySet kPopularity{"scenario.object_groups[].popularity", kPopularityKeys};
const KeySet kRelease{"scenario.object_groups[].release", kReleaseKeys};
const KeySet kFlashCrowd{"scenario.object_groups[].release.flash_crowd", kFlashCrowdKeys};
const KeySet kMethods{"scenario.object_groups[].methods", kMethodsKeys};
const KeySet kRequestField{"scenario.object_groups[].query|cookies|headers[]", kRequestFieldKeys};
const KeySet kDiurnal{"diurnal", kDiurnalKeys};
const KeySet kClientPopulation{"scenario.clients[]", kClientPopulationKeys};
const KeySet kEvent{"scenario.events[]", kEventKeys};

}  // namespace cdnsim::core::config::keys

namespace cdnsim::core::config {

std::span<const KeySet* const> allKeySets() {
  static const KeySet* const kAll[] = {
      &keys::kTopology,      &keys::kNetwork,      &keys::kRegionalEdgeCache,
      &keys::kPop,           &keys::kOrigin,       &keys::kOriginShield,
      &keys::kCachePolicy,   &keys::kCacheKeyItems, &keys::kRealtimeLogConfig,
      &keys::kBehavior,      &keys::kLocation,     &keys::kCache,
      &keys::kScenario,      &keys::kCatalogue,    &keys::kSizes,
      &keys::kSizeCdfPoint,  &keys::kObjectGroup,  &keys::kPopularity,
      &keys::kRelease,       &keys::kFlashCrowd,   &keys::kMethods,
      &keys::kRequestField,  &keys::kDiurnal,      &keys::kClientPopulation,
      &keys::kEvent,         &keys::kPathRule,     &keys::kResponseTime,
      &keys::kOriginCondition, &keys::kOriginErrorRate, &keys::kConcurrency,
      &keys::kOriginGroup,   &keys::kCustomErrorResponse, &keys::kCatalogueMissing,
      &keys::kReplay,        &keys::kClientLocations};
  return kAll;
}

}  // namespace cdnsim::core::config
