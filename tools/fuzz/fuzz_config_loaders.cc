// libFuzzer target for the YAML loaders (core/config): every input is loaded both as a topology
// and as a scenario. The loaders' one way to refuse input is core::config::ConfigError; any other
// exception escaping them is a finding (reported with its type, then abort), as is a crash, a hang
// or a sanitizer report. Build: tools/ci/fuzz.sh.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>

#include "core/config/config_error.h"
#include "core/config/scenario.h"
#include "core/config/topology.h"

namespace {

using namespace cdnsim::core::config;

template <typename Load>
void loadOnlyThrowsConfigError(const char* loader, Load load) {
  try {
    load();
  } catch (const ConfigError&) {
    // The input was refused, as it should be: with a message and a place.
  } catch (const std::exception& e) {
    std::fprintf(stderr, "finding: %s let a %s escape: %s\n", loader, typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "finding: %s let a non-std exception escape\n", loader);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  loadOnlyThrowsConfigError("loadTopologyFromString",
                            [&] { (void)loadTopologyFromString(text, "fuzz.yaml"); });
  loadOnlyThrowsConfigError("loadScenarioFromString",
                            [&] { (void)loadScenarioFromString(text, "fuzz.yaml"); });
  return 0;
}
