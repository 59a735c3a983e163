#include "sim/cachesim/cachesim_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace cdnsim::sim::cachesim {

std::string formatTable(const CachesimConfig& config, const CachesimReport& report) {
  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "trace {} ({})", config.tracePath, trace::toString(config.reader.format));
  if (report.workingSet)
    fmt::format_to(it, ", working set {} objects, {} bytes, {} requests",
                   report.workingSet->uniqueObjects, report.workingSet->uniqueBytes,
                   report.workingSet->requests);
  if (report.skippedLines > 0) fmt::format_to(it, ", {} bad lines skipped", report.skippedLines);
  if (config.warmupRequests > 0) fmt::format_to(it, ", warm-up {} requests", config.warmupRequests);
  out += '\n';

  std::size_t policyWidth = 6, sizeWidth = 4;
  for (const CachesimResult& r : report.results) {
    policyWidth = std::max(policyWidth, r.policy.size());
    sizeWidth = std::max(sizeWidth, r.size.size());
  }
  const char* unit = config.ignoreObjectSize ? "capacity(obj)" : "capacity(B)";
  fmt::format_to(it, "{:<{}}  {:<{}}  {:>16}  {:>12}  {:>12}  {:>10}  {:>15}  {:>12}\n", "policy",
                 policyWidth, "size", sizeWidth, unit, "requests", "misses", "miss_ratio",
                 "byte_miss_ratio", "req/s");
  for (const CachesimResult& r : report.results) {
    fmt::format_to(it, "{:<{}}  {:<{}}  {:>16}  {:>12}  {:>12}  {:>10.6f}  {:>15.6f}  {:>12.0f}\n",
                   r.policy, policyWidth, r.size, sizeWidth, r.capacityUnits, r.counts.requests,
                   r.counts.misses, r.counts.missRatio(), r.counts.byteMissRatio(),
                   r.requestsPerSecond());
  }
  return out;
}

std::string jsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  out += '"';
  return out;
}

std::string formatJson(const CachesimConfig& config, const CachesimReport& report) {
  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{{\n  \"trace\": {},\n  \"format\": {},\n  \"ignoreObjSize\": {},\n",
                 jsonString(config.tracePath), jsonString(trace::toString(config.reader.format)),
                 config.ignoreObjectSize);
  fmt::format_to(it, "  \"warmup\": {},\n  \"skippedLines\": {},\n", config.warmupRequests,
                 report.skippedLines);
  if (report.workingSet)
    fmt::format_to(
        it, "  \"workingSet\": {{\"requests\": {}, \"uniqueObjects\": {}, \"uniqueBytes\": {}}},\n",
        report.workingSet->requests, report.workingSet->uniqueObjects,
        report.workingSet->uniqueBytes);
  else
    out += "  \"workingSet\": null,\n";
  out += "  \"results\": [";
  for (std::size_t i = 0; i < report.results.size(); ++i) {
    const CachesimResult& r = report.results[i];
    fmt::format_to(
        it,
        "{}\n    {{\"policy\": {}, \"size\": {}, \"capacity\": {}, \"requests\": {}, "
        "\"misses\": {}, \"bytes\": {}, \"missBytes\": {}, \"missRatio\": {}, "
        "\"byteMissRatio\": {}, \"warmupRequests\": {}, \"zeroSizeSkipped\": {}, "
        "\"elapsedSeconds\": {:.6f}, \"requestsPerSecond\": {:.0f}, \"cpuSeconds\": {:.6f}, "
        "\"requestsPerCpuSecond\": {:.0f}}}",
        i == 0 ? "" : ",", jsonString(r.policy), jsonString(r.size), r.capacityUnits,
        r.counts.requests, r.counts.misses, r.counts.bytes, r.counts.missBytes,
        r.counts.missRatio(), r.counts.byteMissRatio(), r.counts.warmupRequests,
        r.counts.zeroSizeSkipped, std::chrono::duration<double>(r.elapsed).count(),
        r.requestsPerSecond(), std::chrono::duration<double>(r.cpuTime).count(),
        r.requestsPerCpuSecond());
  }
  out += report.results.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace cdnsim::sim::cachesim
