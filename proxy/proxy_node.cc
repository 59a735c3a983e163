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
#include "core/http/http_date.h"
#include "core/http/validators.h"
#include "core/node/viewer_result.h"
#include "core/record/access_log.h"
#include "core/record/record_builder.h"
#include "core/record/trace_line.h"
#include "core/routing/behavior_match.h"
#include "core/store/policy_registry.h"
#include "proxy/upstream_client.h"

namespace cdnsim::proxy {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using core::emit::DetailedResultType;
constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

core::TimePoint systemNow() {
  return core::TimePoint(std::chrono::duration_cast<core::Duration>(
      std::chrono::system_clock::now().time_since_epoch()));
}

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

// A GET or HEAD whose If-None-Match matches the stored ETag of a 200 (RFC 9110 §13.1.2).
bool viewerValidatorMatches(const http::request<http::string_body>& req, const ProxyBody& entry) {
  if (entry.status != 200) return false;
  if (req.method() != http::verb::get && req.method() != http::verb::head) return false;
  const auto inm = req.find(http::field::if_none_match);
  const auto etagText = fieldOf(entry, "ETag");
  if (inm == req.end() || !etagText) return false;
  const auto etag = core::http::parseEntityTag(*etagText);
  return etag && core::http::ifNoneMatchMatches(
                     std::string_view(inm->value().data(), inm->value().size()), *etag);
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

std::uint16_t ProxyNode::listen(const tcp::endpoint& endpoint) {
  acceptor_ = std::make_unique<tcp::acceptor>(io_);
  acceptor_->open(endpoint.protocol());
  acceptor_->set_option(asio::socket_base::reuse_address(true));
  acceptor_->bind(endpoint);
  acceptor_->listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_->local_endpoint().port();
  asio::co_spawn(io_, [self = shared_from_this()] { return self->acceptLoop(); }, asio::detached);
  return port_;
}

void ProxyNode::stop() {
  stopping_ = true;
  if (acceptor_) {
    boost::system::error_code ec;
    acceptor_->close(ec);
  }
}

asio::awaitable<void> ProxyNode::acceptLoop() {
  while (!stopping_) {
    auto [ec, socket] = co_await acceptor_->async_accept(kTuple);
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) break;
      continue;  // EMFILE and the like: try again
    }
    if (openConnections_ >= options_.limits.maxConnections) continue;  // closed at scope end
    ++counters_.connections;
    asio::co_spawn(
        io_, [self = shared_from_this(), s = std::move(socket)]() mutable {
          return self->serveConnection(std::move(s));
        },
        asio::detached);
  }
}

