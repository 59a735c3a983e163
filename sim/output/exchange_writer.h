#pragma once
// Writes each finished viewer request as a JSONL trace line (trace.jsonl) and as a CloudFront
// standard access-log line (access.log), with the exact headers CloudFront would have emitted.
// Rendering happens here and only here, so a run without a writer renders nothing.
// Files are written through AtomicFile: until commit() nothing appears at the final paths.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/emit/pop_code.h"
#include "io/atomic_file.h"
#include "sim/run/tiered_simulation.h"
#include "sim/run/viewer_exchange.h"

namespace cdnsim::sim {

struct ExchangeWriterOptions {
  std::optional<std::filesystem::path> tracePath{};      // JSONL trace; none = not written
  std::optional<std::filesystem::path> accessLogPath{};  // access log; none = not written
};

class ExchangeWriter : public ExchangeObserver {
 public:
  ExchangeWriter(const TieredSimulation& simulation, ExchangeWriterOptions options);

  void onViewerExchange(const ViewerExchange& exchange) override;

  // Renames the files into place; the first error, if any.
  io::IoStatus commit();

 private:
  static void flush(io::AtomicFile& file, std::string& batch);

  const TieredSimulation& simulation_;
  std::vector<core::emit::PopCode> popCodes_;
  std::vector<std::string> viaIds_;        // per POP, 32 hex
  std::vector<std::string> clientIps_;     // per client population
  std::optional<io::AtomicFile> trace_;
  std::optional<io::AtomicFile> accessLog_;
  // Reused for every request, so that rendering allocates nothing once they have grown.
  core::http::HeaderFieldList originFields_;
  core::http::HeaderFieldList emitted_;
  // Lines waiting for their file, written a batch at a time. 128 KiB: the kernel then copies a
  // batch into the page cache while it is still in the L2 cache; with 1 MiB batches that copy
  // took two to three times the system time (measured with tools/bench/run_bench.sh).
  static constexpr std::size_t kBatchBytes = 128 << 10;
  static constexpr std::size_t kBatchSlack = 64 << 10;  // room for the line that crosses the mark
  std::string traceBatch_;
  std::string logBatch_;
  std::string path_;
  std::string query_;
};

}  // namespace cdnsim::sim
