// The policy registry: names, one-line summaries for --help, and factories. Adding a policy adds
// one line to kEntries.

#include "core/store/policy_registry.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

#include "core/store/admission.h"
#include "core/store/policies/fifo.h"
#include "core/store/policies/lru.h"

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
