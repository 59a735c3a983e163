#include "sim/replay/replay_arrivals.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/cache/cache_key.h"
#include "core/config/config_error.h"
#include "core/routing/behavior_match.h"
#include "sim/trace/trace_reader.h"

namespace cdnsim::sim::replay {

namespace {

using core::config::ReplayFormat;
using core::config::ReplayRouting;
using core::config::RequestMethod;

// The stream of the replay's draws of client populations (a trace names no viewer).
constexpr std::uint64_t kReplayClientStream = 0x4E91A70000ULL;
// How many bad lines and unknown codes the summary quotes.
constexpr std::size_t kQuoted = 5;

std::string_view formatName(ReplayFormat f) {
  switch (f) {
    case ReplayFormat::CloudFront: return "CloudFront access log";
    case ReplayFormat::Csv: return "CSV trace";
    case ReplayFormat::OracleGeneral: return "oracleGeneral trace";
  }
  return "log";
}

// The cached and uncached methods the simulator models; others go the way of POST (they skip the
// regional edge cache and are never cached: DG/HowCloudFrontWorks.html).
RequestMethod methodOf(std::string_view m, bool& other) {
  other = false;
  if (m == "GET") return RequestMethod::Get;
  if (m == "HEAD") return RequestMethod::Head;
  if (m == "OPTIONS") return RequestMethod::Options;
  if (m != "POST") other = true;
  return RequestMethod::Post;
}

}  // namespace

core::config::ScenarioConfig replayClients(const core::config::ScenarioConfig& scenario,
                                           const core::config::TopologyConfig& topology) {
  core::config::ScenarioConfig out = scenario;
  if (!scenario.replay || scenario.replay->routing != ReplayRouting::Logged) return out;
  for (const auto& pop : topology.pops) {
    core::config::ClientPopulationConfig c;
    c.name = "viewers at " + pop.code;
    c.location = pop.location;
    c.requestsPerSecond = 1;  // never drawn: the log says when they ask
    out.clients.push_back(std::move(c));
  }
  return out;
}

ReplayArrivals::ReplayArrivals(const core::config::ScenarioConfig& scenario,
                               const core::config::TopologyConfig& topology, const World& world,
                               std::uint64_t firstObject)
    : scenario_(scenario),
      config_(*scenario.replay),
      topology_(topology),
      world_(world),
      merge_(*scenario.replay, [this](const BadLine& bad) { onBad(bad); }),
      clientRng_(Rng::stream(scenario.seed, kReplayClientStream)),
      firstObject_(firstObject) {
  populations_ = static_cast<std::uint32_t>(scenario.clients.size());
  if (config_.routing == ReplayRouting::Logged) {
    populations_ -= static_cast<std::uint32_t>(topology.pops.size());
    for (std::uint32_t p = 0; p < topology.pops.size(); ++p) popByCode_[topology.pops[p].code] = p;
  } else {
    std::vector<double> weights;
    for (std::uint32_t c = 0; c < populations_; ++c) weights.push_back(scenario.clients[c].requestsPerSecond);
    clientChoice_ = WeightedChoice(weights);
  }
  tally_.unknownCodes.clear();
}

void ReplayArrivals::onBad(const BadLine& bad) {
  const std::string where = fmt::format("{}:{}", config_.files[bad.file], bad.line);
  if (config_.badLines == core::config::BadLinePolicy::Refuse) {
    throw core::config::ConfigError(
        {config_.files[bad.file], static_cast<int>(bad.line), 1},
        fmt::format("{}; expected a {} line (or `bad_lines: skip` in the scenario's replay: to "
                    "count and pass over bad lines)",
                    bad.message, formatName(config_.format)));
  }
  ++tally_.badLines;
  if (tally_.firstBadLines.size() < kQuoted) tally_.firstBadLines.push_back(where + ": " + bad.message);
}

std::optional<std::uint32_t> ReplayArrivals::clientOf(const ReplayRequest& r) {
  if (config_.routing == ReplayRouting::Logged) {
    const auto it = popByCode_.find(r.edgeLocation);
    if (it == popByCode_.end()) {
      ++tally_.unknownEdgeLocations;
      auto& codes = tally_.unknownCodes;
      if (codes.size() < kQuoted && std::find(codes.begin(), codes.end(), r.edgeLocation) == codes.end()) {
        codes.push_back(r.edgeLocation);
        std::sort(codes.begin(), codes.end());
      }
      return std::nullopt;
    }
    return populations_ + it->second;
  }
  if (config_.clientLocations) {
    const auto& map = *config_.clientLocations;
    const std::string& field =
        map.by == core::config::ClientField::ClientIp ? r.clientIp : r.edgeLocation;
    // Longest matching prefix; the map is small (a linear scan per request).
    std::size_t best = 0;
    std::optional<std::uint32_t> client;
    for (const auto& [prefix, population] : map.prefixes) {
      if (prefix.size() > best && std::string_view(field).starts_with(prefix)) {
        best = prefix.size();
        client = population;
      }
    }
    if (client) return client;
    if (map.fallback) return map.fallback;
  }
  return static_cast<std::uint32_t>(clientChoice_(clientRng_));
}

std::optional<core::TimePoint> ReplayArrivals::nextTime() {
  if (pendingAt_) return pendingAt_;
  for (;;) {
    const ReplayRequest* r = merge_.next();
    tally_.late = merge_.late();
    if (r == nullptr) return std::nullopt;
    ++tally_.lines;
    if (!firstTime_) firstTime_ = r->time;
    const auto client = clientOf(*r);
    if (!client) continue;

    Arrival a;
    a.client = *client;
    bool other = false;
    a.method = methodOf(r->method, other);
    if (other) ++tally_.otherMethods;
    const bool trace = config_.format != ReplayFormat::CloudFront;
    request_.method = core::config::toString(a.method);
    request_.host = trace ? std::string_view(topology_.domain) : std::string_view(r->host);
    request_.path = r->path;
    request_.query = r->query;
    request_.headers = core::http::Headers{};
    if (!r->userAgent.empty()) request_.headers.add("User-Agent", r->userAgent);
    if (!r->cookie.empty()) request_.headers.add("Cookie", r->cookie);
    a.behavior = static_cast<std::uint32_t>(core::routing::matchBehavior(topology_.behaviors, r->path));
    a.key = core::cache::cacheKeyHash(request_, world_.behaviors()[a.behavior].policy);

    const std::uint64_t identity =
        trace ? r->objectId : trace::fnv1a64(r->path, trace::fnv1a64(request_.host));
    const auto [it, inserted] = objectIndex_.try_emplace(identity, firstObject_ + objectIndex_.size());
    a.object = it->second;
    a.newObject = inserted;
    a.objectBytes = r->bytes;
    tally_.objects = objectIndex_.size();

    const double seconds = static_cast<double>(r->time - *firstTime_) * config_.timeScale;
    pendingAt_ = scenario_.start + core::Duration(static_cast<std::int64_t>(std::llround(seconds * 1e6)));
    pending_ = a;
    return pendingAt_;
  }
}

ReplayArrivals::Arrival ReplayArrivals::take() {
  const Arrival a = *pending_;
  pending_.reset();
  pendingAt_.reset();
  ++tally_.replayed;
  return a;
}

}  // namespace cdnsim::sim::replay
