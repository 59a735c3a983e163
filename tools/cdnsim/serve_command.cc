// cdnsim serve TOPOLOGY.yaml | SCENARIO.yaml: the topology's nodes as a live caching proxy on
// loopback (proxy/proxy_server.h); runs until SIGINT or SIGTERM. Given a scenario, its topology
// is served and its catalogue fills the in-process S3 origins (the objects a run would request,
// with the same sizes and Cache-Control).
#include <boost/asio.hpp>
#include <fmt/format.h>

#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include <unordered_map>

#include "core/config/config_kind.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"
#include "core/config/yaml_reader.h"
#include "core/record/access_log.h"
#include "proxy/proxy_server.h"
#include "sim/workload/catalogue.h"
#include "tools/cdnsim/commands.h"

namespace cdnsim::tools {

namespace {

// The scenario's catalogue (every object group, releases included) as a bucket: each object at
// its path with its size, content type and its group's Cache-Control; any other key is absent.
proxy::S3ObjectLookup catalogueBucket(std::shared_ptr<const sim::Catalogue> catalogue,
                                      core::TimePoint start) {
  auto byPath = std::make_shared<std::unordered_map<std::string, std::uint64_t>>();
  byPath->reserve(catalogue->objectCount());
  for (std::uint64_t i = 0; i < catalogue->objectCount(); ++i) byPath->emplace(catalogue->path(i), i);
  return [catalogue, byPath, start](std::string_view path) -> std::optional<core::origin::OriginObject> {
    const auto found = byPath->find(std::string(path));
    if (found == byPath->end()) return std::nullopt;
    const std::uint64_t index = found->second;
    const std::uint32_t group = catalogue->groupOf(index);
    core::origin::OriginObject object;
    object.id = index;
    object.bodyBytes = catalogue->size(index);
    object.lastModified = start;
    // Views into the catalogue, which the lookup holds.
    object.contentType = catalogue->contentType(group);
    object.cacheControl = catalogue->cacheControl(group);
    return object;
  };
}

}  // namespace

void registerServeCommand(CLI::App& app, int& status) {
  auto topologyPath = std::make_shared<std::string>();
  auto listen = std::make_shared<std::string>();
  auto accessLogPath = std::make_shared<std::string>();
  auto tracePath = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("serve", "Run the topology as a live caching proxy on loopback");
  cmd->add_option("topology", *topologyPath,
                  "Topology YAML file, or a scenario (its topology, its catalogue in the S3 origins)")
      ->required();
  cmd->add_option("--listen", *listen, "host:port of the first POP (default 127.0.0.1:ephemeral)");
  cmd->add_option("--access-log", *accessLogPath,
                  "Write CloudFront's standard access log (one line per viewer request) to FILE");
  cmd->add_option("--trace", *tracePath,
                  "Write the JSONL trace (one line per viewer request, as run's trace.jsonl) to FILE");
  cmd->callback([topologyPath, listen, accessLogPath, tracePath, &status] {
    core::config::TopologyConfig topology;
    std::optional<core::config::ScenarioConfig> scenario;
    try {
      const auto root = core::config::YamlNode::loadFile(*topologyPath);
      if (core::config::detectConfigKind(root) == core::config::ConfigKind::Scenario) {
        scenario = core::config::readScenario(root);
        topology = core::config::loadScenarioTopology(*scenario);
      } else {
        topology = core::config::readTopology(root);
      }
    } catch (const core::config::ConfigError& e) {
      std::cerr << e.what() << "\n";
      status = kExitBadInput;
      return;
    }
    proxy::ServeOptions options;
    std::shared_ptr<const sim::Catalogue> catalogue;
    if (scenario) {
      catalogue = std::make_shared<const sim::Catalogue>(*scenario);
      options.s3Objects = catalogueBucket(catalogue, scenario->start);
    }
    if (!listen->empty()) {
      const auto colon = listen->rfind(':');
      boost::system::error_code ec;
      const auto address = boost::asio::ip::make_address(listen->substr(0, colon), ec);
      const auto port = parseIntegerOption("--listen", listen->substr(colon + 1), 0, 65535);
      if (colon == std::string::npos || ec || !port.value) {
        std::cerr << "--listen: expected host:port, got '" << *listen << "'\n";
        status = kExitBadInput;
        return;
      }
      options.listen = boost::asio::ip::tcp::endpoint(address, static_cast<std::uint16_t>(*port.value));
    }
    std::ofstream accessLog;
    if (!accessLogPath->empty()) {
      accessLog.open(*accessLogPath, std::ios::binary | std::ios::trunc);
      if (!accessLog) {
        std::cerr << "--access-log: cannot open '" << *accessLogPath << "'\n";
        status = kExitBadInput;
        return;
      }
      std::string header;
      core::record::appendAccessLogHeader(header);
      accessLog << header;
      options.accessLog = [&accessLog](std::string_view line) { accessLog << line; };
    }
    std::ofstream trace;
    if (!tracePath->empty()) {
      trace.open(*tracePath, std::ios::binary | std::ios::trunc);
      if (!trace) {
        std::cerr << "--trace: cannot open '" << *tracePath << "'\n";
        status = kExitBadInput;
        return;
      }
      options.trace = [&trace](std::string_view line) { trace << line; };
    }
    boost::asio::io_context io(1);
    proxy::ProxyServer server(io, std::move(topology), options);
    std::vector<proxy::ListeningNode> table;
    try {
      table = server.start();
    } catch (const boost::system::system_error& e) {
      std::cerr << "serve: " << e.what() << "\n";
      status = kExitFailure;
      return;
    }
    // SIGINT and SIGTERM are caught from here on, before the table tells anyone the proxy is up:
    // a signal sent on seeing it is queued for the handler below, not fatal.
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    fmt::print("{:<24} {:<36} {}\n", "kind", "node", "address");
    for (const auto& row : table) {
      fmt::print("{:<24} {:<36} 127.0.0.1:{}\n", row.kind, row.name, row.port);
    }
    if (!table.empty()) {
      if (scenario) {
        // Each group's most popular objects (rank 1 is its first object).
        fmt::print("\nsample URLs (the scenario's catalogue, most popular first):\n");
        std::size_t shown = 0;
        for (std::uint32_t g = 0; g < catalogue->groupCount() && shown < 3; ++g) {
          const std::uint64_t available = catalogue->available(g, scenario->start);
          const std::uint64_t released = available - catalogue->group(g).initial;
          for (std::uint64_t rank = 1; rank <= std::min<std::uint64_t>(3, available) && shown < 3;
               ++rank, ++shown) {
            fmt::print("  http://127.0.0.1:{}{}\n", table.front().port,
                       catalogue->path(catalogue->objectAtRank(g, rank, released)));
          }
        }
      } else {
        fmt::print("\ntry: curl -v http://127.0.0.1:{}/index.html\n", table.front().port);
      }
    }
    std::fflush(stdout);
    // Graceful shutdown: stop accepting; connections end after their current response; the
    // loop stops when none is left, at most 2 s later (idle keep-alive connections).
    boost::asio::steady_timer grace(io);
    std::chrono::steady_clock::time_point deadline{};  // set when the signal arrives
    std::function<void()> drain = [&] {
      // Done when every connection has closed, or at the deadline (idle keep-alive ones).
      if (server.openConnections() == 0 || std::chrono::steady_clock::now() >= deadline) {
        io.stop();
        return;
      }
      grace.expires_after(std::chrono::milliseconds(20));
      grace.async_wait([&](const boost::system::error_code&) { drain(); });
    };
    signals.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec) return;
      deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      server.stop();
      drain();
    });
    io.run();
    accessLog.flush();  // every line of the finished exchanges is on disk before exit
    trace.flush();
    status = kExitOk;
  });
}

}  // namespace cdnsim::tools
