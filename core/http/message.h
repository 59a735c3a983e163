#pragma once
// The HTTP message model shared by the simulator and the proxy: plain data, no I/O.

#include <cstdint>
#include <string>

#include "core/http/headers.h"

namespace cdnsim::core::http {

struct Request {
  std::string method = "GET";
  std::string host;    // the viewer's Host (the distribution's domain)
  std::string path;    // URL path, starting with '/'
  std::string query;   // raw query string without '?', may be empty
  Headers headers;
};

struct Response {
  int status = 200;
  Headers headers;
  std::uint64_t bodyBytes = 0;  // the body is modelled by its size only
};

}  // namespace cdnsim::core::http
