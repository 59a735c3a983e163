#include "core/record/record_builder.h"

#include "core/http/status_reason.h"

namespace cdnsim::core::record {

std::uint64_t requestBytes(const ViewerExchangeFacts& f) {
  const std::uint64_t query = f.query.empty() ? 0 : 1 + f.query.size();
  return f.method.size() + 1 + f.uriStem.size() + query + sizeof(" HTTP/1.1\r\n") - 1 +
         sizeof("Host: \r\n") - 1 + f.host.size() + f.requestHeaderBytes + 2;
}

std::uint64_t responseBytes(int status, const http::HeaderFieldList& emitted, std::uint64_t body) {
  // "HTTP/1.1 " + three digits + " " + phrase + CRLF, then the blank line ending the section;
  // each field line is "name: value\r\n", four bytes around its name and value.
  const std::uint64_t header = sizeof("HTTP/1.1 200 \r\n") - 1 + http::reasonPhrase(status).size() +
                               2 + emitted.textBytes() + 4 * emitted.size();
  return header + body;
}

RequestRecord buildRequestRecord(const ViewerExchangeFacts& f) {
  RequestRecord r;
  r.timestamp = f.lastByte;
  r.pop = f.pop;
  r.clientIp = f.clientIp;
  r.clientPort = f.clientPort;
  r.method = f.method;
  r.distributionHost = f.host;
  r.hostHeader = f.host;
  r.uriStem = f.uriStem;
  r.query = f.query;
  r.status = f.status;
  r.bytesReceived = requestBytes(f);
  r.bytesSent = f.emitted != nullptr ? responseBytes(f.status, *f.emitted, f.bodyBytes) : f.bodyBytes;
  r.outcome = f.outcome;
  r.requestId = f.requestId;
  r.timeTaken = f.lastByte - f.received;
  r.timeToFirstByte = f.firstByte - f.received;
  r.contentType = f.contentType;
  r.contentLength = f.bodyBytes;
  r.age = f.age;
  r.hitLayer = f.answeredBy;
  r.cacheKeyHash = f.cacheKeyHash;
  r.cacheKeyText = f.cacheKeyText;
  r.userAgent = f.userAgent;
  r.sslProtocol = "TLSv1.3";
  r.sslCipher = "TLS_AES_128_GCM_SHA256";
  return r;
}

}  // namespace cdnsim::core::record
