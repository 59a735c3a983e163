// A ceiling for `cdnsim run` on the global benchmark world: the cache work alone, with nothing else.
//
// The world (tools/bench/run_bench_global*.yaml) sends each request to one of 45 POPs (256 MiB
// LRU), a POP's miss to one of 13 regional edge caches (1 GiB LRU), a regional miss to the
// shield (1 GiB LRU). This program replays a Zipf trace (tools/bench/gen_zipf_trace.cc) through
// exactly those caches, built from cdnsim's own LRU (core/store: the index and queue the
// simulator uses), and does nothing else: no events, no clock, no TTLs, no stored entries, no
// counters. What it costs per request is a lower bound on what any exact simulation of the
// world built on these caches costs; its rate is a ceiling for `run`'s.
//
// Two passes:
//   serial    each lookup waits for the one before (what a naive simulator does);
//   prefetch  the POP bucket of the request DEPTH ahead is loaded early (what `run` attempts with
//             its event-queue prefetcher): the best a single thread can hope to overlap.
// POPs are drawn with weights proportional to the world's client rates (its five largest metros
// carry a quarter of the traffic); the POP -> regional map is pop % 13; the us-east-1 POPs'
// skipping of the regional tier is ignored (it only removes work).
//
// Usage: tier_bound TRACE.oracleGeneral [DEPTH]   (the trace as cachesim_bench.sh makes it)

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "core/store/policies/lru.h"
#include "core/store/split_mix.h"

namespace {

using cdnsim::core::store::LruPolicy;

constexpr int kPops = 45;
constexpr int kRegionals = 13;
constexpr std::uint64_t kPopBytes = 256ull << 20;
constexpr std::uint64_t kRegionalBytes = 1ull << 30;

// The world's client request rates per POP metro (run_bench_global.yaml), in its order.
constexpr std::array<double, kPops> kRates = {
    1295.5, 1052.6, 1052.6, 1012.1, 931.2, 931.2, 728.7, 647.8, 647.8, 526.3, 526.3, 526.3,
    526.3,  526.3,  485.8,  485.8,  485.8, 404.9, 364.4, 364.4, 364.4, 323.9, 323.9, 323.9,
    323.9,  323.9,  283.4,  283.4,  283.4, 283.4, 283.4, 242.9, 242.9, 242.9, 242.9, 242.9,
    242.9,  202.4,  202.4,  202.4,  202.4, 202.4, 202.4, 202.4, 202.4};

struct Request {
  std::uint64_t id;
  std::uint32_t size;
  std::uint8_t pop;
};

struct Tally {
  std::uint64_t popHits = 0, regionalHits = 0, shieldHits = 0, origin = 0;
};

double cpuSeconds() {
  timespec t{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct World {
  std::vector<std::unique_ptr<LruPolicy>> pops, regionals;
  LruPolicy shield{kRegionalBytes};
  World() {
    for (int i = 0; i < kPops; ++i) pops.push_back(std::make_unique<LruPolicy>(kPopBytes));
    for (int i = 0; i < kRegionals; ++i) regionals.push_back(std::make_unique<LruPolicy>(kRegionalBytes));
  }
  void serve(const Request& r, Tally& t) {
    if (pops[r.pop]->access(r.id, r.size)) {
      ++t.popHits;
    } else if (regionals[r.pop % kRegionals]->access(r.id, r.size)) {
      ++t.regionalHits;
    } else if (shield.access(r.id, r.size)) {
      ++t.shieldHits;
    } else {
      ++t.origin;
    }
  }
};

void report(const char* pass, const std::vector<Request>& requests, const Tally& t, double cpu) {
  const double n = static_cast<double>(requests.size());
  std::printf("%-9s %9.0f req/s  %6.1f ns/request  pop hit %.4f  regional hit %.4f  shield hit %.4f\n",
              pass, n / cpu, cpu * 1e9 / n, static_cast<double>(t.popHits) / n,
              static_cast<double>(t.regionalHits) / static_cast<double>(requests.size() - t.popHits),
              static_cast<double>(t.shieldHits) /
                  static_cast<double>(requests.size() - t.popHits - t.regionalHits));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s TRACE.oracleGeneral [DEPTH]\n", argv[0]);
    return 2;
  }
  const int depth = argc > 2 ? std::atoi(argv[2]) : 8;
  const int fd = ::open(argv[1], O_RDONLY);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || st.st_size <= 0) {
    std::fprintf(stderr, "tier_bound: cannot open %s\n", argv[1]);
    return 1;
  }
  const auto bytes = static_cast<std::size_t>(st.st_size);
  const auto* data =
      static_cast<const unsigned char*>(::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE, fd, 0));
  if (data == MAP_FAILED) return 1;

  // The POP of each request, drawn once (fixed seed) so that both passes replay the same world.
  std::array<double, kPops> cumulative{};
  double sum = 0;
  for (int i = 0; i < kPops; ++i) cumulative[i] = sum += kRates[i];
  std::vector<Request> requests;
  requests.reserve(bytes / 24);
  cdnsim::core::store::SplitMix64 rng(20261204);
  for (std::size_t off = 0; off + 24 <= bytes; off += 24) {
    Request r{};
    std::memcpy(&r.id, data + off + 4, 8);
    std::memcpy(&r.size, data + off + 12, 4);
    if (r.size == 0) continue;
    const double u = rng.uniform() * sum;
    int pop = 0;
    while (pop + 1 < kPops && cumulative[pop] <= u) ++pop;
    r.pop = static_cast<std::uint8_t>(pop);
    requests.push_back(r);
  }

  {
    World world;
    Tally t;
    const double start = cpuSeconds();
    for (const Request& r : requests) world.serve(r, t);
    report("serial", requests, t, cpuSeconds() - start);
  }
  {
    World world;
    Tally t;
    const double start = cpuSeconds();
    const std::size_t n = requests.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (i + depth < n) {
        const Request& ahead = requests[i + depth];
        world.pops[ahead.pop]->prefetch(ahead.id);
      }
      world.serve(requests[i], t);
    }
    report("prefetch", requests, t, cpuSeconds() - start);
  }
  return 0;
}
