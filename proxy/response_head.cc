#include "proxy/response_head.h"

#include <charconv>

#include "core/http/status_reason.h"

namespace cdnsim::proxy {

void appendResponseHead(const boost::beast::http::response_header<>& head, std::string& out) {
  out += head.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  char code[4];
  const auto end = std::to_chars(code, code + sizeof code, head.result_int()).ptr;
  out.append(code, end);
  out += ' ';
  // The phrase core/ counts in the access log's sc-bytes (core/record/record_builder.cc).
  out += core::http::reasonPhrase(static_cast<int>(head.result_int()));
  out += "\r\n";
  for (const auto& field : head) {
    const auto name = field.name_string();
    const auto value = field.value();
    out.append(name.data(), name.size());
    out += ": ";
    out.append(value.data(), value.size());
    out += "\r\n";
  }
  out += "\r\n";
}

bool responseHasBody(bool requestWasHead, unsigned status) {
  return !requestWasHead && status >= 200 && status != 204 && status != 304;
}

}  // namespace cdnsim::proxy
