#pragma once
// One line of a replayed log or trace, as its reader hands it over: when, where from, what was
// asked. The strings are owned and reused: a slot keeps its capacity from one line to the next, so
// reading allocates nothing once the slots have grown to the log's longest fields.

#include <cstdint>
#include <string>

namespace cdnsim::sim::replay {

struct ReplayRequest {
  std::int64_t time = 0;    // the log's clock: Unix seconds (CloudFront), the trace's unit otherwise
  std::uint32_t file = 0;   // index into the replay's files
  std::uint64_t line = 0;   // 1-based line (oracleGeneral: record) in that file
  std::string method;       // as logged ("GET"); "GET" for traces
  std::string edgeLocation; // x-edge-location ("IAD89-C1"); empty for traces
  std::string clientIp;     // c-ip; empty for traces
  std::string host;         // cs(Host); empty for traces
  std::string path;         // cs-uri-stem (percent-encoded as logged); <path_prefix><id> for traces
  std::string query;        // cs-uri-query without '?', "" for '-'
  std::string cookie;       // cs(Cookie), "" for '-'
  std::string userAgent;    // cs(User-Agent), "" for '-'
  std::uint64_t bytes = 0;  // sc-bytes, or the trace's size
  std::uint64_t objectId = 0;  // the trace's object id (traces only)
};

}  // namespace cdnsim::sim::replay
