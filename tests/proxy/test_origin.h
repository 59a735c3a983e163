#pragma once
// A small origin for proxy tests, on an ephemeral loopback port, one thread per connection:
//   /slow...  answers after 300 ms (max-age=60, ETag), for collapsing;
//   /stall... reads the request and never answers (until stop);
//   /reset... reads the request and resets the connection;
//   /nofresh... answers at once without freshness information;
//   /revision... answers If-None-Match "v1" with 304 and X-Revision: <requests read so far>;
//   /swr... as /revision, with max-age=1, stale-while-revalidate=60;
//   /early... sends 103 Early Hints (a Link field) before its answer;
//   /missing... answers 404 (no Cache-Control);
//   a query with h=NAME:VALUE items (percent-encoded) answers with exactly those caching fields
//   (no Cache-Control of its own), for the conformance tests;
//   anything else answers at once (max-age=60).
// Connections are kept alive as the client asks (RFC 9112 §9.3). failWith(status) makes every
// answer that status (no Cache-Control), failWith(-1) resets every connection, failWith(-2) stalls
// every request like /stall, failWith(0) undoes it; closeAfterAnswer(true) answers as if keeping
// the connection alive, then closes it (an idle connection the origin dropped).
// Counts the requests it read per path, and the connections it accepted.
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cdnsim::test {

class TestOrigin {
 public:
  TestOrigin()
      : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}),
        port_(acceptor_.local_endpoint().port()) {
    acceptThread_ = std::thread([this] { acceptLoop(); });
  }
  ~TestOrigin() {
    stopping_ = true;
    // A blocking accept is woken by one more connection, which it then drops.
    boost::system::error_code ec;
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket wake(io);
    wake.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    acceptThread_.join();
    {
      // Kept-alive connections wait in a read: end them.
      std::lock_guard lock(mutex_);
      for (auto* socket : open_) socket->shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    }
    for (auto& t : connections_) t.join();
  }
  int accepted() const { return accepted_.load(); }
  void failWith(int status) { forced_ = status; }
  void closeAfterAnswer(bool on) { closeAfter_ = on; }
  std::uint16_t port() const { return port_; }
  int count(const std::string& path) {
    std::lock_guard lock(mutex_);
    return counts_[path];
  }

 private:
  void acceptLoop() {
    while (!stopping_) {
      boost::system::error_code ec;
      boost::asio::ip::tcp::socket socket(io_);
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      ++accepted_;
      connections_.emplace_back([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
    }
  }
  void serve(boost::asio::ip::tcp::socket socket) {
    {
      std::lock_guard lock(mutex_);
      open_.push_back(&socket);
    }
    boost::beast::flat_buffer buffer;
    while (!stopping_ && answer(socket, buffer) && !closeAfter_) {
    }
    std::lock_guard lock(mutex_);
    std::erase(open_, &socket);
  }
  // Reads and answers one request; whether the connection stays open.
  bool answer(boost::asio::ip::tcp::socket& socket, boost::beast::flat_buffer& buffer) {
    namespace http = boost::beast::http;
    http::request<http::string_body> req;
    boost::system::error_code ec;
    http::read(socket, buffer, req, ec);
    if (ec) return false;
    const std::string path(req.target());
    {
      std::lock_guard lock(mutex_);
      ++counts_[path];
    }
    const int forced = forced_.load();
    if (path.rfind("/reset", 0) == 0 || forced == -1) {
      std::lock_guard lock(mutex_);
      socket.set_option(boost::asio::socket_base::linger(true, 0), ec);
      socket.close(ec);  // linger 0: the close sends a reset
      return false;
    }
    if (path.rfind("/stall", 0) == 0 || forced == -2) {
      for (int i = 0; i < 40 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      return false;
    }
    const bool keepAlive = req.keep_alive();
    if (forced > 0 || path.rfind("/missing", 0) == 0) {
      http::response<http::string_body> res(static_cast<http::status>(forced > 0 ? forced : 404), 11);
      res.set(http::field::server, "TestOrigin");
      res.body() = "failing " + path;
      res.prepare_payload();
      res.keep_alive(keepAlive);
      http::write(socket, res, ec);
      return keepAlive && !ec;
    }
    if (path.rfind("/slow", 0) == 0) std::this_thread::sleep_for(std::chrono::milliseconds(300));
    if (path.rfind("/early", 0) == 0) {
      const std::string hints = "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n";
      boost::asio::write(socket, boost::asio::buffer(hints), ec);
    }
    const bool revisioned = path.rfind("/revision", 0) == 0 || path.rfind("/swr", 0) == 0;
    const char* cacheControl =
        path.rfind("/swr", 0) == 0 ? "max-age=1, stale-while-revalidate=60" : "max-age=60";
    if (revisioned && req[http::field::if_none_match] == "\"v1\"") {
      // Unchanged, but with a newer field value that the cache must take over.
      http::response<http::empty_body> res(http::status::not_modified, 11);
      res.set(http::field::server, "TestOrigin");
      res.set(http::field::cache_control, cacheControl);
      res.set(http::field::etag, "\"v1\"");
      res.set("X-Revision", std::to_string(count(path)));
      res.keep_alive(keepAlive);
      http::write(socket, res, ec);
      return keepAlive && !ec;
    }
    http::response<http::string_body> res(http::status::ok, 11);
    res.set(http::field::server, "TestOrigin");
    const auto fields = requestedFields(path);
    for (const auto& [name, value] : fields) res.set(name, value);
    if (path.rfind("/nofresh", 0) != 0 && fields.empty()) res.set(http::field::cache_control, cacheControl);
    res.set(http::field::etag, "\"v1\"");
    if (revisioned) res.set("X-Revision", "1");
    res.body() = "hello " + path;
    res.prepare_payload();
    res.keep_alive(keepAlive);
    http::write(socket, res, ec);
    return keepAlive && !ec;
  }

  // The h=NAME:VALUE items of the target's query, percent-decoded.
  static std::vector<std::pair<std::string, std::string>> requestedFields(const std::string& target) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto q = target.find('?');
    if (q == std::string::npos) return out;
    std::string query = target.substr(q + 1) + "&";
    for (std::size_t at = 0, amp; (amp = query.find('&', at)) != std::string::npos; at = amp + 1) {
      const std::string item = query.substr(at, amp - at);
      if (item.rfind("h=", 0) != 0) continue;
      std::string text;
      for (std::size_t i = 2; i < item.size(); ++i) {
        if (item[i] == '%' && i + 2 < item.size()) {
          text += static_cast<char>(std::stoi(item.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          text += item[i];
        }
      }
      const auto colon = text.find(':');
      if (colon != std::string::npos) out.emplace_back(text.substr(0, colon), text.substr(colon + 1));
    }
    return out;
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_;
  std::atomic<bool> stopping_{false};
  std::thread acceptThread_;
  std::vector<std::thread> connections_;
  std::mutex mutex_;
  std::map<std::string, int> counts_;
  std::vector<boost::asio::ip::tcp::socket*> open_;  // connections being served
  std::atomic<int> accepted_{0};
  std::atomic<int> forced_{0};
  std::atomic<bool> closeAfter_{false};
};

}  // namespace cdnsim::test
