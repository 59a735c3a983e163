#pragma once
// ProxyNode: one caching layer (POP, regional edge cache) of a topology as an HTTP/1.1 server on a
// loopback port. Every decision is core/'s: the behaviour (core/routing), the cache key
// (core/cache/cache_key), lookup / store / refresh / collapsing (core/node/cache_node.h over
// ProxyBody), and the viewer headers (core/emit/response_headers). This file moves bytes.
//
// Not thread-safe: a node belongs to the io_context that runs it.

#include <boost/asio.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/cache/cacheability.h"
#include "core/config/topology.h"
#include "core/emit/pop_code.h"
#include "core/emit/result_type.h"
#include "core/node/cache_node.h"
#include "proxy/proxy_types.h"
#include "proxy/upstream_client.h"

namespace cdnsim::proxy {

struct NodeCounters {
  std::uint64_t requests = 0;
  std::uint64_t upstreamRequests = 0;
  std::uint64_t backgroundRefreshes = 0;  // of upstreamRequests: stale-while-revalidate refreshes
  std::uint64_t connections = 0;
};

class ProxyNode : public std::enable_shared_from_this<ProxyNode> {
 public:
  struct Options {
    std::string name;                       // "IAD89-C1", "rec:us-east-1"
    bool viewerFacing = true;               // a POP: emits CloudFront's viewer headers
    std::optional<core::emit::PopCode> pop;  // X-Amz-Cf-Pop (viewer-facing nodes)
    core::config::CacheConfig cache;
    std::vector<UpstreamTarget> upstreamByBehavior;  // one per topology behaviour
    ProxyLimits limits;
    Clock clock;
    // Receives one CloudFront access-log line per viewer exchange (viewer-facing nodes), built
    // by core/record; null: no log.
    std::function<void(std::string_view line)> accessLog;
    // Receives the same exchange as one JSONL trace line (core/record/trace_line.h); null: none.
    std::function<void(std::string_view line)> trace;
  };

  ProxyNode(boost::asio::io_context& io, const core::config::TopologyConfig& topology, Options options);

  // Where each behaviour's requests go upstream (set once every node's port is known).
  void setUpstreams(std::vector<UpstreamTarget> byBehavior) {
    options_.upstreamByBehavior = std::move(byBehavior);
  }
  // Binds and starts accepting; returns the port bound.
  std::uint16_t listen(const boost::asio::ip::tcp::endpoint& endpoint);
  // Stops accepting; open connections end after their current response.
  void stop();

  const std::string& name() const { return options_.name; }
  std::uint16_t port() const { return port_; }
  std::size_t openConnections() const { return openConnections_; }
  const NodeCounters& counters() const { return counters_; }
  const core::node::CacheNodeCounters& cacheCounters() const { return node_.counters(); }

 private:
  struct Behavior {
    core::cache::CachePolicyConfig policy;
    core::cache::CacheabilitySettings settings;
  };
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  // What handle() decided, for the access log.
  struct ExchangeNote {
    core::emit::Outcome outcome{};
    std::string requestId;
    std::optional<core::Duration> age;
  };
  // `interim` collects the upstream's interim responses (1xx) to pass on before the answer.
  // A custom error response's page fetched for a viewer's error (DG/GeneratingCustomErrorResponses.html):
  // the error it replaces.
  struct PageFor {
    int status = 0;
    std::uint8_t generatedError = 0;
  };
  boost::asio::awaitable<Response> handle(const Request& req, std::vector<ProxyBody>& interim,
                                          const PageFor* page = nullptr);
  // handle(), then, at a POP, a custom error response's page in place of an error.
  boost::asio::awaitable<Response> handleViewer(const Request& req, std::vector<ProxyBody>& interim);
  // stale-while-revalidate: refreshes the stored copy of `key` upstream, off any viewer's path.
  boost::asio::awaitable<void> refreshInBackground(Request req, std::size_t behavior,
                                                   core::store::ObjectId key);
  void releaseWaiters(core::store::ObjectId key);
  void logExchange(const Request& req, const Response& res, core::TimePoint received,
                   const boost::asio::ip::tcp::endpoint& client, const ExchangeNote& note);
  Response makeError(int status, core::emit::DetailedResultType detailed);
  // How a response was produced: the viewer's result (viewer-facing nodes), the Age to state, and
  // for inner layers the note for the layer below (kLayerField; empty: none).
  struct Served {
    core::emit::DetailedResultType detailed = core::emit::DetailedResultType::Miss;
    std::optional<core::Duration> age;
    std::optional<core::emit::HitLayer> hitLayer;
    std::string layerNote;
  };
  Response fromEntry(const Request& req, const ProxyBody& entry, const Served& served,
                     bool serverTiming = false);
  // What a fetched answer says of the upstream layer that produced it (removing the note).
  struct UpstreamLayer {
    core::emit::HitLayer by = core::emit::HitLayer::Origin;
    bool refreshed = false;
    std::string note;  // as received, to pass on
  };
  static UpstreamLayer takeLayerNote(ProxyBody& answer);
  // What this node answers with, for the viewer's result (core/node/viewer_result.h) at a POP and
  // the note for the layer below at an inner layer.
  struct ServedFacts {
    core::node::LookupOutcome lookup = core::node::LookupOutcome::Miss;  // this node's finding
    UpstreamLayer layer;       // what the upstream said of its answer (when it went upstream)
    const core::node::StoredEntry<ProxyBody>* entry = nullptr;  // this node's copy that answers
    const ProxyBody* answer = nullptr;  // the upstream's answer (its stated Age), when not stored
    bool fromOwnCache = false;  // served from this node's cache (hit, or its copy on error)
    bool selfRefreshed = false;  // this node revalidated its copy upstream first
    bool staleOnError = false;   // this node's expired copy, served because upstream failed
    int status = 200;
    std::uint8_t generatedError = 0;  // StoredResponse::generatedError
    const PageFor* page = nullptr;    // this answer is a custom error page for that error
  };
  Served served(const ServedFacts& facts, const std::string& role) const;
  // The answer for the viewer: CloudFront's own error page for a generated error (rendered here,
  // with this request's id), else the response's fields and body.
  Response respond(const Request& req, const ProxyBody& body, std::uint8_t generatedError,
                   const Served& how, bool serverTiming);
  // An upstream answer as the node takes it: a generated error for no answer at all, or the
  // answer with the inner layer's notes removed.
  struct Taken {
    ProxyBody body;
    std::uint8_t generatedError = 0;
    UpstreamLayer layer;
  };
  static Taken taken(FetchResult& fetched);
  const core::cache::CustomErrorResponse* customErrorFor(int status) const;

  boost::asio::awaitable<void> acceptLoop();
  boost::asio::awaitable<void> serveConnection(boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  const core::config::TopologyConfig& topology_;
  Options options_;
  std::vector<Behavior> behaviors_;
  core::node::CacheNodeOf<ProxyBody> node_;
  UpstreamPool pool_;  // kept-alive connections to this node's upstreams
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  std::uint16_t port_ = 0;
  bool stopping_ = false;
  std::size_t openConnections_ = 0;
  std::uint64_t sequence_ = 0;
  // Request ids must differ between runs of a live proxy (X-Amz-Cf-Id is unique per request).
  std::uint64_t idSeed_ = 0;
  std::uint32_t nextToken_ = 1;
  // Followers of a collapsed fetch wait on a timer the leader cancels (token -> timer).
  std::map<std::uint32_t, boost::asio::steady_timer*> waiters_;
  NodeCounters counters_;
  ExchangeNote lastNote_;  // set by makeError / fromEntry, read right after them
};

}  // namespace cdnsim::proxy
