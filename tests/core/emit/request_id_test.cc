// X-Amz-Cf-Id and Via ids (CLOUDFRONT.md §4: 56 characters, 54 of [A-Za-z0-9_-] then "==";
// Via `1.1 <32 lower-case hex>.cloudfront.net (CloudFront)`).

#include "core/emit/request_id.h"

#include <catch2/catch.hpp>
#include <set>

namespace cdnsim::core::emit {

TEST_CASE(
    "request ids have CloudFront's shape: 54 base64url characters then '==' "
    "(CLOUDFRONT.md §4, RFC 4648 §5)",
    "[emit][id]") {
  auto [seed, seq] = GENERATE(table<std::uint64_t, std::uint64_t>(
      {{0, 0}, {1, 0}, {0, 1}, {42, 123456789}, {~0ULL, ~0ULL}}));
  const auto id = requestId(seed, seq);
  CAPTURE(id);
  CHECK(id.size() == kRequestIdLength);
  CHECK(isRequestIdShape(id));
  // 40 bytes in base64: the last data character carries 2 bits, so it is one of A, Q, g, w.
  CHECK(std::string("AQgw").find(id[53]) != std::string::npos);
}

TEST_CASE("request ids are deterministic in (seed, sequence) and distinct across them",
          "[emit][id]") {
  CHECK(requestId(7, 100) == requestId(7, 100));
  std::set<std::string> seen;
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    for (std::uint64_t seq = 0; seq < 500; ++seq) seen.insert(requestId(seed, seq));
  }
  CHECK(seen.size() == 2000);
  // Golden value: a change here changes every trace and log; regenerate deliberately.
  CHECK(requestId(1, 1) == "2FLV0rX2pyO2KGapwO7he-Zn9a4rFQ6eOWn3qiS6Fc6pEM3JyusC1w==");
}

TEST_CASE("request id shape check rejects near misses", "[emit][id]") {
  const std::string good = requestId(3, 4);
  auto bad = GENERATE_COPY(std::string(), good.substr(0, 55), good + "=", good.substr(0, 54) + "=A",
                           good.substr(0, 10) + "+" + good.substr(11),
                           good.substr(0, 10) + "/" + good.substr(11));
  CHECK(isRequestIdShape(good));
  CHECK_FALSE(isRequestIdShape(bad));
}

TEST_CASE(
    "Via: '1.1 <32 lower-case hex>.cloudfront.net (CloudFront)', one id per node "
    "(CLOUDFRONT.md §4)",
    "[emit][id]") {
  char a[kViaIdLength];
  char b[kViaIdLength];
  writeViaId(9, "IAD89-C1#3", a);
  writeViaId(9, "IAD89-C1#3", b);
  const std::string ida(a, kViaIdLength);
  CHECK(ida == std::string(b, kViaIdLength));
  for (char c : ida) CHECK(((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
  writeViaId(9, "IAD89-C1#4", b);
  CHECK(ida != std::string(b, kViaIdLength));
  writeViaId(10, "IAD89-C1#3", b);
  CHECK(ida != std::string(b, kViaIdLength));
  CHECK(viaValue(ida) == "1.1 " + ida + ".cloudfront.net (CloudFront)");
}

}  // namespace cdnsim::core::emit
