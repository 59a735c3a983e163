#pragma once
// The typed model of a scenario's workload beyond the single `catalogue:`: object groups (paths,
// popularity, sizes, content type, the origin's caching headers, share of the traffic, releases of
// new objects and flash crowds, and the shape of the requests: methods, query strings, cookies,
// request headers) and the diurnal curve of a client population's arrivals. Built only by the
// scenario loader (readObjectGroups, readDiurnal); README.md "Workloads" documents the YAML.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.h"

namespace cdnsim::core::config {

class YamlNode;

enum class SizeDistributionKind { Fixed, Lognormal, Pareto, Empirical };

struct SizeDistributionConfig {
  SizeDistributionKind kind{SizeDistributionKind::Lognormal};
  std::uint64_t medianBytes{32 * 1024};  // Fixed: the size; Lognormal: the median; Pareto: the scale xm
  double shape{1.0};                     // Lognormal: sigma; Pareto: alpha
  std::uint64_t minBytes{1};
  std::uint64_t maxBytes{100ULL << 20};
  // Empirical: points of the size CDF, (P(size <= bytes), bytes), from probability 0 to 1; sizes
  // are linear between them.
  std::vector<std::pair<double, std::uint64_t>> points{};
};

enum class PopularityKind { Zipf, ZipfMandelbrot };

// Which objects of a group are asked for: rank k (1 = most popular) with P(k) ∝ (k + q)^-alpha.
struct PopularityConfig {
  PopularityKind kind{PopularityKind::Zipf};
  double alpha{0.9};  // skew
  double q{0.0};      // Zipf-Mandelbrot's flattening of the head; 0 for Zipf
};

// The caching headers the origin sends with a group's objects (RFC 9111 §5.2.2, §5.3). Neither:
// the behaviour's Default TTL decides (DG/Expiration.html).
struct OriginCachingConfig {
  std::string cacheControl{};              // "" = no Cache-Control
  std::optional<Duration> expiresAfter{};  // Expires = the response's Date + this
  std::optional<TimePoint> expiresAt{};    // Expires = this fixed time
};

// A flash crowd after a release: extra requests for the released objects at a rate that starts at
// `requestsPerSecond` and decays exponentially with time constant `decay` (so about
// requestsPerSecond × decay requests in all), from the client populations in proportion to their
// rates.
struct FlashCrowdConfig {
  double requestsPerSecond{1000};
  Duration decay{std::chrono::minutes(10)};
};

// New objects released while the run goes on: `objects` at `firstAt` after the start, then every
// `every` (when set) until `until` after the start (when set; else for the run's expected length
// twice over). A released object is the group's most popular at once: ranks go newest first.
struct ReleaseConfig {
  std::uint64_t objects{1};
  Duration firstAt{};
  std::optional<Duration> every{};
  std::optional<Duration> until{};
  std::optional<FlashCrowdConfig> flashCrowd{};  // only for a single release (no `every`)
};

enum class RequestMethod : std::uint8_t { Get, Head, Post, Options };
std::string_view toString(RequestMethod m);  // "GET", "HEAD", "POST", "OPTIONS"

struct MethodShare {
  RequestMethod method{RequestMethod::Get};
  double share{1.0};
};

// The values a query parameter, cookie or request header takes.
struct FieldValuesConfig {
  enum class Kind : std::uint8_t {
    Count,   // `values: 12`: "0" .. "11", equally likely
    List,    // `values: [a, b]` (equally likely) or `values: {a: 0.7, b: 0.3}` (these shares)
    Unique,  // `values: unique`: a new value on every request (a cache buster)
  };
  Kind kind{Kind::Count};
  std::uint64_t count{1};
  std::vector<std::string> values{};
  std::vector<double> weights{};  // List: one per value (equal when given as a sequence)
};

// A query parameter, cookie or request header that viewers send with some probability.
struct RequestFieldConfig {
  std::string name;
  double probability{1.0};  // of being present on a request
  FieldValuesConfig values;
};

// At most this many query parameters, cookies and headers together per group: a request's drawn
// values live in a fixed array (no allocation per request).
inline constexpr std::size_t kMaxRequestFieldsPerGroup = 16;
// The longest path template, so that a path is never longer than CloudFront's URL limit allows
// (8,192 bytes, DG/cloudfront-limits.html) whatever the object number.
inline constexpr std::size_t kMaxPathTemplateLength = 1024;

struct ObjectGroupConfig {
  std::string name;
  std::string pathTemplate;  // "{id}" stands for the object's number in the group, from 0
  std::uint64_t objects{1000};  // at the start (releases add more)
  PopularityConfig popularity;
  SizeDistributionConfig sizes;
  std::string contentType{"application/octet-stream"};
  OriginCachingConfig origin;
  double share{1.0};  // of the populations' requests (shares of all groups sum to 1)
  std::optional<ReleaseConfig> release;
  std::vector<MethodShare> methods{};  // empty: GET only
  std::vector<RequestFieldConfig> query{};    // in the order viewers send them
  std::vector<RequestFieldConfig> cookies{};  // in one Cookie header, in this order
  std::vector<RequestFieldConfig> headers{};  // request header fields, in this order
};

// How a population's request rate varies over its local day; the mean over a day is 1, so the
// population's requests_per_second stays its daily average.
struct DiurnalConfig {
  enum class Kind : std::uint8_t {
    Sinusoid,  // 1 + a·cos(2π(h − peakHour)/24), a from the peak-to-trough ratio
    Hourly,    // relative rates at 00:00, 01:00, ... 23:00 local time, linear in between
  };
  Kind kind{Kind::Sinusoid};
  double peakHour{20.0};     // Sinusoid: local hour of the peak, 0 <= h < 24
  double peakToTrough{3.0};  // Sinusoid: rate at the peak over rate at the trough, 1..100
  std::array<double, 24> hourly{};  // Hourly: each > 0, max/min at most 100
};

// The scenario's expected length: requests over the populations' mean total rate (seconds).
double expectedRunSeconds(std::uint64_t requests, double totalRequestsPerSecond);

// How many releases a group makes over a run of `expectedSeconds` (0 without `release:`).
std::uint64_t releaseCount(const ReleaseConfig& release, double expectedSeconds);

// Readers used by the scenario loader (core/config/scenario_loader.cc). `expectedSeconds` bounds
// releases without `until`.
std::vector<ObjectGroupConfig> readObjectGroups(const YamlNode& node);
SizeDistributionConfig readSizes(const YamlNode& node);
DiurnalConfig readDiurnal(const YamlNode& node);
// A UTC offset: hours as a number (-5, 5.5) or "+05:30" / "-08:00"; from -12:00 to +14:00.
Duration readUtcOffset(const YamlNode& node);
// A rate: a number (per second) or "2000/s", "120/min", "36000/h", "1000/d" (core/config/units.h).
double readRate(const YamlNode& node, std::string_view what);

}  // namespace cdnsim::core::config
