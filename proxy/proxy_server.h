#pragma once
// ProxyServer: every node of a topology in one process on loopback ports. Each POP and regional
// edge cache is a ProxyNode; a POP forwards to its REC unless the REC-skip rules say otherwise
// (core/routing/tier_plan.h, planned for a GET); S3 origins run in-process (S3OriginServer); a
// custom origin's `domain` is the real host:port it is forwarded to.
#include <boost/asio.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config/topology.h"
#include "proxy/proxy_node.h"
#include "proxy/s3_origin_server.h"

namespace cdnsim::proxy {

struct ServeOptions {
  std::optional<boost::asio::ip::tcp::endpoint> listen;  // the first POP's address
  ProxyLimits limits;
  Clock clock;
  std::function<void(std::string_view line)> accessLog;  // one access-log line per exchange
  std::function<void(std::string_view line)> trace;      // one JSONL trace line per exchange
  S3ObjectLookup s3Objects;  // what the in-process S3 origins hold (null: every path, 1 KiB)
};

struct ListeningNode {
  std::string kind;  // "pop", "rec", "origin"
  std::string name;
  std::uint16_t port = 0;
};

class ProxyServer {
 public:
  ProxyServer(boost::asio::io_context& io, core::config::TopologyConfig topology, ServeOptions options);
  // Binds every node; returns the table of ports, viewer-facing POPs first.
  std::vector<ListeningNode> start();
  void stop();
  // Viewer connections open on every node (for a graceful shutdown).
  std::size_t openConnections() const;
  const std::vector<std::shared_ptr<ProxyNode>>& pops() const { return pops_; }

 private:
  boost::asio::io_context& io_;
  core::config::TopologyConfig topology_;
  ServeOptions options_;
  std::vector<std::shared_ptr<ProxyNode>> pops_;
  std::vector<std::shared_ptr<ProxyNode>> recs_;
  std::vector<std::shared_ptr<S3OriginServer>> s3_;
};

}  // namespace cdnsim::proxy
