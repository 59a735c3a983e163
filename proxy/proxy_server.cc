#include "proxy/proxy_server.h"

#include <algorithm>

#include <charconv>

#include "core/routing/tier_plan.h"

namespace cdnsim::proxy {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {
// A custom origin's domain as host[:port] (port 80 when absent).
UpstreamTarget customTarget(const core::config::OriginConfig& origin) {
  UpstreamTarget t;
  std::string_view d = origin.domain;
  const auto colon = d.rfind(':');
  t.host = std::string(d.substr(0, colon));
  t.port = 80;
  if (colon != std::string_view::npos) {
    std::uint16_t port = 0;
    const auto tail = d.substr(colon + 1);
    if (std::from_chars(tail.data(), tail.data() + tail.size(), port).ec == std::errc{}) t.port = port;
  }
  t.hostHeader = origin.domain;
  return t;
}
}  // namespace

ProxyServer::ProxyServer(asio::io_context& io, core::config::TopologyConfig topology,
                         ServeOptions options)
    : io_(io), topology_(std::move(topology)), options_(std::move(options)) {
  if (!options_.clock) options_.clock = systemNow;
}

std::vector<ListeningNode> ProxyServer::start() {
  const auto loopback = asio::ip::make_address("127.0.0.1");
  std::vector<ListeningNode> table;
  std::vector<UpstreamTarget> originTargets;
  for (const auto& origin : topology_.origins) {
    if (origin.kind == core::config::OriginKind::S3) {
      auto s3 = std::make_shared<S3OriginServer>(io_, origin.server.empty() ? "AmazonS3" : origin.server,
                                                 options_.s3Objects, options_.clock);
      UpstreamTarget t;
      t.port = s3->listen(tcp::endpoint(loopback, 0));
      t.hostHeader = origin.domain;
      originTargets.push_back(t);
      s3_.push_back(s3);
      table.push_back({"origin (s3, in-process)", origin.name, t.port});
    } else {
      originTargets.push_back(customTarget(origin));
      table.push_back({"origin (custom)", origin.name + " -> " + origin.domain, originTargets.back().port});
    }
  }
  auto originOf = [&](std::size_t behavior) {
    const auto& name = topology_.behaviors[behavior].origin;
    for (std::size_t i = 0; i < topology_.origins.size(); ++i) {
      if (topology_.origins[i].name == name) return i;
    }
    return std::size_t{0};
  };
  // Origin Shield (DG/origin-shield.html): the REC in the shield's Region is the shield layer;
  // every other REC, and a POP that skips its REC, goes through it for that origin.
  auto shieldOf = [&](std::size_t behavior) -> std::optional<std::size_t> {
    const auto& origin = topology_.origins[originOf(behavior)];
    if (!origin.originShield) return std::nullopt;
    const auto* rec = topology_.findRegionalEdgeCacheByRegion(origin.originShield->region);
    if (rec == nullptr) return std::nullopt;
    return static_cast<std::size_t>(rec - topology_.regionalEdgeCaches.data());
  };
  std::vector<UpstreamTarget> recTargets;
  for (const auto& rec : topology_.regionalEdgeCaches) {
    ProxyNode::Options o;
    o.name = "rec:" + rec.name;
    o.viewerFacing = false;
    o.cache = rec.cache;
    o.limits = options_.limits;
    o.clock = options_.clock;
    auto node = std::make_shared<ProxyNode>(io_, topology_, std::move(o));
    UpstreamTarget t;
    t.port = node->listen(tcp::endpoint(loopback, 0));
    recTargets.push_back(t);
    recs_.push_back(node);
    const bool shield = std::any_of(topology_.origins.begin(), topology_.origins.end(), [&](const auto& origin) {
      return origin.originShield && origin.originShield->region == rec.region;
    });
    table.push_back({shield ? "rec (origin shield)" : "rec", rec.name, t.port});
  }
  for (std::size_t r = 0; r < recs_.size(); ++r) {
    std::vector<UpstreamTarget> upstreams;
    for (std::size_t b = 0; b < topology_.behaviors.size(); ++b) {
      const auto shield = shieldOf(b);
      if (shield && *shield != r) {
        upstreams.push_back(recTargets[*shield]);
        upstreams.back().asShield = true;
      } else {
        upstreams.push_back(originTargets[originOf(b)]);
      }
    }
    recs_[r]->setUpstreams(std::move(upstreams));
  }
  std::vector<ListeningNode> popRows;
  for (std::size_t p = 0; p < topology_.pops.size(); ++p) {
    const auto& pop = topology_.pops[p];
    ProxyNode::Options o;
    o.name = pop.code;
    o.accessLog = options_.accessLog;
    o.trace = options_.trace;
    o.pop = core::emit::parsePopCode(pop.code);
    o.cache = pop.cache;
    o.limits = options_.limits;
    o.clock = options_.clock;
    for (std::size_t b = 0; b < topology_.behaviors.size(); ++b) {
      const auto& origin = topology_.origins[originOf(b)];
      const core::config::RegionalEdgeCacheConfig* rec =
          pop.regionalEdgeCache ? topology_.findRegionalEdgeCache(*pop.regionalEdgeCache) : nullptr;
      core::routing::TierPlanInput in;
      in.method = "GET";
      if (rec != nullptr) in.recRegion = rec->region;
      in.originIsS3 = origin.kind == core::config::OriginKind::S3;
      in.originRegion = origin.region;
      if (origin.originShield) in.shieldRegion = origin.originShield->region;
      const auto plan = core::routing::planTiers(in);
      if (plan.viaRec && rec != nullptr) {
        o.upstreamByBehavior.push_back(recTargets[static_cast<std::size_t>(rec - topology_.regionalEdgeCaches.data())]);
      } else if (plan.viaShield && shieldOf(b)) {
        o.upstreamByBehavior.push_back(recTargets[*shieldOf(b)]);
        o.upstreamByBehavior.back().asShield = true;
      } else {
        o.upstreamByBehavior.push_back(originTargets[originOf(b)]);
      }
    }
    auto node = std::make_shared<ProxyNode>(io_, topology_, std::move(o));
    tcp::endpoint at(loopback, 0);
    if (p == 0 && options_.listen) at = *options_.listen;
    const auto port = node->listen(at);
    pops_.push_back(node);
    popRows.push_back({"pop", pop.code, port});
  }
  popRows.insert(popRows.end(), table.begin(), table.end());
  return popRows;
}

std::size_t ProxyServer::openConnections() const {
  std::size_t n = 0;
  for (const auto& node : pops_) n += node->openConnections();
  for (const auto& node : recs_) n += node->openConnections();
  return n;
}

void ProxyServer::stop() {
  for (auto& n : pops_) n->stop();
  for (auto& n : recs_) n->stop();
  for (auto& s : s3_) s->stop();
}

}  // namespace cdnsim::proxy
