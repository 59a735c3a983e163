#include "sim/report/chart_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>
#include <vector>

namespace cdnsim::sim {

namespace {

// Debian's libjs-chart.js (3.x) installs the UMD build here; newer packagings name it chart.umd.js.
constexpr const char* kChartLibraryPaths[] = {
    "/usr/share/javascript/chart.js/chart.min.js",
    "/usr/share/javascript/chart.js/chart.umd.js",
    "/usr/share/javascript/chart.js/Chart.min.js",
};

std::string readWholeFile(const std::filesystem::path& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool containsIgnoringCase(std::string_view text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

}  // namespace

ChartLibrary loadChartLibrary() {
  ChartLibrary lib;
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("CDNSIM_CHART_JS"); env != nullptr && *env != '\0') {
    candidates.push_back(env);
  } else {
    candidates.assign(std::begin(kChartLibraryPaths), std::end(kChartLibraryPaths));
  }
  for (const auto& path : candidates) {
    bool ok = false;
    std::string script = readWholeFile(path, ok);
    if (!ok || script.empty()) continue;
    // Inlined in a <script> element, so the text itself must not end it early.
    if (containsIgnoringCase(script, "</script") || script.find("<!--") != std::string::npos) {
      lib.problem = fmt::format("{} contains </script or <!-- and cannot be inlined", path);
      return lib;
    }
    lib.script = std::move(script);
    lib.path = path;
    return lib;
  }
  lib.problem = candidates.size() == 1
                    ? fmt::format("cannot read Chart.js from {} (CDNSIM_CHART_JS)", candidates[0])
                    : fmt::format("Chart.js is not installed (expected {}; Debian package libjs-chart.js)",
                                  candidates[0]);
  return lib;
}

}  // namespace cdnsim::sim
