#pragma once
// What a group's requests carry beyond their object (core/config/workload.h): the method, query
// parameters, cookies and request headers, each drawn per request. A request keeps only a 64-bit
// variant seed; RequestShape::draw() turns it into the drawn values whenever they are needed (at
// the POP for the cache key, in a trace writer for the request line), so a request in flight stays
// small and the two always agree.
//
// KeyPlan is the cache key of such requests under one cache policy, decided once per (group,
// behaviour): which of the group's fields the policy puts in the key, in cacheKeyHash's order.
// finish() continues an object's precomputed key head (core/cache/cache_key.h CacheKeyHasher)
// with the drawn values: no string is built and nothing is allocated per request, and the result
// is cacheKeyHash of the request buildRequest() gives (tests/sim/workload checks it).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/cache/cache_key.h"
#include "core/cache/cache_policy.h"
#include "core/config/workload.h"
#include "core/http/message.h"
#include "sim/random/distributions.h"

namespace cdnsim::sim {

enum class FieldFamily : std::uint8_t { Query, Cookie, Header };

struct RequestField {
  FieldFamily family = FieldFamily::Query;
  std::string name;
  double probability = 1.0;
  core::config::FieldValuesConfig::Kind kind = core::config::FieldValuesConfig::Kind::Count;
  std::uint64_t count = 1;          // Count
  std::vector<std::string> values;  // List
  WeightedChoice choice{{1.0}};     // List: which value
};

// The values drawn for one request.
struct RequestVariant {
  core::config::RequestMethod method = core::config::RequestMethod::Get;
  std::uint32_t present = 0;  // bit i: field i was sent
  std::array<std::uint64_t, core::config::kMaxRequestFieldsPerGroup> value{};  // index, or Unique's bits
  bool has(std::size_t field) const { return (present >> field) & 1U; }
};

class RequestShape {
 public:
  // Plain GETs with nothing else (a `catalogue:`).
  RequestShape() = default;
  explicit RequestShape(const core::config::ObjectGroupConfig& group);

  // Whether requests differ at all (another method, or any field): only then does a request draw
  // a variant seed.
  bool varies() const { return methods_.size() > 1 || !fields_.empty(); }
  bool sendsOptions() const;
  RequestVariant draw(std::uint64_t seed) const;

  const std::vector<RequestField>& fields() const { return fields_; }
  // Field i's value in `v`, as text: a view into the shape or into `buffer`. No allocation.
  std::string_view value(std::size_t field, const RequestVariant& v, std::array<char, 24>& buffer) const;

  // The request as sent, for traces, `explain` and tests (allocates): method, host, path, the
  // query string, the header fields in order, then one Cookie field with the cookies.
  void buildRequest(const RequestVariant& v, std::string_view host, std::string_view path,
                    core::http::Request& out) const;
  // The query string as sent ("a=1&b=2"; empty when none), and the Cookie header's value.
  void appendQuery(const RequestVariant& v, std::string& out) const;
  void appendCookieHeader(const RequestVariant& v, std::string& out) const;
  // The value of the header `name` (case-insensitive), or "" when not sent.
  std::string_view headerValue(const RequestVariant& v, std::string_view name,
                               std::array<char, 24>& buffer) const;
  // Bytes the request's header fields take on the wire ("Name: value\r\n" each, Cookie included).
  std::uint64_t headerBytes(const RequestVariant& v) const;

 private:
  std::vector<core::config::RequestMethod> methods_{core::config::RequestMethod::Get};
  WeightedChoice methodChoice_{{1.0}};
  std::vector<RequestField> fields_;  // query parameters, then cookies, then headers
};

class KeyPlan {
 public:
  KeyPlan(const RequestShape& shape, const core::cache::CachePolicyConfig& policy);

  // Whether the key of a request depends on its fields under this policy (the OPTIONS method
  // aside, which the head carries).
  bool varies() const { return varies_; }
  // The key: `head` is the hasher after the request's method class, host and path.
  core::cache::CacheKeyHash finish(core::cache::CacheKeyHasher head, const RequestVariant& v) const;

 private:
  struct HeaderPart {
    std::string policyName;  // as the policy lists it
    int field;               // the shape's field, or kCookieField for the Cookie header
  };
  static constexpr int kCookieField = -1;

  const RequestShape* shape_;
  bool varies_ = false;
  std::vector<std::uint8_t> queryFields_;  // included, in the viewer's order
  bool encoding_ = false;                  // the policy normalises Accept-Encoding into the key
  bool gzip_ = false;
  bool brotli_ = false;
  int encodingField_ = -1;                 // the Accept-Encoding field, if the group sends one
  std::vector<core::cache::NormalizedEncoding> encodingByValue_;  // its List values, normalised
  std::vector<HeaderPart> headers_;
  bool cookies_ = false;                   // the policy keys on cookies
  std::vector<std::uint8_t> cookieFields_;  // included
  mutable std::string scratch_;            // the Cookie header, when a policy lists it as a header
};

}  // namespace cdnsim::sim