// One viewer connection: read a request (Beast's parser keeps pipelined bytes in `buffer`),
// answer it, repeat while keep-alive.
asio::awaitable<void> ProxyNode::serveConnection(tcp::socket socket) {
  ++openConnections_;
  struct Count {
    std::size_t& n;
    ~Count() { --n; }
  } count{openConnections_};
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  const auto& limits = options_.limits;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.maxHeaderBytes + limits.maxUrlBytes + 64));
    parser.body_limit(limits.maxBodyBytes);
    stream.expires_after(buffer.size() > 0 ? limits.requestReadTimeout : limits.idleTimeout);
    // Wait for the first byte with the idle timeout, then the whole header with the read timeout.
    auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, kTuple);
    (void)hn;
    ViewerResponse res;
    bool close = false;
    std::optional<ViewerRequest> request;
    core::TimePoint received{};
    ExchangeNote note;
    std::vector<ProxyBody> interim;
    if (!hec) {
      stream.expires_after(limits.requestReadTimeout);
      auto [bec, bn] = co_await http::async_read(stream, buffer, parser, kTuple);
      (void)bn;
      hec = bec;
    }
    if (hec == http::error::end_of_stream || hec == beast::error::timeout ||
        hec == asio::error::connection_reset || hec == asio::error::eof ||
        hec == asio::error::operation_aborted) {
      break;
    }
    if (hec) {
      // Malformed or too large: CloudFront answers with its own error and closes.
      const int status = hec == http::error::header_limit ? 494
                         : hec == http::error::body_limit ? 413
                                                          : 400;
      res = makeError(status, DetailedResultType::InvalidRequest);
      close = true;
    } else {
      request = parser.release();
      received = options_.clock();
      if (request->target().size() > limits.maxUrlBytes) {
        res = makeError(414, DetailedResultType::InvalidRequest);
      } else {
        res = co_await handle(*request, interim);
      }
      // Taken before the next suspension: a finished child awaitable resumes its caller
      // directly, so no other session has run since handle() set it.
      note = lastNote_;
      close = !request->keep_alive() || stopping_;
    }
    res.keep_alive(!close);
    stream.expires_after(limits.requestReadTimeout);
    // RFC 9110 §15.2: interim responses go on to HTTP/1.1 clients only, before the final one.
    for (const auto& i : interim) {
      if (request->version() < 11) break;
      http::response<http::empty_body> early(static_cast<http::status>(i.status), 11);
      if (i.status == 103) early.reason("Early Hints");  // RFC 8297; Beast knows no phrase for it
      for (const auto& [name, value] : i.fields) early.insert(name, value);
      auto [iec, in] = co_await http::async_write(stream, early, kTuple);
      (void)in;
      if (iec) break;
    }
    auto [wec, wn] = co_await http::async_write(stream, res, kTuple);
    (void)wn;
    if ((options_.accessLog || options_.trace) && options_.viewerFacing && request) {
      boost::system::error_code pec;
      const auto peer = stream.socket().remote_endpoint(pec);
      logExchange(*request, res, received, peer, note);
    }
    if (wec || close) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
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
  if (viewerValidatorMatches(req, entry)) {
    // RFC 9110 §13.1.2: the viewer's copy is current; a 304 without the body.
    res.result(http::status::not_modified);
    res.content_length(entry.body.size());
    return res;
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

ProxyNode::Served ProxyNode::servedAfterFetch(core::node::LookupOutcome lookup,
                                              const UpstreamLayer& layer, const ProxyBody& answer,
                                              const core::node::StoredEntry<ProxyBody>* entry,
                                              bool selfRefreshed, const std::string& role) const {
  Served served;
  if (!options_.viewerFacing) {
    // This layer's own revalidated copy, or whatever the layer above said of its answer.
    served.detailed = selfRefreshed ? DetailedResultType::RefreshHit : DetailedResultType::Miss;
    served.layerNote = selfRefreshed ? role + " refreshed" : layer.note;
    if (selfRefreshed && entry != nullptr) {
      served.age = core::cache::currentAge(entry->meta.correctedInitialAge, entry->meta.responseTime,
                                           options_.clock());
    }
    return served;
  }
  // The viewer's result, as the simulator decides it (core/node/viewer_result.h).
  core::node::ViewerResultInput in;
  in.edgeLookup = lookup;
  in.answeredBy = layer.by;
  in.answeredAfterRefresh = layer.refreshed;
  const auto result = core::node::viewerResult(in);
  served.detailed = result.outcome.detailed;
  served.hitLayer = result.hitLayer;
  if (result.statesAge) {
    if (entry != nullptr) {
      served.age = core::cache::currentAge(entry->meta.correctedInitialAge, entry->meta.responseTime,
                                           options_.clock());
    } else if (auto stated = fieldOf(answer, "Age")) {
      std::uint64_t seconds = 0;
      const auto [end, ec] = std::from_chars(stated->data(), stated->data() + stated->size(), seconds);
      if (ec == std::errc() && end == stated->data() + stated->size()) served.age = core::seconds(static_cast<std::int64_t>(seconds));
    }
  }
  return served;
}

void ProxyNode::logExchange(const ViewerRequest& req, const ViewerResponse& res,
                            core::TimePoint received, const tcp::endpoint& client,
                            const ExchangeNote& note) {
  const std::string_view target(req.target().data(), req.target().size());
  const auto q = target.find('?');
  std::uint64_t headerBytes = 0;
  std::string host;
  for (const auto& f : req) {
    if (f.name() == http::field::host) {
      host = std::string(f.value());
      continue;
    }
    headerBytes += f.name_string().size() + 2 + f.value().size() + 2;
  }
  core::http::HeaderFieldList emitted;
  for (const auto& f : res) {
    emitted.add(std::string_view(f.name_string().data(), f.name_string().size()),
                std::string_view(f.value().data(), f.value().size()));
  }
  const std::string ip = client.address().to_string();
  const auto ct = res.find(http::field::content_type);
  core::record::ViewerExchangeFacts facts;
  facts.received = received;
  facts.firstByte = options_.clock();
  facts.lastByte = facts.firstByte;
  facts.pop = options_.pop.value_or(core::emit::PopCode{"SFO", 1, '\0', 0});
  facts.clientIp = ip;
  facts.clientPort = client.port();
  facts.method = std::string_view(req.method_string().data(), req.method_string().size());
  facts.host = host;
  facts.uriStem = target.substr(0, q);
  facts.query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  facts.requestHeaderBytes = headerBytes;
  facts.status = static_cast<int>(res.result_int());
  facts.bodyBytes = res.body().size();
  facts.emitted = &emitted;
  facts.outcome = note.outcome;
  facts.requestId = note.requestId;
  if (ct != res.end()) facts.contentType = std::string_view(ct->value().data(), ct->value().size());
  facts.age = note.age;
  const auto record = core::record::buildRequestRecord(facts);
  std::string line;
  if (options_.accessLog) {
    core::record::appendAccessLogLine(record, line);
    options_.accessLog(line);
  }
  if (options_.trace) {
    line.clear();
    core::record::appendTraceJsonLine(record, emitted, line);
    options_.trace(line);
  }
}

asio::awaitable<ProxyNode::Response> ProxyNode::handle(const ViewerRequest& req,
                                                      std::vector<ProxyBody>& interim) {
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
    auto fetched = co_await fetchUpstream(io_, upstream, up, options_.limits);
    for (auto& i : fetched.interim) interim.push_back(std::move(i));
    if (!fetched.ok) co_return makeError(fetched.errorStatus, fetched.detailed);
    takeLayerNote(fetched.response);  // not cacheable: no layer cached it
    co_return fromEntry(req, fetched.response, Served{}, timing);
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
      const auto* entry = node_.peekEntry(rv.key);
      co_return fromEntry(req, entry->body,
                          Served{DetailedResultType::Hit, lookup.age, core::emit::HitLayer::Edge, layerName},
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
      continue;  // served from the leader's copy, or goes upstream alone
    }
    const bool revalidate = lookup.outcome == core::node::LookupOutcome::Revalidate;
    UpstreamRequest up = upstreamRequestFrom(req, upstream, true);
    if (revalidate) {
      // RFC 9111 §4.3.1: the stored validators go upstream.
      const auto& stored = node_.peekEntry(rv.key)->body;
      if (auto etag = fieldOf(stored, "ETag")) up.set(http::field::if_none_match, *etag);
      if (auto lm = fieldOf(stored, "Last-Modified")) up.set(http::field::if_modified_since, *lm);
    }
    ++counters_.upstreamRequests;
    const core::TimePoint requestTime = options_.clock();
    auto fetched = co_await fetchUpstream(io_, upstream, up, options_.limits);
    const core::TimePoint responseTime = options_.clock();
    for (auto& i : fetched.interim) interim.push_back(std::move(i));
    std::optional<Response> answer;
    if (!fetched.ok) {
      answer = makeError(fetched.errorStatus, fetched.detailed);
    } else {
      const UpstreamLayer layer = takeLayerNote(fetched.response);
      const ParsedAnswer parsed(fetched.response);
      const auto a = parsed.forNode(requestTime, responseTime);
      const bool notModified = a.status == 304;
      if (notModified && !revalidate) {
        answer = fromEntry(req, fetched.response, Served{}, timing);
      } else {
        const auto result = node_.takeAnswer(rv, a, fetched.response);
        const auto* entry = result.stored != nullptr ? node_.peekEntry(rv.key) : nullptr;
        if (notModified && entry != nullptr) {
          updateStoredFields(*node_.storedBody(rv.key), fetched.response);
          answer = fromEntry(req, entry->body,
                             servedAfterFetch(lookup.outcome, layer, entry->body, entry, true, layerName),
                             timing);
        } else if (notModified) {
          // The copy went away meanwhile: fetch it whole.
          lookup = node_.lookup(rv, options_.clock());
          answer.reset();
        } else {
          answer = fromEntry(
              req, fetched.response,
              servedAfterFetch(lookup.outcome, layer, fetched.response, entry, false, layerName), timing);
        }
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
  auto fetched = co_await fetchUpstream(io_, upstream, up, options_.limits);
  if (fetched.ok && (fetched.response.status != 304 || node_.peekEntry(key) != nullptr)) {
    takeLayerNote(fetched.response);
    const ParsedAnswer parsed(fetched.response);
    const auto a = parsed.forNode(requestTime, options_.clock());
    const auto result = node_.takeAnswer(rv, a, fetched.response);
    if (a.status == 304 && result.stored != nullptr) {
      updateStoredFields(*node_.storedBody(key), fetched.response);
    }
  }
  if (role == core::node::FetchRole::Leader) releaseWaiters(key);
}

}  // namespace cdnsim::proxy
