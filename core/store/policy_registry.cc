// The policy registry: names, one-line summaries for --help, and factories. Adding a policy adds
// one line to kEntries.

#include "core/store/policy_registry.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

#include "core/store/admission.h"
#include "core/store/policies/arc.h"
#include "core/store/policies/clock.h"
#include "core/store/policies/fifo.h"
#include "core/store/policies/gdsf.h"
#include "core/store/policies/lfu.h"
#include "core/store/policies/lru.h"
#include "core/store/policies/s3fifo.h"
#include "core/store/policies/sieve.h"
#include "core/store/policies/slru.h"
#include "core/store/policies/two_q.h"
#include "core/store/policies/w_tinylfu.h"

namespace cdnsim::core::store {

namespace {

using Factory = std::unique_ptr<EvictionPolicy> (*)(std::uint64_t capacityUnits);

template <class Policy>
std::unique_ptr<EvictionPolicy> make(std::uint64_t capacityUnits) {
  return std::make_unique<Policy>(capacityUnits);
}

struct Entry {
  PolicyInfo info;
  Factory factory;
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> kEntries = {
      {{"lru", "least recently used; no parameters"}, &make<LruPolicy>},
      {{"fifo", "first in, first out; hits change nothing; no parameters"}, &make<FifoPolicy>},
      {{"lfu", "least frequently used (in-cache counts); ties: least recently used first"},
       &make<LfuPolicy>},
      {{"clock", "CLOCK: FIFO with a 1-bit reference, second chance; no parameters"},
       &make<ClockPolicy>},
      {{"sieve", "SIEVE (NSDI'24): FIFO + visited bit, hand moving from the tail; no parameters"},
       &make<SievePolicy>},
      {{"s3fifo", "S3-FIFO (SOSP'23): small FIFO 10%, main 90%, ghost = 90%, promote on re-access"},
       &make<S3FifoPolicy>},
      {{"arc", "ARC (FAST'03): T1/T2 + ghosts B1/B2, adaptive target p (starts at 0)"},
       &make<ArcPolicy>},
      {{"2q", "2Q (VLDB'94): A1in FIFO Kin=25%, ghost A1out Kout=50%, Am LRU"},
       &make<TwoQPolicy>},
      {{"slru", "segmented LRU: protected 80%, probation 20%"}, &make<SlruPolicy>},
      {{"gdsf", "Greedy-Dual-Size-Frequency: priority = L + freq / size (cost 1)"},
       &make<GdsfPolicy>},
      {{"wtinylfu", "W-TinyLFU: 1% LRU window, SLRU main 80/20, count-min + doorkeeper, reset at 10x"},
       &make<WTinyLfuPolicy>},
  };
  return kEntries;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

const std::vector<PolicyInfo>& policyCatalogue() {
  static const std::vector<PolicyInfo> catalogue = [] {
    std::vector<PolicyInfo> out;
    for (const Entry& e : entries()) out.push_back(e.info);
    return out;
  }();
  return catalogue;
}

std::unique_ptr<EvictionPolicy> makePolicy(std::string_view name, std::uint64_t capacityUnits,
                                           const AdmissionConfig& admission) {
  for (const Entry& e : entries()) {
    if (!equalsIgnoreCase(e.info.name, name)) continue;
    auto policy = e.factory(capacityUnits);
    if (!admission.maxObjectSize && !admission.probability) return policy;
    if (auto error = admission.validate()) throw std::invalid_argument(*error);
    return std::make_unique<AdmissionFilter>(std::move(policy), admission);
  }
  std::string known;
  for (const Entry& e : entries()) {
    if (!known.empty()) known += ", ";
    known += e.info.name;
  }
  throw std::invalid_argument("unknown eviction policy '" + std::string(name) +
                              "' (known: " + known + ")");
}

}  // namespace cdnsim::core::store
