#pragma once
// Prints a cachesim report: a fixed-width table for people, or a JSON document for machines. Rows
// come in the report's order (policies as given × sizes as given), so output is stable run to run
// apart from the timing columns.

#include <string>

#include "sim/cachesim/cachesim_run.h"

namespace cdnsim::sim::cachesim {

// Header line (trace, format, working set), then one row per result:
// policy, size, capacity, requests, misses, miss ratio, byte miss ratio, requests/s.
std::string formatTable(const CachesimConfig& config, const CachesimReport& report);

// {"trace", "format", "ignoreObjSize", "warmup", "skippedLines", "workingSet" (or null),
//  "results": [{"policy", "size", "capacity", "requests", "misses", "bytes", "missBytes",
//  "missRatio", "byteMissRatio", "warmupRequests", "zeroSizeSkipped", "elapsedSeconds",
//  "requestsPerSecond", "cpuSeconds", "requestsPerCpuSecond"}]}
std::string formatJson(const CachesimConfig& config, const CachesimReport& report);

// `s` as a JSON string literal, quotes included (RFC 8259 §7).
std::string jsonString(std::string_view s);

}  // namespace cdnsim::sim::cachesim
