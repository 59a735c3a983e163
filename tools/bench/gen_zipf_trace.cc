// Generates the cachesim benchmark trace: R requests to N objects with Zipf(alpha) popularity,
// written both as CSV (`timestamp,object_id,size` with a header) and as libCacheSim's oracleGeneral
// binary. Built by tools/bench/cachesim_bench.sh with g++ -O2 together with sim/random/rng.cc.
//
// Usage: gen_zipf_trace REQUESTS OBJECTS ALPHA SEED OUT_CSV OUT_ORACLEGENERAL
// Prints `objects <unique objects requested> bytes <their total size>` on stdout.
//
// Deterministic by construction (same arguments ⇒ byte-identical files):
// - rank k ~ Zipf(alpha) on [1, N] by rejection-inversion, from Rng(seed);
// - object id = SplitMix64's finaliser of k (a bijection, so ids are distinct but not sequential);
// - object size, fixed per object: log-uniform between 100 B and 1 MiB, from the top 53 bits of a
//   second hash of k (size = floor(100 · 10486^u)); mean ≈ 113 KiB;
// - timestamp = request index / 1000 (1000 requests per second);
// - oracleGeneral's next-access field is -1 (unknown): cachesim does not read it.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "sim/random/rng.h"
#include "tools/bench/zipf_sampler.h"

namespace {

std::uint64_t objectId(std::uint64_t rank) {
  std::uint64_t state = rank;
  return cdnsim::sim::splitMix64(state);
}

std::uint32_t objectSize(std::uint64_t rank) {
  std::uint64_t state = rank ^ 0x5A17E5A17E5A17E5ULL;
  const double u = static_cast<double>(cdnsim::sim::splitMix64(state) >> 11) * 0x1.0p-53;
  return static_cast<std::uint32_t>(std::floor(100.0 * std::pow(10486.0, u)));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: %s REQUESTS OBJECTS ALPHA SEED OUT_CSV OUT_ORACLEGENERAL\n",
                 argv[0]);
    return 2;
  }
  const std::uint64_t requests = std::strtoull(argv[1], nullptr, 10);
  const std::uint64_t objects = std::strtoull(argv[2], nullptr, 10);
  const double alpha = std::strtod(argv[3], nullptr);
  const std::uint64_t seed = std::strtoull(argv[4], nullptr, 10);
  if (requests == 0 || objects == 0 || !(alpha > 0)) {
    std::fprintf(stderr, "gen_zipf_trace: REQUESTS and OBJECTS must be > 0, ALPHA > 0\n");
    return 2;
  }
  std::FILE* csv = std::fopen(argv[5], "wb");
  std::FILE* bin = std::fopen(argv[6], "wb");
  if (csv == nullptr || bin == nullptr) {
    std::fprintf(stderr, "gen_zipf_trace: cannot write the output files\n");
    return 1;
  }

  cdnsim::bench::ZipfSampler zipf(objects, alpha);
  cdnsim::sim::Rng rng(seed);
  std::vector<bool> seen(objects + 1, false);
  std::uint64_t uniqueObjects = 0, uniqueBytes = 0;

  std::string csvBuf = "timestamp,object_id,size\n";
  std::string binBuf;
  auto flush = [&](bool force) {
    if (force || csvBuf.size() > (std::size_t{8} << 20)) {
      std::fwrite(csvBuf.data(), 1, csvBuf.size(), csv);
      csvBuf.clear();
    }
    if (force || binBuf.size() > (std::size_t{8} << 20)) {
      std::fwrite(binBuf.data(), 1, binBuf.size(), bin);
      binBuf.clear();
    }
  };
  char line[80];
  for (std::uint64_t i = 0; i < requests; ++i) {
    const std::uint64_t rank = zipf.sample(rng);
    const std::uint64_t id = objectId(rank);
    const std::uint32_t size = objectSize(rank);
    const auto time = static_cast<std::uint32_t>(i / 1000);
    if (!seen[rank]) {
      seen[rank] = true;
      ++uniqueObjects;
      uniqueBytes += size;
    }
    char* p = std::to_chars(line, line + 20, time).ptr;
    *p++ = ',';
    p = std::to_chars(p, p + 20, id).ptr;
    *p++ = ',';
    p = std::to_chars(p, p + 20, size).ptr;
    *p++ = '\n';
    csvBuf.append(line, p);

    char rec[24];
    const std::int64_t next = -1;
    std::memcpy(rec, &time, 4);
    std::memcpy(rec + 4, &id, 8);
    std::memcpy(rec + 12, &size, 4);
    std::memcpy(rec + 16, &next, 8);
    binBuf.append(rec, 24);
    flush(false);
  }
  flush(true);
  const bool ok = std::fclose(csv) == 0 && std::fclose(bin) == 0;
  if (!ok) {
    std::fprintf(stderr, "gen_zipf_trace: write failed\n");
    return 1;
  }
  std::printf("objects %llu bytes %llu\n", static_cast<unsigned long long>(uniqueObjects),
              static_cast<unsigned long long>(uniqueBytes));
  return 0;
}
