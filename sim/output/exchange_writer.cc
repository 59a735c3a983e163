#include "sim/output/exchange_writer.h"

#include <fmt/format.h>

#include <charconv>

#include "core/cache/cache_key.h"
#include "core/emit/error_page.h"
#include "core/emit/request_id.h"
#include "core/http/http_date.h"
#include "core/origin/origin_answer.h"
#include "core/emit/response_headers.h"
#include "core/origin/s3_origin.h"
#include "core/record/access_log.h"
#include "core/record/realtime_log.h"
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
  realtimeLogs_.resize(topology.realtimeLogConfigs.size());
  for (std::size_t c = 0; c < options.realtimeLogPaths.size() && c < realtimeLogs_.size(); ++c) {
    if (!options.realtimeLogPaths[c]) continue;
    realtimeLogs_[c] = std::make_unique<io::BatchedFile>(*options.realtimeLogPaths[c], fileOptions);
    core::record::appendRealtimeLogHeader(topology.realtimeLogConfigs[c].fields,
                                          realtimeLogs_[c]->buffer());
  }
  for (std::uint32_t b = 0; b < topology.behaviors.size(); ++b) {
    const auto c = topology.behaviors[b].realtimeLogConfig;
    if (c && realtimeLogs_[*c]) realtimeBehaviors_.push_back(b);
  }
}

io::BatchedFile* ExchangeWriter::realtimeLogFor(std::uint32_t behavior, std::string_view requestId) {
  const auto c = simulation_.topology().behaviors[behavior].realtimeLogConfig;
  if (!c || !realtimeLogs_[*c]) return nullptr;
  const int rate = simulation_.topology().realtimeLogConfigs[*c].samplingRate;
  return core::record::realtimeLogSampled(requestId, rate) ? realtimeLogs_[*c].get() : nullptr;
}

