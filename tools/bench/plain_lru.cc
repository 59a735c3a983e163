// The benchmark's reference: a deliberately plain, hand-written LRU over a memory-mapped
// oracleGeneral trace, in one file: std::unordered_map from id to node, an intrusive doubly linked
// list, new/delete per object. No batching, no tuning. cdnsim's cachesim must reach a fixed
// fraction of its throughput (DESIGN.md, performance budgets) and must count exactly the same
// misses.
//
// Usage: plain_lru TRACE.oracleGeneral CAPACITY [--objects]
//   CAPACITY is in bytes, or in objects with --objects. Zero-size requests are skipped, as in
//   cachesim. Prints `requests R misses M seconds S rps X cpu_seconds C cpu_rps Y` (the timed part
//   is the replay loop only; CPU time is the fairer measure on a shared machine).

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

namespace {

struct Node {
  std::uint64_t id;
  std::uint64_t size;
  Node* prev;
  Node* next;
};

class PlainLru {
 public:
  explicit PlainLru(std::uint64_t capacity) : capacity_(capacity) {
    head_.prev = head_.next = &head_;
  }

  // Returns true on a hit; on a miss inserts, evicting from the tail.
  bool access(std::uint64_t id, std::uint64_t size) {
    auto it = map_.find(id);
    if (it != map_.end()) {
      unlink(it->second);
      pushFront(it->second);
      return true;
    }
    if (size > capacity_) return false;
    while (used_ + size > capacity_) {
      Node* victim = head_.prev;
      unlink(victim);
      used_ -= victim->size;
      map_.erase(victim->id);
      delete victim;
    }
    Node* n = new Node{id, size, nullptr, nullptr};
    pushFront(n);
    map_.emplace(id, n);
    used_ += size;
    return false;
  }

 private:
  static void unlink(Node* n) {
    n->prev->next = n->next;
    n->next->prev = n->prev;
  }
  void pushFront(Node* n) {
    n->next = head_.next;
    n->prev = &head_;
    head_.next->prev = n;
    head_.next = n;
  }

  std::uint64_t capacity_;
  std::uint64_t used_ = 0;
  Node head_{};
  std::unordered_map<std::uint64_t, Node*> map_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s TRACE.oracleGeneral CAPACITY [--objects]\n", argv[0]);
    return 2;
  }
  const bool objects = argc > 3 && std::strcmp(argv[3], "--objects") == 0;
  const std::uint64_t capacity = std::strtoull(argv[2], nullptr, 10);
  const int fd = ::open(argv[1], O_RDONLY);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || st.st_size <= 0) {
    std::fprintf(stderr, "plain_lru: cannot open %s\n", argv[1]);
    return 1;
  }
  const auto bytes = static_cast<std::size_t>(st.st_size);
  const auto* data =
      static_cast<const unsigned char*>(::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE, fd, 0));
  if (data == MAP_FAILED) return 1;
  ::madvise(const_cast<unsigned char*>(data), bytes, MADV_SEQUENTIAL);

  PlainLru lru(capacity);
  std::uint64_t requests = 0, misses = 0;
  timespec cpu0{}, cpu1{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0);
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t off = 0; off + 24 <= bytes; off += 24) {
    std::uint64_t id;
    std::uint32_t size;
    std::memcpy(&id, data + off + 4, 8);
    std::memcpy(&size, data + off + 12, 4);
    if (size == 0) continue;
    ++requests;
    if (!lru.access(id, objects ? 1 : size)) ++misses;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
  const double cpuSeconds = static_cast<double>(cpu1.tv_sec - cpu0.tv_sec) +
                            static_cast<double>(cpu1.tv_nsec - cpu0.tv_nsec) * 1e-9;
  std::printf("requests %llu misses %llu seconds %.6f rps %.0f cpu_seconds %.6f cpu_rps %.0f\n",
              static_cast<unsigned long long>(requests), static_cast<unsigned long long>(misses),
              seconds, static_cast<double>(requests) / seconds, cpuSeconds,
              static_cast<double>(requests) / cpuSeconds);
  return 0;
}
