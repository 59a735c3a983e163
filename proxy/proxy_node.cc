// ProxyNode's cache side: which body answers a request (a stored copy, a collapsed fetch, an
// upstream answer, a refresh), from core/ decisions (see proxy_node.h). The response made from
// it is built in proxy_response.cc; connections are handled in proxy_connection.cc.
#include "proxy/proxy_node.h"

#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <random>

#include "core/cache/cache_key.h"
#include "core/http/validators.h"
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

// its caching fields parsed; `forNode` points into this object, which must outlive the call.
struct ParsedAnswer {
  explicit ParsedAnswer(const ProxyBody& answer)
      : body(answer), freshness(core::cache::freshnessInputFrom(answer.headers())) {}
  core::node::UpstreamAnswer forNode(core::TimePoint requestTime, core::TimePoint responseTime) const {
    core::node::UpstreamAnswer a;
    a.status = body.status;
    a.bodyBytes = body.body.size();
    a.hasValidator = body.field("ETag").has_value() || body.field("Last-Modified").has_value();
    a.freshness = &freshness;
    a.requestTime = requestTime;
    a.responseTime = responseTime;
    return a;
  }
  const ProxyBody& body;
  core::cache::ResponseFreshnessInput freshness;
};

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
      if (auto etag = stored.field("ETag")) up.set(http::field::if_none_match, *etag);
      if (auto lm = stored.field("Last-Modified")) up.set(http::field::if_modified_since, *lm);
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
    if (auto etag = stored->body.field("ETag")) up.set(http::field::if_none_match, *etag);
    if (auto lm = stored->body.field("Last-Modified")) up.set(http::field::if_modified_since, *lm);
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
