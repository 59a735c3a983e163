#pragma once
// A sweep's results: one summary per point, printed as one row per point (table, JSON, CSV), and
// kept per shard in a file that `sweep merge` joins back into exactly what one process prints.
// Every format is a pure function of the definition and the points' summary.json objects, read
// through sim/sweep/summary_metrics.h; a shard file holds those objects as they are, so a merged
// sweep prints the same bytes as a sweep run at once.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/sweep/shard.h"
#include "sim/sweep/sweep_grid.h"

namespace cdnsim::sim {

struct SweepPoint {
  std::size_t index = 0;
  nlohmann::ordered_json summary;  // the point's summary.json object
};

struct SweepResults {
  SweepDefinition definition;
  std::vector<SweepPoint> points;  // by index: every point, or one shard's
};

// One row per point: its number, each axis' value, then the metrics (those no point has, such as
// the shield's without a shield tier, left out).
std::string formatSweepTable(const SweepResults& results);
// {"sweep": definition, "points": [{"point", "settings": {path: value}, "metrics": {key: value}}]}
std::string formatSweepJson(const SweepResults& results);
// point,<axis paths>,<metric keys>: one row per point.
std::string formatSweepCsv(const SweepResults& results);

// "sweep-shard-K-of-N.json": one name per shard, so ranks may share a folder.
std::string shardFileName(const Shard& shard);
// The shard file: the definition, the shard, and each point's whole summary.
std::string formatShardFile(const SweepResults& results, const Shard& shard);

// Joins shard files (paths of files, or of folders whose sweep-shard-*-of-*.json are read) into
// the whole sweep. Throws std::invalid_argument naming the file and the problem: not a shard file,
// shards of different sweeps or shard counts, a shard twice or missing, points missing.
SweepResults mergeShardFiles(const std::vector<std::string>& paths);

}  // namespace cdnsim::sim
