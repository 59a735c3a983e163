#include "proxy/upstream_pool.h"

namespace cdnsim::proxy {

std::optional<boost::beast::tcp_stream> UpstreamPool::take(const boost::asio::ip::tcp::endpoint& to) {
  const auto it = idle_.find(to);
  if (it == idle_.end()) return std::nullopt;
  auto& list = it->second;
  const auto oldest = std::chrono::steady_clock::now() - config_.idleTimeout;
  while (!list.empty() && list.front().since < oldest) list.pop_front();  // closed on destruction
  if (list.empty()) return std::nullopt;
  boost::beast::tcp_stream stream = std::move(list.back().stream);
  list.pop_back();
  return stream;
}

void UpstreamPool::give(const boost::asio::ip::tcp::endpoint& to, boost::beast::tcp_stream stream) {
  auto& list = idle_[to];
  if (list.size() >= config_.maxIdlePerUpstream) list.pop_front();  // the oldest goes
  list.push_back(Idle{std::move(stream), std::chrono::steady_clock::now()});
}

std::size_t UpstreamPool::idle() const {
  std::size_t n = 0;
  for (const auto& [to, list] : idle_) n += list.size();
  return n;
}

}  // namespace cdnsim::proxy
