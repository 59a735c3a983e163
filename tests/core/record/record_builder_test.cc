// core/record/record_builder: the byte counts of an exchange as the access log reports them.
#include <catch2/catch.hpp>

#include <string>

#include "core/record/record_builder.h"

namespace cdnsim::core {

TEST_CASE("sc-bytes: the status line with its own phrase, each field line, the blank line, the body",
          "[record][bytes]") {
  http::HeaderFieldList fields;
  fields.add("Server", "CloudFront");  // 6 + 2 + 10 + 2 = 20
  fields.add("Age", "7");              // 3 + 2 + 1 + 2 = 8
  const std::string ok = "HTTP/1.1 200 OK\r\n";
  CHECK(record::responseBytes(200, fields, 100) == ok.size() + 20 + 8 + 2 + 100);
  const std::string timeout = "HTTP/1.1 504 Gateway Timeout\r\n";
  CHECK(record::responseBytes(504, fields, 0) == timeout.size() + 20 + 8 + 2);
  const std::string unknown = "HTTP/1.1 494 Unknown\r\n";
  CHECK(record::responseBytes(494, fields, 0) == unknown.size() + 20 + 8 + 2);
}

TEST_CASE("cs-bytes: request line, Host, the other fields and the blank line", "[record][bytes]") {
  record::ViewerExchangeFacts f;
  f.method = "GET";
  f.uriStem = "/a.txt";
  f.query = "v=1";
  f.host = "d111111abcdef8.cloudfront.net";
  f.requestHeaderBytes = 20;
  const std::string wire = "GET /a.txt?v=1 HTTP/1.1\r\nHost: d111111abcdef8.cloudfront.net\r\n";
  CHECK(record::requestBytes(f) == wire.size() + 20 + 2);
}

}  // namespace cdnsim::core
