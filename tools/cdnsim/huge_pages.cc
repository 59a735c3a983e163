#include "tools/cdnsim/huge_pages.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>

#if defined(__linux__) && defined(__GLIBC__)
#include <unistd.h>
#endif

namespace cdnsim::tools {

namespace {

// The commands that simulate (the others gain nothing and keep their process untouched).
bool simulates(std::string_view command) {
  return command == "run" || command == "compare" || command == "sweep" || command == "cachesim";
}

}  // namespace

void reexecWithHugePagesFor(int argc, char** argv) {
#if defined(__linux__) && defined(__GLIBC__)
  if (argc < 2 || !simulates(argv[1])) return;
  if (std::getenv("CDNSIM_NO_HUGE_PAGES") != nullptr) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  // Also what stops the re-executed process from doing it again.
  if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.hugetlb") != nullptr) return;
  std::string mode;
  std::getline(std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled"), mode);
  if (mode.empty() || mode.find("[never]") != std::string::npos) return;
  std::string value = tunables != nullptr && *tunables != '\0' ? std::string(tunables) + ":" : "";
  value += "glibc.malloc.hugetlb=1";
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Only reached when execv failed: run here, without the tunable, and leave no trace of it.
  if (tunables != nullptr) {
    setenv("GLIBC_TUNABLES", tunables, 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
#else
  (void)argc;
  (void)argv;
#endif
}

}  // namespace cdnsim::tools
