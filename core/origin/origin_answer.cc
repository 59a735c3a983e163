#include "core/origin/origin_answer.h"

#include <fmt/format.h>

#include <charconv>
#include <iterator>

#include "core/http/http_date.h"
#include "core/http/status_reason.h"
#include "core/origin/conditional.h"
#include "core/origin/s3_origin.h"
#include "core/split_mix64.h"

namespace cdnsim::core::origin {

std::optional<std::uint16_t> drawInjectedError(const OriginCondition& condition,
                                               std::span<const StatusRate> rates, double u) {
  if (u < condition.errorRate) return condition.errorStatus;
  double cumulative = condition.errorRate;
  for (const auto& r : rates) {
    cumulative += r.rate;
    if (u < cumulative) return r.status;
  }
  return std::nullopt;
}

std::string_view toString(AnswerReason r) {
  switch (r) {
    case AnswerReason::Object: return "object";
    case AnswerReason::NotModified: return "not modified";
    case AnswerReason::NoSuchKey: return "NoSuchKey";
    case AnswerReason::AccessDenied: return "AccessDenied";
    case AnswerReason::NotFound: return "not found";
    case AnswerReason::PathRule: return "path rule";
    case AnswerReason::InjectedError: return "injected error";
    case AnswerReason::Overloaded: return "overloaded";
  }
  return "?";
}

OriginAnswerDecision decideOriginAnswer(const OriginAnswerInput& in) {
  if (in.overloaded) return {503, AnswerReason::Overloaded};
  if (in.injected) return {*in.injected, AnswerReason::InjectedError};
  if (!in.s3 && in.ruleStatus != 0) return {in.ruleStatus, AnswerReason::PathRule};
  if (!in.held) {
    if (!in.s3) return {404, AnswerReason::NotFound};
    return in.listBucket ? OriginAnswerDecision{404, AnswerReason::NoSuchKey}
                         : OriginAnswerDecision{403, AnswerReason::AccessDenied};
  }
  if (in.notModified) return {304, AnswerReason::NotModified};
  return {200, AnswerReason::Object};
}

bool notModifiedFor(std::uint64_t id, const VersionStamp& stored, const VersionStamp& current,
                    ValidatorsSent sent) {
  if (stored.version == 0 || !sent.any()) return false;
  char storedTag[kEntityTagLength];
  char currentTag[kEntityTagLength];
  char storedDate[http::kHttpDateLength];
  ConditionalRequest request;
  RepresentationValidators validators;
  if (sent.etag) {
    writeEntityTag(id, stored.version, storedTag);
    writeEntityTag(id, current.version, currentTag);
    request.ifNoneMatch = std::string_view(storedTag, sizeof storedTag);
    validators.etag = std::string_view(currentTag, sizeof currentTag);
  }
  if (sent.lastModified) {
    http::formatHttpDate(stored.lastModified, storedDate);
    request.ifModifiedSince = std::string_view(storedDate, sizeof storedDate);
    validators.lastModified = current.lastModified;
  }
  return answersNotModified(request, validators);
}

S3Error s3ErrorFor(int status) {
  switch (status) {
    case 403: return {"AccessDenied", "Access Denied"};
    case 404: return {"NoSuchKey", "The specified key does not exist."};
    case 503: return {"SlowDown", "Please reduce your request rate."};
    default: return {"InternalError", "We encountered an internal error. Please try again."};
  }
}

namespace {

constexpr std::string_view kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>";

template <class Sink>
void writeS3ErrorBody(int status, std::string_view key, std::string_view requestId,
                      std::string_view hostId, Sink&& put) {
  const S3Error e = s3ErrorFor(status);
  put(kXmlHead);
  put(e.code);
  put("</Code><Message>");
  put(e.message);
  if (status == 404) {
    put("</Message><Key>");
    put(key);
    put("</Key><RequestId>");
  } else {
    put("</Message><RequestId>");
  }
  put(requestId);
  put("</RequestId><HostId>");
  put(hostId);
  put("</HostId></Error>");
}

template <class Sink>
void writeDefaultErrorBody(int status, Sink&& put) {
  char code[4] = {static_cast<char>('0' + status / 100 % 10), static_cast<char>('0' + status / 10 % 10),
                  static_cast<char>('0' + status % 10), ' '};
  const std::string_view reason = http::reasonPhrase(status);
  put("<html><head><title>");
  put(std::string_view(code, 4));
  put(reason);
  put("</title></head><body><h1>");
  put(std::string_view(code, 4));
  put(reason);
  put("</h1></body></html>\n");
}

}  // namespace

void appendS3ErrorBody(int status, std::string_view key, std::string_view requestId,
                       std::string_view hostId, std::string& out) {
  writeS3ErrorBody(status, key, requestId, hostId, [&out](std::string_view s) { out.append(s); });
}

std::uint64_t s3ErrorBodyBytes(int status, std::string_view key) {
  std::uint64_t n = 0;
  writeS3ErrorBody(status, key, std::string_view("", 0), std::string_view("", 0),
                   [&n](std::string_view s) { n += s.size(); });
  return n + kS3RequestIdLength + kS3HostIdLength;
}

void writeS3RequestIds(std::uint64_t seed, char (&requestId)[kS3RequestIdLength],
                       char (&hostId)[kS3HostIdLength]) {
  constexpr char kHex[] = "0123456789ABCDEF";
  constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::uint64_t z = splitMix64Finalizer(seed ^ 0x5A3C0FFEE0DDF00DULL);
  for (std::size_t i = 0; i < kS3RequestIdLength; ++i) requestId[i] = kHex[(z >> (4 * (i % 16))) & 15];
  for (std::size_t i = 0; i < kS3HostIdLength; ++i) {
    if (i % 10 == 0) z = splitMix64Finalizer(z + i);
    hostId[i] = kBase64[(z >> (6 * (i % 10))) & 63];
  }
}

void appendS3ErrorHeaders(int status, std::string_view key, std::uint64_t idSeed, TimePoint date,
                          std::string_view server, http::HeaderFieldList& out) {
  char requestId[kS3RequestIdLength];
  char hostId[kS3HostIdLength];
  writeS3RequestIds(idSeed, requestId, hostId);
  out.add("x-amz-request-id", std::string_view(requestId, sizeof requestId));
  out.add("x-amz-id-2", std::string_view(hostId, sizeof hostId));
  out.add("Content-Type", "application/xml");
  out.addWith("Content-Length", [&](std::string& v) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, s3ErrorBodyBytes(status, key)).ptr;
    v.append(buf, end);
  });
  char when[http::kHttpDateLength];
  http::formatHttpDate(date, when);
  out.add("Date", std::string_view(when, sizeof when));
  if (!server.empty()) out.add("Server", server);
}

std::uint64_t defaultErrorBodyBytes(int status) {
  std::uint64_t n = 0;
  writeDefaultErrorBody(status, [&n](std::string_view s) { n += s.size(); });
  return n;
}

void appendDefaultErrorBody(int status, std::string& out) {
  writeDefaultErrorBody(status, [&out](std::string_view s) { out.append(s); });
}

}  // namespace cdnsim::core::origin