void ExchangeWriter::onViewerExchange(const ViewerExchange& ex) {
  const auto& scenario = simulation_.scenario();
  const auto& topology = simulation_.topology();
  const auto& catalogue = simulation_.catalogue();

  char requestId[core::emit::kRequestIdLength];
  core::emit::writeRequestId(scenario.seed, ex.sequence, requestId);
  io::BatchedFile* realtime =
      realtimeBehaviors_.empty()
          ? nullptr
          : realtimeLogFor(ex.behavior, std::string_view(requestId, sizeof requestId));
  if (!trace_ && !accessLog_ && realtime == nullptr) return;  // nothing would keep the rendering
  path_.clear();
  if (ex.request != nullptr) {
    path_ = ex.request->path;
  } else {
    simulation_.appendPath(ex.object, path_);
  }

  // The request as the viewer sent it, and the key the POP looked it up under, readable.
  const auto& workload = simulation_.workload();
  std::uint64_t requestHeaderBytes = 0;
  std::string_view userAgent;
  if (ex.request != nullptr) {  // replayed: the request as logged
    request_ = *ex.request;
    userAgent = request_.headers.get("User-Agent").value_or(std::string_view{});
  } else if (workload.varies(ex.group)) {
    const auto& shape = workload.shape(ex.group);
    const RequestVariant variant = workload.variant(ex.group, ex.variant);
    shape.buildRequest(variant, topology.domain, path_, request_);
    requestHeaderBytes = shape.headerBytes(variant);
    userAgent = request_.headers.get("User-Agent").value_or(std::string_view{});
  } else {
    request_.method = "GET";
    request_.host = topology.domain;
    request_.path = path_;
    request_.query.clear();
    request_.headers = core::http::Headers{};
  }
  keyText_.clear();
  core::cache::appendCacheKeyString(request_, simulation_.world().behaviors()[ex.behavior].policy,
                                    keyText_);

  // The headers of the answer the viewer got (DG/HTTPStatusCodes.html): an error CloudFront made
  // itself (its HTML page, `Server: CloudFront` added by emitResponseHeaders), an origin's error
  // (S3's XML error document, or a custom origin's page), or an object (the requested one, or a
  // custom error response's page) as its origin sent it, for this copy (its Date, its version).
  // Then what CloudFront adds (core/emit/response_headers.h).
  // The upstream's fields are written straight into the emitted list, which CloudFront's rules
  // then finish in place (emitResponseHeadersInPlace): no copy of them per request.
  const auto& originConfig = topology.origins[ex.origin];
  const bool generated = ex.generatedError != 0;
  std::string_view contentType = core::emit::kErrorPageContentType;
  emitted_.clear();
  auto addDate = [&] {
    emitted_.addWith("Date", [&](std::string& out) {
      char date[core::http::kHttpDateLength];
      core::http::formatHttpDate(ex.originDate, date);
      out.append(date, sizeof date);
    });
  };
  if (generated) {
    addDate();
    emitted_.add("Content-Type", contentType);
    addContentLength(ex.bodyBytes, emitted_);
  } else if (ex.answerStatus >= 400) {
    const std::string_view key = std::string_view(path_).substr(1);
    if (originConfig.kind == core::config::OriginKind::S3) {
      contentType = "application/xml";
      core::origin::appendS3ErrorHeaders(ex.answerStatus, key, scenario.seed ^ ex.sequence,
                                         ex.originDate, originConfig.server, emitted_);
    } else {
      addDate();
      emitted_.add("Content-Type", contentType);
      addContentLength(ex.bodyBytes, emitted_);
      if (!originConfig.server.empty()) emitted_.add("Server", originConfig.server);
    }
  } else {
    const auto& profile = simulation_.profileFor(ex.answerObject, ex.origin);
    // A catalogue object has its object group's headers unless a path rule of its origin sets
    // them; missing keys and error pages have their origin's.
    const bool catalogued = ex.answerObject < catalogue.objectCount();
    const bool groupHeaders = catalogued && !profile.ownHeaders;
    const bool groupType = catalogued && !(profile.rule && profile.rule->contentType);
    core::origin::OriginObject object;
    object.id = ex.answerObject;
    object.bodyBytes = ex.bodyBytes;
    object.version = ex.version;
    object.lastModified = simulation_.lastModified(ex.answerObject, ex.version);
    object.contentType = groupType ? catalogue.contentType(ex.group) : profile.contentType;
    object.cacheControl = groupHeaders ? catalogue.cacheControl(ex.group) : profile.cacheControl;
    contentType = object.contentType;
    core::origin::appendS3GetHeaders(object, ex.originDate, originConfig.server, false, emitted_);
    // An origin that dates its objects' expiry (RFC 9111 §5.3) sends Expires too.
    const auto& caching = catalogue.group(ex.group).origin;
    if (groupHeaders && (caching.expiresAfter || caching.expiresAt)) {
      const core::TimePoint expires =
          caching.expiresAt ? *caching.expiresAt : ex.originDate + *caching.expiresAfter;
      emitted_.addWith("Expires", [&](std::string& out) {
        char when[core::http::kHttpDateLength];
        core::http::formatHttpDate(expires, when);
        out.append(when, sizeof when);
      });
    }
  }

  core::emit::EmitInput emit;
  emit.outcome = ex.outcome;
  emit.generatedBy = generated ? core::emit::GeneratedBy::CloudFront : core::emit::GeneratedBy::Origin;
  emit.pop = popCodes_[ex.pop];
  emit.requestId = std::string_view(requestId, sizeof requestId);
  emit.viaId = viaIds_[ex.pop];
  emit.age = ex.age;
  if (topology.behaviors[ex.behavior].serverTiming) {
    core::emit::ServerTiming timing;
    timing.hitLayer = ex.hitLayer;
    emit.serverTiming = timing;
  }
  core::emit::emitResponseHeadersInPlace(emit, emitted_, spareFields_);

  core::record::ViewerExchangeFacts facts;
  facts.received = ex.popArrival;
  facts.firstByte = ex.firstByte;
  facts.lastByte = ex.end;
  facts.pop = popCodes_[ex.pop];
  facts.clientIp = clientIps_[ex.client];
  facts.clientPort = static_cast<std::uint16_t>(1024 + ex.sequence % 64000);
  facts.method = request_.method;
  facts.host = topology.domain;
  facts.uriStem = path_;
  facts.query = request_.query;
  facts.requestHeaderBytes = requestHeaderBytes;
  facts.userAgent = userAgent;
  facts.cacheKeyHash = ex.cacheKey;
  facts.cacheKeyText = keyText_;
  facts.status = ex.status;
  facts.bodyBytes = ex.bodyBytes;
  facts.emitted = &emitted_;
  facts.outcome = ex.outcome;
  facts.requestId = emit.requestId;
  facts.contentType = contentType;
  facts.age = ex.age;
  facts.answeredBy = ex.answeredBy;
  core::record::RequestRecord r = core::record::buildRequestRecord(facts);
  if (realtime != nullptr) {
    r.behaviorPathPattern = topology.behaviors[ex.behavior].pathPattern;
    // origin-fbl / origin-lbl as the POP saw them: from forwarding the request until the first
    // (last) byte came back, through any regional or shield tier; set when the origin was asked.
    if (ex.answeredBy == core::emit::HitLayer::Origin ||
        ex.outcome.result == core::emit::EdgeResultType::RefreshHit) {
      const core::TimePoint forwarded = ex.popArrival;
      const core::Duration lastLeg = simulation_.world().clientToPop(ex.client);
      r.originFirstByteLatency = ex.firstByte - lastLeg - forwarded;
      r.originLastByteLatency = ex.end - lastLeg - forwarded;
    }
  }

  if (trace_) {
    core::record::appendTraceJsonLine(r, emitted_, trace_->buffer());
    trace_->maybeFlush();
  }
  if (accessLog_) {
    core::record::appendAccessLogLine(r, accessLog_->buffer());
    accessLog_->maybeFlush();
  }
  if (realtime != nullptr) {
    const auto c = *topology.behaviors[ex.behavior].realtimeLogConfig;
    core::record::appendRealtimeLogLine(r, topology.realtimeLogConfigs[c].fields, realtime->buffer());
    realtime->maybeFlush();
  }
}

io::IoStatus ExchangeWriter::commit() {
  if (trace_) {
    if (auto s = trace_->commit(); !s.ok()) return s;
  }
  if (accessLog_) {
    if (auto s = accessLog_->commit(); !s.ok()) return s;
  }
  for (auto& log : realtimeLogs_) {
    if (!log) continue;
    if (auto s = log->commit(); !s.ok()) return s;
  }
  return io::IoStatus::success();
}

}  // namespace cdnsim::sim
