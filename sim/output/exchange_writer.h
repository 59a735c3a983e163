#pragma once
// Writes each finished viewer request as a JSONL trace line (trace.jsonl), as a CloudFront
// standard access-log line (access.log), and, when its behaviour has a real-time log
// configuration and the request is in its sample, as a real-time log record
// (realtime-<name>.log), with the exact headers CloudFront would have emitted.
// Rendering happens here and only here, so a run without a writer renders nothing.
// Files are written through io::BatchedFile: lines are rendered on the simulation's thread into a
// batch; writing (and gzip compression, when asked for) happens on a writer thread. Until
// commit() nothing appears at the final paths.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/emit/pop_code.h"
#include "core/http/message.h"
#include "io/batched_file.h"
#include "sim/run/tiered_simulation.h"
#include "sim/run/viewer_exchange.h"

namespace cdnsim::sim {

struct ExchangeWriterOptions {
  std::optional<std::filesystem::path> tracePath{};      // JSONL trace; none = not written
  std::optional<std::filesystem::path> accessLogPath{};  // access log; none = not written
  // Per entry of the topology's realtime_log_configs: where its records go; none = not written.
  std::vector<std::optional<std::filesystem::path>> realtimeLogPaths{};
  bool gzip = false;  // compress every file (the caller names them *.gz)
};

class ExchangeWriter : public ExchangeObserver {
 public:
  ExchangeWriter(const TieredSimulation& simulation, ExchangeWriterOptions options);

  void onViewerExchange(const ViewerExchange& exchange) override;

  // Renames the files into place; the first error, if any.
  io::IoStatus commit();

  // Whether any per-request file is written. When not (--no-trace), the run needs no observer:
  // without one the simulation skips the per-request completion event and rendering altogether.
  bool writesExchanges() const {
    return trace_.has_value() || accessLog_.has_value() || !realtimeBehaviors_.empty();
  }

 private:
  // The real-time log file a request of `behavior` with this id goes to, if any (its behaviour has
  // a configuration that is written, and the request is in its sample).
  io::BatchedFile* realtimeLogFor(std::uint32_t behavior, std::string_view requestId);

  const TieredSimulation& simulation_;
  std::vector<core::emit::PopCode> popCodes_;
  std::vector<std::string> viaIds_;        // per POP, 32 hex
  std::vector<std::string> clientIps_;     // per client population
  std::optional<io::BatchedFile> trace_;
  std::optional<io::BatchedFile> accessLog_;
  std::vector<std::unique_ptr<io::BatchedFile>> realtimeLogs_;  // per realtime_log_configs entry
  std::vector<std::uint32_t> realtimeBehaviors_;  // behaviours whose configuration is written
  // Reused for every request, so that rendering allocates nothing once they have grown.
  core::http::HeaderFieldList emitted_;
  core::http::HeaderFieldList spareFields_;  // for emitResponseHeadersInPlace
  std::string path_;
  core::http::Request request_;  // the viewer's request, rebuilt for each line
  std::string keyText_;          // its cache key, readable
};

}  // namespace cdnsim::sim
