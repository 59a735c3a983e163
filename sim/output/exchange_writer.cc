#include "sim/output/exchange_writer.h"

#include <fmt/format.h>

#include "core/emit/request_id.h"
#include "core/emit/response_headers.h"
#include "core/origin/s3_origin.h"
#include "core/record/access_log.h"
#include "core/record/request_record.h"
#include "core/record/trace_line.h"

namespace cdnsim::sim {

ExchangeWriter::ExchangeWriter(const TieredSimulation& simulation, ExchangeWriterOptions options)
    : simulation_(simulation) {
  const auto& topology = simulation.topology();
  const std::uint64_t seed = simulation.scenario().seed;
  for (const auto& pop : topology.pops) {
    popCodes_.push_back(*core::emit::parsePopCode(pop.code));
    char via[core::emit::kViaIdLength];
    core::emit::writeViaId(seed, pop.code, via);
    viaIds_.emplace_back(via, sizeof via);
  }
  // Viewer addresses from TEST-NET-1 (RFC 5737), one per population: they only label records.
  for (std::size_t c = 0; c < simulation.scenario().clients.size(); ++c) {
    clientIps_.push_back(fmt::format("192.0.2.{}", 1 + c % 254));
  }
  // Lines are rendered straight into our batches, which go to the file whole: AtomicFile's own
  // buffer would only add a copy of every byte, so it is kept smaller than a batch (bypassed).
  io::AtomicFileOptions fileOptions;
  fileOptions.bufferBytes = kBatchBytes / 16;
  if (options.tracePath) {
    trace_.emplace(*options.tracePath, fileOptions);
    traceBatch_.reserve(kBatchBytes + kBatchSlack);
  }
  if (options.accessLogPath) {
    accessLog_.emplace(*options.accessLogPath, fileOptions);
    logBatch_.reserve(kBatchBytes + kBatchSlack);
    core::record::appendAccessLogHeader(logBatch_);
  }
}

void ExchangeWriter::onViewerExchange(const ViewerExchange& ex) {
  const auto& scenario = simulation_.scenario();
  const auto& topology = simulation_.topology();
  const auto& catalogue = simulation_.catalogue();

  char requestId[core::emit::kRequestIdLength];
  core::emit::writeRequestId(scenario.seed, ex.sequence, requestId);
  path_.clear();
  catalogue.appendPath(ex.object, path_);

  // The origin's headers for this copy, then what CloudFront adds (CLOUDFRONT.md §4).
  core::origin::OriginObject object;
  object.id = ex.object;
  object.bodyBytes = ex.bodyBytes;
  object.version = ex.version;
  object.lastModified = scenario.start;
  object.cacheControl = catalogue.config().cacheControl;
  const auto& originConfig = topology.origins[0];
  originFields_.clear();
  core::origin::appendS3GetHeaders(object, ex.originDate, originConfig.server, false, originFields_);

  core::emit::EmitInput emit;
  emit.outcome = ex.outcome;
  emit.generatedBy = core::emit::GeneratedBy::Origin;
  emit.pop = popCodes_[ex.pop];
  emit.requestId = std::string_view(requestId, sizeof requestId);
  emit.viaId = viaIds_[ex.pop];
  emit.age = ex.age;
  emit.upstreamFields = &originFields_;
  core::emit::emitResponseHeaders(emit, emitted_);

  core::record::RequestRecord r;
  r.timestamp = ex.end;
  r.pop = popCodes_[ex.pop];
  r.clientIp = clientIps_[ex.client];
  r.clientPort = static_cast<std::uint16_t>(1024 + ex.sequence % 64000);
  r.method = "GET";
  r.distributionHost = topology.domain;
  r.hostHeader = topology.domain;
  r.uriStem = path_;
  r.status = ex.status;
  // cs-bytes: the request line and the headers a plain GET carries (Host only, in the simulator).
  r.bytesReceived = sizeof("GET  HTTP/1.1\r\nHost: \r\n\r\n") - 1 + path_.size() +
                    topology.domain.size();
  // sc-bytes counts the status line and headers too.
  std::uint64_t headerBytes = sizeof("HTTP/1.1 200 OK\r\n") - 1 + 2;
  for (const auto h : emitted_) headerBytes += h.name.size() + 2 + h.value.size() + 2;
  r.bytesSent = ex.bodyBytes + headerBytes;
  r.outcome = ex.outcome;
  r.requestId = emit.requestId;
  r.timeTaken = ex.end - ex.popArrival;
  r.timeToFirstByte = ex.firstByte - ex.popArrival;
  r.contentType = object.contentType;
  r.contentLength = ex.bodyBytes;
  r.age = ex.age;
  r.hitLayer = ex.answeredBy;
  r.sslProtocol = "TLSv1.3";
  r.sslCipher = "TLS_AES_128_GCM_SHA256";

  if (trace_) {
    core::record::appendTraceJsonLine(r, emitted_, traceBatch_);
    if (traceBatch_.size() >= kBatchBytes) flush(*trace_, traceBatch_);
  }
  if (accessLog_) {
    core::record::appendAccessLogLine(r, logBatch_);
    if (logBatch_.size() >= kBatchBytes) flush(*accessLog_, logBatch_);
  }
}

void ExchangeWriter::flush(io::AtomicFile& file, std::string& batch) {
  file.append(batch);
  batch.clear();  // keeps its capacity
}

io::IoStatus ExchangeWriter::commit() {
  if (trace_) {
    flush(*trace_, traceBatch_);
    if (auto s = trace_->commit(); !s.ok()) return s;
  }
  if (accessLog_) {
    flush(*accessLog_, logBatch_);
    if (auto s = accessLog_->commit(); !s.ok()) return s;
  }
  return io::IoStatus::success();
}

}  // namespace cdnsim::sim
