#pragma once
// What an origin answers to one GET, for both origin models (the S3-like bucket and a custom HTTP
// server), decided from plain facts the caller gathers: does the origin hold the object, does a
// per-path rule fix the status, did an error draw hit, is the origin overloaded, do the cache's
// validators still match. The precedence, first match wins:
//   1. overloaded (concurrency limit and queue full)            → 503 (custom origins)
//   2. an injected error (the condition's error rate, then the origin's per-status error rates)
//   3. custom origin: a per-path rule's status
//   4. the object is not held: S3 → 404 NoSuchKey when the requester may list the bucket, else
//      403 AccessDenied (S3 User Guide, "ErrorResponses"; the bucket hides which keys exist);
//      custom origin → 404
//   5. the conditional request's validators match the current representation → 304
//   6. 200 with the object.
// The validator comparison is core/origin/conditional.h's, on the real field values: If-None-Match
// carries the stored copy's ETag when the origin sends ETags, If-Modified-Since its Last-Modified
// when the origin sends that (CloudFront sends the stored validators,
// DG/RequestAndResponseBehaviorCustomOrigin.html, "Conditional requests").
//
// Pure; the random draw is the caller's (a uniform number in [0, 1)). No allocation.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/http/headers.h"
#include "core/origin/origin_condition.h"
#include "core/time.h"

namespace cdnsim::core::origin {

// A share of an origin's answers that carry an error status (e.g. 1% 503).
struct StatusRate {
  std::uint16_t status = 503;
  double rate = 0.0;  // 0..1
  bool operator==(const StatusRate&) const = default;
};

// Which error, if any, a request draws: the condition's error rate first (a scheduled error
// burst), then the origin's own rates in order. `u` is uniform in [0, 1). The rates together are
// at most 1 (the loader checks the origin's; the condition's comes on top and wins).
std::optional<std::uint16_t> drawInjectedError(const OriginCondition& condition,
                                               std::span<const StatusRate> rates, double u);

enum class AnswerReason : std::uint8_t {
  Object,        // 200 with the object
  NotModified,   // 304: the stored copy is current
  NoSuchKey,     // S3, missing key, list permission: 404
  AccessDenied,  // S3, missing key, no list permission: 403
  NotFound,      // custom origin, missing path: 404
  PathRule,      // a per-path rule's status
  InjectedError, // an error-rate draw
  Overloaded,    // no free slot and no queue place: 503
};
std::string_view toString(AnswerReason r);

struct OriginAnswerInput {
  bool s3 = true;                        // the S3-like bucket, else a custom origin
  bool held = true;                      // the origin holds the object
  bool listBucket = false;               // S3: the requester may list the bucket
  std::uint16_t ruleStatus = 0;          // custom: the matching path rule's status (0: none)
  std::optional<std::uint16_t> injected; // drawInjectedError's result
  bool overloaded = false;
  bool notModified = false;              // notModifiedFor(...) of the request's validators
};

struct OriginAnswerDecision {
  std::uint16_t status = 200;
  AnswerReason reason = AnswerReason::Object;
  bool operator==(const OriginAnswerDecision&) const = default;
};
OriginAnswerDecision decideOriginAnswer(const OriginAnswerInput& in);

// Which validators an origin sends with its representations.
struct ValidatorsSent {
  bool etag = true;
  bool lastModified = true;
  bool any() const { return etag || lastModified; }
};

// A representation's identity: version v of object `id` has ETag entityTagFor(id, v) and was
// written at `lastModified`.
struct VersionStamp {
  std::uint32_t version = 0;  // 0: none (the cache holds no copy: an unconditional request)
  TimePoint lastModified{};
};

// Whether the origin answers 304 to a cache that revalidates its copy `stored` of object `id`
// with the validators the origin sends, when the origin's current representation is `current`.
// Builds If-None-Match / If-Modified-Since from the stored copy's ETag / Last-Modified and lets
// answersNotModified() compare them with the current ones. False for an unconditional request.
bool notModifiedFor(std::uint64_t id, const VersionStamp& stored, const VersionStamp& current,
                    ValidatorsSent sent);

// ---- bodies and header fields of error answers ----

// S3's error code and message for a status (S3 API Reference, "Error responses"): 403
// AccessDenied, 404 NoSuchKey, 500 InternalError, 503 SlowDown; others "InternalError".
struct S3Error {
  std::string_view code;
  std::string_view message;
};
S3Error s3ErrorFor(int status);

inline constexpr std::size_t kS3RequestIdLength = 16;  // x-amz-request-id: 16 upper-case hex
inline constexpr std::size_t kS3HostIdLength = 76;     // x-amz-id-2: 76 base64 characters

// S3's XML error document. `key` is the object key (the path without its leading '/'); NoSuchKey
// names it, the others do not.
void appendS3ErrorBody(int status, std::string_view key, std::string_view requestId,
                       std::string_view hostId, std::string& out);
// Its length, without writing it.
std::uint64_t s3ErrorBodyBytes(int status, std::string_view key);
// x-amz-request-id and x-amz-id-2 derived from `seed` (deterministic), written into the buffers.
void writeS3RequestIds(std::uint64_t seed, char (&requestId)[kS3RequestIdLength],
                       char (&hostId)[kS3HostIdLength]);
// The error answer's fields: x-amz-request-id, x-amz-id-2, Content-Type: application/xml,
// Content-Length, Date, Server (when not empty).
void appendS3ErrorHeaders(int status, std::string_view key, std::uint64_t idSeed, TimePoint date,
                          std::string_view server, http::HeaderFieldList& out);

// A custom origin's error page when no rule gives a body size: a minimal HTML page naming the
// status, as common servers send ("<html><head><title>503 Service Unavailable</title>...").
std::uint64_t defaultErrorBodyBytes(int status);
void appendDefaultErrorBody(int status, std::string& out);

}  // namespace cdnsim::core::origin
