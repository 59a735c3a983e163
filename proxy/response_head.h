#pragma once
// A response's status line and header section as HTTP/1.1 wire bytes (RFC 9112 §4, §5.1), so
// that the proxy writes {head, body} in one gathered write. Beast's serializer walks a
// concatenated-buffer iterator per field; on the cache-hit path that walk cost more than the
// lookup itself (tools/bench/serve_bench.sh).
#include <boost/beast/http/message.hpp>
#include <string>

namespace cdnsim::proxy {

// Appends "HTTP/1.x CODE PHRASE\r\n" (core/http/status_reason.h's phrase), each field as
// "Name: value\r\n", then "\r\n".
void appendResponseHead(const boost::beast::http::response_header<>& head, std::string& out);

// RFC 9112 §6.3: a response to HEAD, and any 1xx, 204 or 304, ends with its header section.
bool responseHasBody(bool requestWasHead, unsigned status);

}  // namespace cdnsim::proxy
