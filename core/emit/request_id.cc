// Deterministic request ids and Via ids (see request_id.h for the shapes and why).

#include "core/emit/request_id.h"

namespace cdnsim::core::emit {

namespace {

// SplitMix64 (Steele, Lea & Flood 2014). core/ cannot use sim/random, so the few lines live here.
std::uint64_t splitMix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool isBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

void writeRequestId(std::uint64_t seed, std::uint64_t sequence, char out[kRequestIdLength]) {
  // A stream per (seed, sequence): mixing the two first keeps neighbouring sequences unrelated.
  std::uint64_t state = seed;
  std::uint64_t key = splitMix(state) ^ (sequence * 0xD1B54A32D192ED03ULL);
  unsigned char bytes[40];
  for (int w = 0; w < 5; ++w) {
    const std::uint64_t v = splitMix(key);
    for (int i = 0; i < 8; ++i) bytes[w * 8 + i] = static_cast<unsigned char>(v >> (8 * i));
  }
  std::size_t n = 0;
  for (int i = 0; i < 39; i += 3) {  // 13 full groups: 52 characters
    const std::uint32_t g = (std::uint32_t(bytes[i]) << 16) | (std::uint32_t(bytes[i + 1]) << 8) |
                            std::uint32_t(bytes[i + 2]);
    out[n++] = kBase64Url[(g >> 18) & 63];
    out[n++] = kBase64Url[(g >> 12) & 63];
    out[n++] = kBase64Url[(g >> 6) & 63];
    out[n++] = kBase64Url[g & 63];
  }
  // The 40th byte: two characters and "==" padding (RFC 4648 §4).
  out[n++] = kBase64Url[bytes[39] >> 2];
  out[n++] = kBase64Url[(bytes[39] & 3) << 4];
  out[n++] = '=';
  out[n++] = '=';
}

std::string requestId(std::uint64_t seed, std::uint64_t sequence) {
  std::string s(kRequestIdLength, '\0');
  writeRequestId(seed, sequence, s.data());
  return s;
}

bool isRequestIdShape(std::string_view text) {
  if (text.size() != kRequestIdLength || text.substr(54) != "==") return false;
  for (std::size_t i = 0; i < 54; ++i) {
    if (!isBase64UrlChar(text[i])) return false;
  }
  return true;
}

void writeViaId(std::uint64_t seed, std::string_view nodeIdentity, char out[kViaIdLength]) {
  constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t state = seed ^ fnv1a(nodeIdentity);
  for (int w = 0; w < 2; ++w) {
    const std::uint64_t v = splitMix(state);
    for (int i = 0; i < 16; ++i) out[w * 16 + i] = kHex[(v >> (60 - 4 * i)) & 15];
  }
}

void appendViaValue(std::string_view viaId, std::string& out) {
  out.append("1.1 ").append(viaId).append(".cloudfront.net (CloudFront)");
}

std::string viaValue(std::string_view viaId) {
  std::string s;
  appendViaValue(viaId, s);
  return s;
}

}  // namespace cdnsim::core::emit
