#pragma once
// Every mapping a topology or scenario file may hold, and the keys the loaders accept in it: the
// one list both the loaders' key checks (YamlMap) and the schema reference (docs/schema.md, kept
// in step by tests/core/config/schema_doc_test.cc) read. A new key is added here, read by its
// loader, and given a row in docs/schema.md.

#include <span>
#include <string_view>

namespace cdnsim::core::config {

struct KeySet {
  // Where the mapping appears, as docs/schema.md names it: "topology", "topology.pops[]",
  // "scenario.catalogue.sizes"; a mapping used in several places has a short name ("location").
  std::string_view path;
  std::span<const std::string_view> keys;
};

namespace keys {
// Topology files.
extern const KeySet kTopology;
extern const KeySet kNetwork;
extern const KeySet kRegionalEdgeCache;
extern const KeySet kPop;
extern const KeySet kOrigin;
extern const KeySet kOriginShield;
extern const KeySet kPathRule;
extern const KeySet kResponseTime;
extern const KeySet kOriginCondition;
extern const KeySet kOriginErrorRate;
extern const KeySet kConcurrency;
extern const KeySet kOriginGroup;
extern const KeySet kCustomErrorResponse;
extern const KeySet kCatalogueMissing;
extern const KeySet kReplay;
extern const KeySet kClientLocations;
extern const KeySet kCachePolicy;
extern const KeySet kCacheKeyItems;  // a cache policy's query_strings, headers and cookies
extern const KeySet kRealtimeLogConfig;
extern const KeySet kBehavior;
// Shared by several mappings.
extern const KeySet kLocation;
extern const KeySet kCache;
// Scenario files.
extern const KeySet kScenario;
extern const KeySet kCatalogue;
extern const KeySet kSizes;         // catalogue.sizes and object_groups[].sizes
extern const KeySet kSizeCdfPoint;  // an empirical size distribution's points[]
extern const KeySet kObjectGroup;
extern const KeySet kPopularity;
extern const KeySet kRelease;
extern const KeySet kFlashCrowd;
extern const KeySet kMethods;
extern const KeySet kRequestField;  // an object group's query[], cookies[] and headers[]
extern const KeySet kDiurnal;       // the scenario's and a population's diurnal curve
extern const KeySet kClientPopulation;
extern const KeySet kEvent;
}  // namespace keys

// Every key set above, topology ones first.
std::span<const KeySet* const> allKeySets();

}  // namespace cdnsim::core::config
