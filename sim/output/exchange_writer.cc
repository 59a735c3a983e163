#include "sim/output/exchange_writer.h"

#include <fmt/format.h>

#include <charconv>

#include "core/emit/error_page.h"
#include "core/emit/request_id.h"
#include "core/http/http_date.h"
#include "core/origin/origin_answer.h"
#include "core/emit/response_headers.h"
#include "core/origin/s3_origin.h"
#include "core/record/access_log.h"
#include "core/record/record_builder.h"
#include "core/record/trace_line.h"

namespace cdnsim::sim {

namespace {

void addContentLength(std::uint64_t bytes, core::http::HeaderFieldList& out) {
  out.addWith("Content-Length", [bytes](std::string& v) {
    char buf[24];
    v.append(buf, std::to_chars(buf, buf + sizeof buf, bytes).ptr);
  });
}

}  // namespace

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
  io::BatchedFileOptions fileOptions;
  fileOptions.gzip = options.gzip;
  if (options.tracePath) trace_.emplace(*options.tracePath, fileOptions);
  if (options.accessLogPath) {
    accessLog_.emplace(*options.accessLogPath, fileOptions);
    core::record::appendAccessLogHeader(accessLog_->buffer());
  }
}

void ExchangeWriter::onViewerExchange(const ViewerExchange& ex) {
  if (!writesExchanges()) return;  // nothing would keep what is rendered below
  const auto& scenario = simulation_.scenario();
  const auto& topology = simulation_.topology();

  char requestId[core::emit::kRequestIdLength];
  core::emit::writeRequestId(scenario.seed, ex.sequence, requestId);
  path_.clear();
  simulation_.appendPath(ex.object, path_);

  // The headers of the answer the viewer got (DG/HTTPStatusCodes.html): an error CloudFront made
  // itself (its HTML page, `Server: CloudFront` added by emitResponseHeaders), an origin's error
  // (S3's XML error document, or a custom origin's page), or an object (the requested one, or a
  // custom error response's page) as its origin sent it, for this copy (its Date, its version).
  // Then what CloudFront adds (core/emit/response_headers.h).
  const auto& originConfig = topology.origins[ex.origin];
  const bool generated = ex.generatedError != 0;
  std::string_view contentType = core::emit::kErrorPageContentType;
  originFields_.clear();
  char date[core::http::kHttpDateLength];
  core::http::formatHttpDate(ex.originDate, date);
  if (generated) {
    originFields_.add("Date", std::string_view(date, sizeof date));
    originFields_.add("Content-Type", contentType);
    addContentLength(ex.bodyBytes, originFields_);
  } else if (ex.answerStatus >= 400) {
    const std::string_view key = std::string_view(path_).substr(1);
    if (originConfig.kind == core::config::OriginKind::S3) {
      contentType = "application/xml";
      core::origin::appendS3ErrorHeaders(ex.answerStatus, key, scenario.seed ^ ex.sequence,
                                         ex.originDate, originConfig.server, originFields_);
    } else {
      originFields_.add("Date", std::string_view(date, sizeof date));
      originFields_.add("Content-Type", contentType);
      addContentLength(ex.bodyBytes, originFields_);
      if (!originConfig.server.empty()) originFields_.add("Server", originConfig.server);
    }
  } else {
    const auto& profile = simulation_.profileFor(ex.answerObject, ex.origin);
    core::origin::OriginObject object;
    object.id = ex.answerObject;
    object.bodyBytes = ex.bodyBytes;
    object.version = ex.version;
    object.lastModified = simulation_.lastModified(ex.answerObject, ex.version);
    object.contentType = profile.contentType;
    object.cacheControl = profile.cacheControl;
    contentType = profile.contentType;
    core::origin::appendS3GetHeaders(object, ex.originDate, originConfig.server, false,
                                     originFields_);
  }

  core::emit::EmitInput emit;
  emit.outcome = ex.outcome;
  emit.generatedBy = generated ? core::emit::GeneratedBy::CloudFront : core::emit::GeneratedBy::Origin;
  emit.pop = popCodes_[ex.pop];
  emit.requestId = std::string_view(requestId, sizeof requestId);
  emit.viaId = viaIds_[ex.pop];
  emit.age = ex.age;
  emit.upstreamFields = &originFields_;
  if (topology.behaviors[ex.behavior].serverTiming) {
    core::emit::ServerTiming timing;
    timing.hitLayer = ex.hitLayer;
    emit.serverTiming = timing;
  }
  core::emit::emitResponseHeaders(emit, emitted_);

  core::record::ViewerExchangeFacts facts;
  facts.received = ex.popArrival;
  facts.firstByte = ex.firstByte;
  facts.lastByte = ex.end;
  facts.pop = popCodes_[ex.pop];
  facts.clientIp = clientIps_[ex.client];
  facts.clientPort = static_cast<std::uint16_t>(1024 + ex.sequence % 64000);
  facts.host = topology.domain;
  facts.uriStem = path_;
  facts.status = ex.status;
  facts.bodyBytes = ex.bodyBytes;
  facts.emitted = &emitted_;
  facts.outcome = ex.outcome;
  facts.requestId = emit.requestId;
  facts.contentType = contentType;
  facts.age = ex.age;
  facts.answeredBy = ex.answeredBy;
  const core::record::RequestRecord r = core::record::buildRequestRecord(facts);

  if (trace_) {
    core::record::appendTraceJsonLine(r, emitted_, trace_->buffer());
    trace_->maybeFlush();
  }
  if (accessLog_) {
    core::record::appendAccessLogLine(r, accessLog_->buffer());
    accessLog_->maybeFlush();
  }
}

io::IoStatus ExchangeWriter::commit() {
  if (trace_) {
    if (auto s = trace_->commit(); !s.ok()) return s;
  }
  if (accessLog_) {
    if (auto s = accessLog_->commit(); !s.ok()) return s;
  }
  return io::IoStatus::success();
}

}  // namespace cdnsim::sim
