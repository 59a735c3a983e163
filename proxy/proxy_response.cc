// ProxyNode's answers: the response a viewer (or the layer below) gets from a stored or fetched
// body, with CloudFront's headers (core/emit) and result (core/node/viewer_result.h); CloudFront's
// own error pages. Which body answers is decided in proxy_node.cc.
#include "proxy/proxy_node.h"

#include <boost/beast/http.hpp>
#include <charconv>

#include "core/cache/age.h"
#include "core/emit/error_page.h"
#include "core/emit/request_id.h"
#include "core/emit/response_headers.h"
#include "core/http/byte_range.h"
#include "core/http/http_date.h"
#include "core/node/viewer_result.h"
#include "core/origin/conditional.h"

namespace cdnsim::proxy {

namespace http = boost::beast::http;
using core::emit::DetailedResultType;

namespace {

using ViewerRequest = http::request<http::string_body>;
using ViewerResponse = http::response<http::string_body>;

// Fills `res` from the emitted header list (framing is set by the caller).
void setFields(ViewerResponse& res, const core::http::Headers& fields) {
  for (const auto& f : fields.fields()) res.insert(f.name, f.value);
}

// A GET or HEAD whose If-None-Match / If-Modified-Since the stored 200 satisfies: the viewer's copy
// is current (RFC 9110 §13.1.2, §13.1.3, evaluated in §13.2.2's order by the same comparison the
// origin models use). CloudFront answers these from its cache.
bool viewerCopyCurrent(const http::request<http::string_body>& req, const ProxyBody& entry) {
  if (entry.status != 200) return false;
  if (req.method() != http::verb::get && req.method() != http::verb::head) return false;
  const auto field = [&req](http::field name) -> std::optional<std::string_view> {
    const auto it = req.find(name);
    if (it == req.end()) return std::nullopt;
    return std::string_view(it->value().data(), it->value().size());
  };
  core::origin::ConditionalRequest conditional;
  conditional.ifNoneMatch = field(http::field::if_none_match);
  conditional.ifModifiedSince = field(http::field::if_modified_since);
  if (!conditional.ifNoneMatch && !conditional.ifModifiedSince) return false;
  core::origin::RepresentationValidators current;
  current.etag = entry.field("ETag");
  if (const auto lm = entry.field("Last-Modified")) current.lastModified = core::http::parseHttpDate(*lm);
  return core::origin::answersNotModified(conditional, current);
}

}  // namespace

ProxyNode::Response ProxyNode::makeError(int status, DetailedResultType detailed) {
  ViewerResponse res;
  res.version(11);
  res.result(static_cast<unsigned>(status));
  const std::string id = core::emit::requestId(idSeed_, ++sequence_);
  std::string page;
  core::emit::appendDefaultErrorPage(status, core::emit::errorPageReason(detailed), id, page);
  core::http::Headers generated;
  generated.add("Content-Type", std::string(core::emit::kErrorPageContentType));
  generated.add("Date", core::http::formatHttpDate(options_.clock()));
  if (!options_.viewerFacing) {
    // The layer below renders the viewer's page itself; it learns here that no answer came.
    generated.add("Server", "CloudFront");
    generated.add(std::string(kGeneratedField), std::to_string(static_cast<int>(detailed)));
    setFields(res, generated);
    res.body() = std::move(page);
    res.prepare_payload();
    return res;
  }
  core::emit::EmitInput in;
  in.outcome = core::emit::outcomeOf(detailed);
  lastNote_ = {in.outcome, id, std::nullopt};
  in.generatedBy = core::emit::GeneratedBy::CloudFront;
  in.pop = options_.pop.value_or(core::emit::PopCode{"SFO", 1, '\0', 0});
  in.requestId = id;
  char via[core::emit::kViaIdLength];
  core::emit::writeViaId(0x5e57e, options_.name, via);
  in.viaId = std::string_view(via, sizeof via);
  in.upstreamHeaders = &generated;
  setFields(res, core::emit::emitResponseHeaders(in));
  res.body() = std::move(page);
  res.prepare_payload();
  return res;
}

ProxyNode::Response ProxyNode::fromEntry(const ViewerRequest& req, const ProxyBody& entry,
                                         const Served& served, bool serverTiming) {
  ViewerResponse res;
  res.version(11);
  res.result(static_cast<unsigned>(entry.status));
  const core::http::Headers upstream = entry.headers();
  if (options_.viewerFacing) {
    const std::string id = core::emit::requestId(idSeed_, ++sequence_);
    core::emit::EmitInput in;
    in.outcome = core::emit::outcomeOf(served.detailed);
    lastNote_ = {in.outcome, id, served.age};
    in.pop = options_.pop.value_or(core::emit::PopCode{"SFO", 1, '\0', 0});
    in.requestId = id;
    char via[core::emit::kViaIdLength];
    core::emit::writeViaId(0x5e57e, options_.name, via);
    in.viaId = std::string_view(via, sizeof via);
    in.age = served.age;
    in.upstreamHeaders = &upstream;
    if (serverTiming) {
      // DG/understanding-server-timing-header.html: cdn-hit-layer names the layer that served a hit.
      core::emit::ServerTiming timing;
      timing.hitLayer = served.hitLayer;
      in.serverTiming = timing;
    }
    setFields(res, core::emit::emitResponseHeaders(in));
  } else {
    // An inner layer passes the origin's fields and states the age of what it served, so that
    // the layer below computes the right age (RFC 9111 §4.2.3).
    core::http::Headers fields = upstream;
    if (served.age) fields.set("Age", core::emit::ageValue(*served.age));
    if (!served.layerNote.empty()) fields.set(std::string(kLayerField), served.layerNote);
    setFields(res, fields);
  }
  if (!upstream.has("Date")) res.set(http::field::date, core::http::formatHttpDate(options_.clock()));
  if (viewerCopyCurrent(req, entry)) {
    // RFC 9110 §15.4.5: the viewer's copy is current; a 304 without the body.
    res.result(http::status::not_modified);
    res.content_length(entry.body.size());
    return res;
  }
  const auto range = req.find(http::field::range);
  if (range != req.end() && entry.status == 200 && req.method() == http::verb::get &&
      req.find(http::field::if_range) == req.end()) {
    // RFC 9110 §14.2, §15.3.7: one range of the stored object as 206 (If-Range: the whole object).
    if (const auto part = core::http::singleByteRange(
            std::string_view(range->value().data(), range->value().size()), entry.body.size())) {
      res.result(http::status::partial_content);
      res.set(http::field::content_range, "bytes " + std::to_string(part->first) + "-" +
                                              std::to_string(part->last) + "/" +
                                              std::to_string(entry.body.size()));
      res.body() = entry.body.substr(part->first, part->length());
      res.prepare_payload();
      return res;
    }
  }
  if (req.method() == http::verb::head) {
    res.content_length(entry.body.size());
  } else {
    res.body() = entry.body;
    res.prepare_payload();
  }
  return res;
}

ProxyNode::Served ProxyNode::served(const ServedFacts& f, const std::string& role) const {
  Served out;
  const auto ageOf = [this](const core::node::StoredEntry<ProxyBody>& e) {
    return core::cache::currentAge(e.meta.correctedInitialAge, e.meta.responseTime, options_.clock());
  };
  if (!options_.viewerFacing) {
    // This layer's own copy (fresh, revalidated, or kept on error), or whatever the layer above
    // said of its answer.
    if (f.fromOwnCache || f.selfRefreshed) {
      out.layerNote = f.selfRefreshed ? role + " refreshed" : role;
      if (f.entry != nullptr) out.age = ageOf(*f.entry);
    } else {
      out.layerNote = f.layer.note;
    }
    return out;
  }
  // The viewer's result, as the simulator decides it (core/node/viewer_result.h).
  core::node::ViewerResultInput in;
  in.edgeLookup = f.lookup;
  in.answeredBy = f.fromOwnCache ? core::emit::HitLayer::Edge : f.layer.by;
  in.answeredAfterRefresh = f.layer.refreshed;
  in.status = f.status;
  in.generatedError = f.generatedError;
  in.staleOnError = f.staleOnError;
  if (f.page != nullptr) {
    // The log keeps the error's outcome (DG/standard-logs-reference.html).
    in.customErrorPage = true;
    in.status = f.page->status;
    in.generatedError = f.page->generatedError;
  }
  const auto result = core::node::viewerResult(in);
  out.detailed = result.outcome.detailed;
  out.hitLayer = result.hitLayer;
  if (!result.statesAge) return out;
  if (f.entry != nullptr) {
    out.age = ageOf(*f.entry);
  } else if (const auto stated = f.answer != nullptr ? f.answer->field("Age") : std::nullopt) {
    std::uint64_t seconds = 0;
    const auto [end, ec] = std::from_chars(stated->data(), stated->data() + stated->size(), seconds);
    if (ec == std::errc() && end == stated->data() + stated->size()) {
      out.age = core::seconds(static_cast<std::int64_t>(seconds));
    }
  }
  return out;
}

ProxyNode::Response ProxyNode::respond(const ViewerRequest& req, const ProxyBody& body,
                                       std::uint8_t generatedError, const Served& how,
                                       bool serverTiming) {
  if (generatedError != 0) {
    return makeError(body.status, static_cast<DetailedResultType>(generatedError - 1));
  }
  return fromEntry(req, body, how, serverTiming);
}

}  // namespace cdnsim::proxy
