// proxy/response_head: the header section the proxy writes before a body.
#include <catch2/catch.hpp>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "proxy/response_head.h"

namespace cdnsim::proxy {

TEST_CASE("response head: status line, fields in order, blank line", "[proxy][head]") {
  namespace http = boost::beast::http;
  http::response<http::string_body> res(http::status::ok, 11);
  res.insert("Server", "AmazonS3");
  res.insert("X-Cache", "Hit from cloudfront");
  res.insert("Set-Cookie", "a=1");
  res.insert("Set-Cookie", "b=2");  // repeated fields stay separate lines, in order
  res.content_length(5);
  std::string out = "kept:";
  appendResponseHead(res.base(), out);
  CHECK(out ==
        "kept:HTTP/1.1 200 OK\r\nServer: AmazonS3\r\nX-Cache: Hit from cloudfront\r\n"
        "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 5\r\n\r\n");
}

TEST_CASE("response head: the phrase is core's, the one the access log counts; HTTP/1.0 stays 1.0",
          "[proxy][head]") {
  namespace http = boost::beast::http;
  http::response<http::empty_body> early(static_cast<http::status>(103), 11);
  std::string out;
  appendResponseHead(early.base(), out);
  CHECK(out == "HTTP/1.1 103 Early Hints\r\n\r\n");

  // RFC 9110 §15.5.14 renamed 413; Beast still knows it as "Payload Too Large".
  http::response<http::empty_body> large(http::status::payload_too_large, 11);
  out.clear();
  appendResponseHead(large.base(), out);
  CHECK(out == "HTTP/1.1 413 Content Too Large\r\n\r\n");

  http::response<http::empty_body> old(http::status::gateway_timeout, 10);
  out.clear();
  appendResponseHead(old.base(), out);
  CHECK(out == "HTTP/1.0 504 Gateway Timeout\r\n\r\n");
}

TEST_CASE("response head: Beast's parser reads back what was written", "[proxy][head]") {
  namespace http = boost::beast::http;
  http::response<http::string_body> res(http::status::not_found, 11);
  res.insert("Content-Type", "text/html");
  res.insert("X-Amz-Cf-Id", "abc==");
  res.body() = "<html/>";
  res.prepare_payload();
  std::string wire;
  appendResponseHead(res.base(), wire);
  wire += res.body();
  http::response_parser<http::string_body> parser;
  boost::beast::error_code ec;
  parser.eager(true);
  const auto used = parser.put(boost::asio::buffer(wire), ec);
  REQUIRE_FALSE(ec);
  CHECK(used == wire.size());
  REQUIRE(parser.is_done());
  const auto& back = parser.get();
  CHECK(back.result_int() == 404);
  CHECK(back["X-Amz-Cf-Id"] == "abc==");
  CHECK(back.body() == "<html/>");
}

TEST_CASE("response head: HEAD, 1xx, 204 and 304 carry no body (RFC 9112 §6.3)",
          "[proxy][head]") {
  CHECK(responseHasBody(false, 200));
  CHECK(responseHasBody(false, 502));
  CHECK_FALSE(responseHasBody(true, 200));
  CHECK_FALSE(responseHasBody(true, 404));
  CHECK_FALSE(responseHasBody(false, 100));
  CHECK_FALSE(responseHasBody(false, 204));
  CHECK_FALSE(responseHasBody(false, 304));
}

}  // namespace cdnsim::proxy
