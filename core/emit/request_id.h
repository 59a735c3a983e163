#pragma once
// Identifiers CloudFront puts on responses, made deterministic for the simulator:
// - the request id (X-Amz-Cf-Id, the log's x-edge-request-id, "Request ID" on error pages):
//   56 characters, 54 of [A-Za-z0-9_-] then "==" (CLOUDFRONT.md §4). That is the shape of 40
//   bytes in unpadded-to-padded base64url (RFC 4648 §5), so we draw 40 bytes from a SplitMix64
//   stream keyed by (seed, sequence) and encode them. As in real ids, the 54th character then
//   carries only 2 bits and is one of A, Q, g, w.
// - the Via host id: 32 lower-case hex digits in `1.1 <id>.cloudfront.net (CloudFront)`.
//   In CloudFront it names the edge server; we derive it from (seed, node identity), e.g. the
//   POP code plus a server number, so one node always shows one id. The derivation is ours.
// No allocation; the same on every machine.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cdnsim::core::emit {

inline constexpr std::size_t kRequestIdLength = 56;
inline constexpr std::size_t kViaIdLength = 32;

// Writes exactly kRequestIdLength characters (no terminator).
void writeRequestId(std::uint64_t seed, std::uint64_t sequence, char out[kRequestIdLength]);
std::string requestId(std::uint64_t seed, std::uint64_t sequence);

// Whether `text` has the request id's shape (56 chars, [A-Za-z0-9_-]{54} then "==").
bool isRequestIdShape(std::string_view text);

// Writes exactly kViaIdLength lower-case hex characters.
void writeViaId(std::uint64_t seed, std::string_view nodeIdentity, char out[kViaIdLength]);

// "1.1 <viaId>.cloudfront.net (CloudFront)": "1.1" even over HTTP/2 (CLOUDFRONT.md §4).
void appendViaValue(std::string_view viaId, std::string& out);
std::string viaValue(std::string_view viaId);

}  // namespace cdnsim::core::emit
