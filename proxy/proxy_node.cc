// ProxyNode's cache side: what to answer a request with, from core/ decisions (see proxy_node.h).
#include "proxy/proxy_node.h"

#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <random>

#include "core/cache/age.h"
#include "core/cache/cache_key.h"
#include "core/emit/error_page.h"
#include "core/emit/request_id.h"
#include "core/emit/response_headers.h"
#include "core/http/byte_range.h"
#include "core/http/http_date.h"
#include "core/http/validators.h"
#include "core/node/viewer_result.h"
#include "core/origin/conditional.h"
#include "core/routing/behavior_match.h"
#include "core/store/policy_registry.h"
#include "proxy/upstream_client.h"
#include "proxy/awaitable_tuple.h"

namespace cdnsim::proxy {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using core::emit::DetailedResultType;

namespace {

using ViewerRequest = http::request<http::string_body>;
using ViewerResponse = http::response<http::string_body>;

core::http::Headers toCoreHeaders(const ProxyBody& entry) {
  core::http::Headers h;
  for (const auto& [n, v] : entry.fields) h.add(n, v);
  return h;
}

// RFC 9111 §4.3.4 and §3.2: a 304 that freshens a stored response also replaces the stored
// header fields it carries, except Content-Length (the stored body keeps its own framing).
void updateStoredFields(ProxyBody& stored, const ProxyBody& notModified) {
  for (const auto& [name, value] : notModified.fields) {
    if (boost::beast::iequals(name, "Content-Length")) continue;
    std::erase_if(stored.fields,
                  [&](const auto& field) { return boost::beast::iequals(field.first, name); });
  }
  for (const auto& field : notModified.fields) {
    if (!boost::beast::iequals(field.first, "Content-Length")) stored.fields.push_back(field);
  }
}

std::optional<std::string_view> fieldOf(const ProxyBody& entry, std::string_view name) {
  for (const auto& [n, v] : entry.fields) {
    if (core::http::equalsIgnoreCase(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

// An upstream answer as the node takes it (core/node/cache_node.h): status, size, validators and
// its caching fields parsed; `forNode` points into this object, which must outlive the call.
struct ParsedAnswer {
  explicit ParsedAnswer(const ProxyBody& answer)
      : body(answer), freshness(core::cache::freshnessInputFrom(toCoreHeaders(answer))) {}
  core::node::UpstreamAnswer forNode(core::TimePoint requestTime, core::TimePoint responseTime) const {
    core::node::UpstreamAnswer a;
    a.status = body.status;
    a.bodyBytes = body.body.size();
    a.hasValidator = fieldOf(body, "ETag").has_value() || fieldOf(body, "Last-Modified").has_value();
    a.freshness = &freshness;
    a.requestTime = requestTime;
    a.responseTime = responseTime;
    return a;
  }
  const ProxyBody& body;
  core::cache::ResponseFreshnessInput freshness;
};

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
  current.etag = fieldOf(entry, "ETag");
  if (const auto lm = fieldOf(entry, "Last-Modified")) current.lastModified = core::http::parseHttpDate(*lm);
  return core::origin::answersNotModified(conditional, current);
}

}  // namespace

ProxyNode::ProxyNode(asio::io_context& io, const core::config::TopologyConfig& topology,
                     Options options)
    : io_(io),
      topology_(topology),
      options_(std::move(options)),
      node_(core::store::makePolicy(options_.cache.policy, options_.cache.capacityBytes)) {
  if (!options_.clock) options_.clock = systemNow;
  std::random_device entropy;
  idSeed_ = (std::uint64_t{entropy()} << 32) ^ entropy();
  for (const auto& b : topology_.behaviors) {
    auto policy = topology_.resolveCachePolicy(b.cachePolicy);
    Behavior behavior{*policy, core::cache::cacheabilityOf(*policy)};
    behaviors_.push_back(std::move(behavior));
  }
}

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
  const core::http::Headers upstream = toCoreHeaders(entry);
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

ProxyNode::UpstreamLayer ProxyNode::takeLayerNote(ProxyBody& answer) {
  UpstreamLayer layer;
  for (auto it = answer.fields.begin(); it != answer.fields.end(); ++it) {
    if (!core::http::equalsIgnoreCase(it->first, kLayerField)) continue;
    layer.note = it->second;
    const std::string_view note(layer.note);
    layer.by = note.starts_with("shield") ? core::emit::HitLayer::OriginShield
                                          : core::emit::HitLayer::RegionalEdgeCache;
    layer.refreshed = note.ends_with(" refreshed");
    answer.fields.erase(it);
    break;
  }
  return layer;
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
  } else if (const auto stated = f.answer != nullptr ? fieldOf(*f.answer, "Age") : std::nullopt) {
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

ProxyNode::Taken ProxyNode::taken(FetchResult& fetched) {
  Taken t;
  if (!fetched.ok) {
    t.body.status = fetched.errorStatus;
    t.generatedError = static_cast<std::uint8_t>(static_cast<int>(fetched.detailed) + 1);
    return t;
  }
  t.body = std::move(fetched.response);
  t.layer = takeLayerNote(t.body);
  for (auto it = t.body.fields.begin(); it != t.body.fields.end(); ++it) {
    if (!core::http::equalsIgnoreCase(it->first, kGeneratedField)) continue;
    int detailed = 0;
    const auto& v = it->second;
    if (std::from_chars(v.data(), v.data() + v.size(), detailed).ec == std::errc()) {
      t.generatedError = static_cast<std::uint8_t>(detailed + 1);
    }
    t.body.fields.erase(it);
    break;
  }
  return t;
}

const core::cache::CustomErrorResponse* ProxyNode::customErrorFor(int status) const {
  return core::cache::findCustomErrorResponse(topology_.customErrorResponses, status);
}

asio::awaitable<ProxyNode::Response> ProxyNode::handleViewer(const ViewerRequest& req,
                                                            std::vector<ProxyBody>& interim) {
  Response res = co_await handle(req, interim);
  const int status = static_cast<int>(res.result_int());
  if (!options_.viewerFacing || status < 400) co_return res;
  // DG/GeneratingCustomErrorResponses.html: the page is fetched through the behaviour its path
  // matches, as a request of its own (cached under that behaviour's TTLs).
  const auto action = core::cache::customErrorAction(status, customErrorFor(status));
  if (!action.pagePath) co_return res;
  const auto detailed = lastNote_.outcome.detailed;
  PageFor page{status, detailed == DetailedResultType::Error
                           ? std::uint8_t{0}
                           : static_cast<std::uint8_t>(static_cast<int>(detailed) + 1)};
  Request pageRequest(http::verb::get, *action.pagePath, 11);
  if (const auto host = req.find(http::field::host); host != req.end()) {
    pageRequest.set(http::field::host, host->value());
  }
  std::vector<ProxyBody> ignored;
  Response pageRes = co_await handle(pageRequest, ignored, &page);
  // A page that cannot be had yields the status its origin answered.
  if (pageRes.result_int() == 200) pageRes.result(static_cast<unsigned>(action.viewerStatus));
  if (req.method() == http::verb::head) {
    pageRes.content_length(pageRes.body().size());
    pageRes.body().clear();
  }
  co_return pageRes;
}

asio::awaitable<ProxyNode::Response> ProxyNode::handle(const ViewerRequest& req,
                                                      std::vector<ProxyBody>& interim,
                                                      const PageFor* page) {
  ++counters_.requests;
  const std::string_view target(req.target().data(), req.target().size());
  core::http::Request view;
  view.method = std::string(req.method_string());
  const auto q = target.find('?');
  view.path = std::string(target.substr(0, q));
  view.query = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
  for (const auto& f : req) view.headers.add(std::string(f.name_string()), std::string(f.value()));
  view.host = std::string(view.headers.get("Host").value_or(""));
  const std::size_t b = core::routing::matchBehavior(topology_.behaviors, view.path);
  const Behavior& behavior = behaviors_[b];
  const UpstreamTarget& upstream = options_.upstreamByBehavior[b];
  const bool timing = topology_.behaviors[b].serverTiming;
  // An inner layer's name for itself in the note it passes down (kRoleField: shield or REC).
  const auto asked = req.find(kRoleField);
  const std::string layerName = options_.viewerFacing ? ""
                           : asked != req.end() && asked->value() == "shield" ? "shield"
                                                                               : "rec";
  core::node::RequestView rv;
  rv.key = core::cache::cacheKeyHash(view, behavior.policy);
  rv.method = view.method;
  rv.behavior = &behavior.settings;

  auto lookup = node_.lookup(rv, options_.clock());
  if (lookup.outcome == core::node::LookupOutcome::Bypass) {
    UpstreamRequest up = upstreamRequestFrom(req, upstream, false);
    ++counters_.upstreamRequests;
    auto fetched = co_await fetchUpstream(io_, pool_, upstream, std::move(up), options_.limits);
    for (auto& i : fetched.interim) interim.push_back(std::move(i));
    Taken t = taken(fetched);
    ServedFacts facts;  // not cacheable: no layer cached it
    facts.page = page;
    facts.lookup = lookup.outcome;
    facts.answer = &t.body;
    facts.status = t.body.status;
    facts.generatedError = t.generatedError;
    co_return respond(req, t.body, t.generatedError, served(facts, layerName), timing);
  }
  for (int attempt = 0;; ++attempt) {
    if (core::node::servedFromCache(lookup.outcome)) {
      if (lookup.outcome == core::node::LookupOutcome::StaleWhileRevalidate &&
          !node_.fetchInFlight(rv.key)) {
        // RFC 5861 §3: the stale copy answers now; one request refreshes it in the background.
        asio::co_spawn(
            io_,
            [self = shared_from_this(), copy = req, b, key = rv.key]() mutable {
              return self->refreshInBackground(std::move(copy), b, key);
            },
            asio::detached);
      }
      // A fresh copy, or a cached error (DG/HTTPStatusCodes.html) served as an error.
      const auto* entry = node_.peekEntry(rv.key);
      ServedFacts facts;
      facts.page = page;
      facts.lookup = lookup.outcome;
      facts.entry = entry;
      facts.fromOwnCache = true;
      facts.status = entry->meta.status;
      facts.generatedError = entry->meta.generatedError;
      co_return respond(req, entry->body, entry->meta.generatedError, served(facts, layerName),
                        timing);
    }
    const std::uint32_t token = nextToken_++;
    const auto role = attempt == 0 ? node_.joinFetch(rv, token) : core::node::FetchRole::Alone;
    if (role == core::node::FetchRole::Follower) {
      asio::steady_timer wait(io_, asio::steady_timer::time_point::max());
      waiters_[token] = &wait;
      co_await wait.async_wait(kTuple);
      waiters_.erase(token);
      lookup = node_.lookup(rv, options_.clock());
      continue;  // served from the leader's copy (or its cached error), or goes upstream alone
    }
    const bool revalidate = lookup.outcome == core::node::LookupOutcome::Revalidate;
    // The viewer's own conditionals stay here: the cache asks for the full object and answers the
    // viewer's condition itself (fromEntry), so it never stores a 304 as the object.
    UpstreamRequest up = upstreamRequestFrom(req, upstream, true);
    if (revalidate) {
      // RFC 9111 §4.3.1: the stored validators go upstream.
      const auto& stored = node_.peekEntry(rv.key)->body;
      if (auto etag = fieldOf(stored, "ETag")) up.set(http::field::if_none_match, *etag);
      if (auto lm = fieldOf(stored, "Last-Modified")) up.set(http::field::if_modified_since, *lm);
    }
    ++counters_.upstreamRequests;
    const core::TimePoint requestTime = options_.clock();
    auto fetched = co_await fetchUpstream(io_, pool_, upstream, std::move(up), options_.limits);
    const core::TimePoint responseTime = options_.clock();
    for (auto& i : fetched.interim) interim.push_back(std::move(i));
    Taken t = taken(fetched);
    const bool notModified = t.body.status == 304 && t.generatedError == 0;
    std::optional<Response> answer;
    if (notModified && !revalidate) {
      answer = fromEntry(req, t.body, Served{}, timing);  // not asked for: passed on, not stored
    } else {
      // Every answer goes through the node, errors and no answer included, as in the simulator:
      // it stores, renews, caches the error, or keeps serving its expired copy.
      const ParsedAnswer parsed(t.body);
      auto a = parsed.forNode(requestTime, responseTime);
      a.generatedError = t.generatedError;
      if (a.status >= 400) a.customError = customErrorFor(a.status);
      const auto result = node_.takeAnswer(rv, a, t.body);
      const auto* entry = result.stored != nullptr ? node_.peekEntry(rv.key) : nullptr;
      ServedFacts facts;
      facts.page = page;
      facts.lookup = lookup.outcome;
      facts.layer = t.layer;
      facts.entry = entry;
      facts.answer = &t.body;
      facts.status = a.status;
      facts.generatedError = t.generatedError;
      if (result.staleOnError) {
        // DG/HTTPStatusCodes.html, RFC 5861 §4: the expired copy answers instead of the error.
        facts.fromOwnCache = true;
        facts.staleOnError = true;
        facts.status = entry->meta.status;
        facts.generatedError = 0;
        answer = fromEntry(req, entry->body, served(facts, layerName), timing);
      } else if (notModified && entry != nullptr) {
        updateStoredFields(*node_.storedBody(rv.key), t.body);
        facts.selfRefreshed = true;
        answer = fromEntry(req, entry->body, served(facts, layerName), timing);
      } else if (notModified) {
        // The copy went away meanwhile: fetch it whole.
        lookup = node_.lookup(rv, options_.clock());
      } else {
        answer = respond(req, t.body, t.generatedError, served(facts, layerName), timing);
      }
    }
    if (role == core::node::FetchRole::Leader) releaseWaiters(rv.key);
    if (answer) co_return std::move(*answer);
  }
}

void ProxyNode::releaseWaiters(core::store::ObjectId key) {
  std::vector<std::uint32_t> released;
  node_.releaseWaiters(key, released);
  for (auto t : released) {
    if (auto it = waiters_.find(t); it != waiters_.end()) it->second->cancel();
  }
}

asio::awaitable<void> ProxyNode::refreshInBackground(Request req, std::size_t b,
                                                     core::store::ObjectId key) {
  core::node::RequestView rv;
  rv.key = key;
  rv.behavior = &behaviors_[b].settings;
  // Viewers arriving meanwhile are still served the stale copy; a miss would wait for this fetch.
  const auto role = node_.joinFetch(rv, nextToken_++);
  if (role == core::node::FetchRole::Follower) co_return;  // another fetch is on its way
  const UpstreamTarget& upstream = options_.upstreamByBehavior[b];
  UpstreamRequest up = upstreamRequestFrom(req, upstream, true);
  const auto* stored = node_.peekEntry(key);
  if (stored != nullptr) {
    // RFC 9111 §4.3.1: the stored validators go upstream.
    if (auto etag = fieldOf(stored->body, "ETag")) up.set(http::field::if_none_match, *etag);
    if (auto lm = fieldOf(stored->body, "Last-Modified")) up.set(http::field::if_modified_since, *lm);
  }
  ++counters_.upstreamRequests;
  ++counters_.backgroundRefreshes;
  const core::TimePoint requestTime = options_.clock();
  auto fetched = co_await fetchUpstream(io_, pool_, upstream, std::move(up), options_.limits);
  Taken t = taken(fetched);
  const bool notModified = t.body.status == 304 && t.generatedError == 0;
  if (!notModified || node_.peekEntry(key) != nullptr) {
    // A failed refresh goes through the error rules too (the copy may be kept on error).
    const ParsedAnswer parsed(t.body);
    auto a = parsed.forNode(requestTime, options_.clock());
    a.generatedError = t.generatedError;
    if (a.status >= 400) a.customError = customErrorFor(a.status);
    const auto result = node_.takeAnswer(rv, a, t.body);
    if (notModified && result.stored != nullptr) updateStoredFields(*node_.storedBody(key), t.body);
  }
  if (role == core::node::FetchRole::Leader) releaseWaiters(key);
}

}  // namespace cdnsim::proxy
