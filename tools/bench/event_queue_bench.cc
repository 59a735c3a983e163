// The event queue's lanes against its plain heap, on the simulator's common pattern: many requests
// in flight, each moving through 4 hops whose delays are per-route constants (50 distinct ones),
// plus one arrival per request with an arbitrary gap. The same workload runs twice on the same
// seed: once with every event through schedule() (the heap), once with the hops through
// scheduleOn() (lanes) and only the arrivals through schedule(). Both runs fold every executed
// event's (time, request, hop) into a checksum, which must match: the lanes change costs, never
// the order.
//
// Usage: event_queue_bench [IN_FLIGHT [REQUESTS [REPEATS]]]   (defaults 200000, 1000000, 3)
// Prints, per variant, the best of REPEATS runs: events/s on CPU time (the fair measure on a
// shared machine) and on wall time, then the lanes/heap ratio of the CPU-time rates.
// Built and run by tools/bench/event_queue_bench.sh.

#include <time.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "sim/events/event_queue.h"

namespace {

using cdnsim::core::Duration;
using cdnsim::sim::EventQueue;
using cdnsim::sim::LaneId;

constexpr int kHops = 4;
constexpr std::size_t kDelays = 50;
// One-way delays from 0.5 ms to about 5.3 ms, like client->POP and POP->REC legs.
constexpr std::int64_t delayMicros(std::size_t k) { return 500 + 97 * static_cast<std::int64_t>(k); }

struct Result {
  std::uint64_t events = 0;
  std::uint64_t checksum = 0;
  double cpuSeconds = 0;
  double wallSeconds = 0;
};

class Workload {
 public:
  Workload(bool useLanes, std::uint64_t requests) : useLanes_(useLanes), requests_(requests) {
    for (std::size_t k = 0; k < kDelays; ++k) lanes_[k] = queue_.lane(Duration(delayMicros(k)));
  }

  void start(std::uint32_t inFlight) {
    queue_.reserve(inFlight);
    flights_.resize(inFlight);
    for (std::uint32_t r = 0; r < inFlight; ++r) arrive(r);
  }
  void run() { queue_.run(); }
  std::uint64_t events() const { return queue_.executed(); }
  std::uint64_t checksum() const { return checksum_; }

 private:
  struct Flight {
    std::array<std::uint8_t, kHops> route;  // lane index of each hop
    std::uint8_t hop;
  };

  std::uint64_t draw(std::uint64_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state_ >> 33) % n;
  }
  void record(std::uint32_t request, std::uint64_t tag) {
    const auto t = static_cast<std::uint64_t>(queue_.now().time_since_epoch().count());
    checksum_ = (checksum_ ^ (t * 0x9E3779B97F4A7C15ULL + request * 31 + tag)) * 0x100000001B3ULL;
  }

  // A new request on flight slot `r`: a fresh route, then its first hop after an arbitrary gap.
  void arrive(std::uint32_t r) {
    if (started_ == requests_) return;
    ++started_;
    Flight& f = flights_[r];
    for (auto& lane : f.route) lane = static_cast<std::uint8_t>(draw(kDelays));
    f.hop = 0;
    queue_.schedule(Duration(static_cast<std::int64_t>(draw(2000))), [this, r] { hop(r); });
  }

  void hop(std::uint32_t r) {
    Flight& f = flights_[r];
    record(r, f.hop);
    if (f.hop == kHops) {
      arrive(r);
      return;
    }
    const std::uint8_t k = f.route[f.hop++];
    if (useLanes_) {
      queue_.scheduleOn(lanes_[k], [this, r] { hop(r); });
    } else {
      queue_.schedule(Duration(delayMicros(k)), [this, r] { hop(r); });
    }
  }

  EventQueue queue_;
  bool useLanes_;
  std::uint64_t requests_;
  std::uint64_t started_ = 0;
  std::uint64_t state_ = 20261203;
  std::uint64_t checksum_ = 0xCBF29CE484222325ULL;
  std::array<LaneId, kDelays> lanes_;
  std::vector<Flight> flights_;
};

double cpuNow() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

Result measure(bool useLanes, std::uint32_t inFlight, std::uint64_t requests) {
  Workload workload(useLanes, requests);
  // Setup (the first inFlight arrivals) is outside the timed part.
  workload.start(inFlight);
  const double cpu0 = cpuNow();
  const auto wall0 = std::chrono::steady_clock::now();
  workload.run();
  Result result;
  result.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  result.cpuSeconds = cpuNow() - cpu0;
  result.events = workload.events();
  result.checksum = workload.checksum();
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const auto inFlight = static_cast<std::uint32_t>(argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200000);
  const std::uint64_t requests = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000000;
  const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
  if (inFlight == 0 || requests < inFlight || repeats < 1) {
    std::fprintf(stderr, "usage: event_queue_bench [IN_FLIGHT [REQUESTS >= IN_FLIGHT [REPEATS]]]\n");
    return 2;
  }
  Result best[2];
  for (int repeat = 0; repeat < repeats; ++repeat) {
    for (int variant = 0; variant < 2; ++variant) {
      const Result r = measure(variant == 1, inFlight, requests);
      if (repeat == 0 || r.cpuSeconds < best[variant].cpuSeconds) best[variant] = r;
    }
  }
  const char* names[2] = {"heap (schedule only)", "lanes (scheduleOn)"};
  std::printf("in-flight %u, requests %llu, %d hops over %zu constant delays, best of %d\n", inFlight,
              static_cast<unsigned long long>(requests), kHops, kDelays, repeats);
  for (int variant = 0; variant < 2; ++variant) {
    const Result& r = best[variant];
    std::printf("%-22s events %llu  cpu %.3f s  %.2f M events/s (cpu)  %.2f M events/s (wall)  checksum %016llx\n",
                names[variant], static_cast<unsigned long long>(r.events), r.cpuSeconds,
                static_cast<double>(r.events) / r.cpuSeconds / 1e6,
                static_cast<double>(r.events) / r.wallSeconds / 1e6, static_cast<unsigned long long>(r.checksum));
  }
  const double ratio = best[0].cpuSeconds / best[1].cpuSeconds;
  std::printf("lanes/heap throughput ratio (cpu): %.2fx\n", ratio);
  if (best[0].checksum != best[1].checksum || best[0].events != best[1].events) {
    std::fprintf(stderr, "MISMATCH: the two variants ran different event orders\n");
    return 1;
  }
  return 0;
}
