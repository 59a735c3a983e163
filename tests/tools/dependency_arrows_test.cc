// The dependency arrows of DESIGN.md, enforced over the source tree: every `#include "..."` of
// ours in core/, io/, sim/, proxy/ and tools/ must point along an allowed arrow.
//   core/  -> core/                     (decides; no I/O, nothing of the runtimes)
//   io/    -> io/, core/record/         (the bottom layer for files)
//   sim/   -> sim/, io/, core/
//   proxy/ -> proxy/, io/, core/        (never sim/, and sim/ never proxy/)
//   tools/ -> core/, io/, sim/, proxy/, tools/
// Nothing outside tests/ includes tests/. Includes are written from the source root
// ("core/http/..."), so a relative include ("foo.h") is reported too: its arrow cannot be read.

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Arrow {
  std::string_view from;                   // the including file's top folder
  std::vector<std::string_view> mayInclude;  // path prefixes it may include
};

const std::vector<Arrow>& arrows() {
  static const std::vector<Arrow> table = {
      {"core", {"core/"}},
      {"io", {"io/", "core/record/"}},
      {"sim", {"sim/", "io/", "core/"}},
      {"proxy", {"proxy/", "io/", "core/"}},
      {"tools", {"core/", "io/", "sim/", "proxy/", "tools/"}},
  };
  return table;
}

// Top folders whose headers are ours: an angle-bracket include naming one of them is checked too.
constexpr std::array<std::string_view, 6> kOurFolders = {"core", "io", "sim", "proxy", "tools", "tests"};

bool isOurs(std::string_view include) {
  return std::any_of(kOurFolders.begin(), kOurFolders.end(), [&](std::string_view folder) {
    return include.size() > folder.size() && include.substr(0, folder.size()) == folder &&
           include[folder.size()] == '/';
  });
}

// Whether a file in top folder `from` may include `include` (a quoted include path).
bool allowed(std::string_view from, std::string_view include) {
  for (const auto& arrow : arrows()) {
    if (arrow.from != from) continue;
    return std::any_of(arrow.mayInclude.begin(), arrow.mayInclude.end(),
                       [&](std::string_view prefix) { return include.substr(0, prefix.size()) == prefix; });
  }
  return false;
}

struct Violation {
  std::string where;    // "sim/run/x.cc:12"
  std::string include;  // as written
};

struct Scan {
  int files = 0;
  int includes = 0;  // includes of ours checked
  std::vector<Violation> violations;
};

Scan scanTree(const std::filesystem::path& root) {
  // `#include "x"` or `#include <x>`, allowing spaces around '#'.
  static const std::regex includeLine(R"(^\s*#\s*include\s*(["<])([^">]+)[">])");
  Scan scan;
  for (const auto& arrow : arrows()) {
    const std::filesystem::path folder = root / arrow.from;
    if (!std::filesystem::is_directory(folder)) continue;  // proxy/ does not exist yet
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
      const auto ext = entry.path().extension();
      if (entry.is_regular_file() && (ext == ".h" || ext == ".cc")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());  // a stable report
    for (const auto& file : files) {
      ++scan.files;
      std::ifstream in(file);
      std::string line;
      for (int number = 1; std::getline(in, line); ++number) {
        std::smatch m;
        if (!std::regex_search(line, m, includeLine)) continue;
        const std::string include = m[2];
        const bool quoted = m[1] == "\"";
        if (!quoted && !isOurs(include)) continue;  // <fmt/format.h>, <zlib.h>, ...
        ++scan.includes;
        if (isOurs(include) && allowed(arrow.from, include)) continue;
        const auto relativePath = std::filesystem::relative(file, root).generic_string();
        scan.violations.push_back({relativePath + ":" + std::to_string(number), include});
      }
    }
  }
  return scan;
}

}  // namespace

TEST_CASE("the arrow table reads as DESIGN.md says", "[tools][arrows]") {
  struct Row {
    std::string_view from;
    std::string_view include;
    bool ok;
  };
  const auto row = GENERATE(values<Row>({
      {"core", "core/http/message.h", true},
      {"core", "io/atomic_file.h", false},
      {"core", "sim/run/tiered_simulation.h", false},
      {"io", "io/atomic_file.h", true},
      {"io", "core/record/request_record.h", true},
      {"io", "core/http/message.h", false},  // only core/record/, nothing else of core/
      {"io", "sim/output/exchange_writer.h", false},
      {"sim", "sim/run/tiered_simulation.h", true},
      {"sim", "io/batched_file.h", true},
      {"sim", "core/config/topology.h", true},
      {"sim", "proxy/session.h", false},
      {"sim", "tools/cdnsim/commands.h", false},
      {"proxy", "core/node/cache_node.h", true},
      {"proxy", "io/batched_file.h", true},
      {"proxy", "sim/run/tiered_simulation.h", false},
      {"tools", "sim/run/tiered_simulation.h", true},
      {"tools", "proxy/server.h", true},
      {"tools", "tests/scenarios/scenario_runner.h", false},
      {"sim", "tests/scenarios/scenario_runner.h", false},
      {"core", "coreutils/x.h", false},  // a prefix of a folder name is not the folder
  }));
  CAPTURE(row.from, row.include);
  CHECK((isOurs(row.include) && allowed(row.from, row.include)) == row.ok);
}

TEST_CASE("every include in the source tree follows the dependency arrows", "[tools][arrows]") {
  const std::filesystem::path root = CDNSIM_SOURCE_DIR;
  const Scan scan = scanTree(root);
  // A scan that reads nothing would pass vacuously (a wrong CDNSIM_SOURCE_DIR, a renamed folder).
  REQUIRE(scan.files > 50);
  REQUIRE(scan.includes > 200);
  std::string report;
  for (const auto& v : scan.violations) report += "  " + v.where + ": #include \"" + v.include + "\"\n";
  INFO("includes against the arrows of DESIGN.md (core -> core; io -> io, core/record; sim -> sim, io, core; "
       "proxy -> proxy, io, core; tools -> ours but tests):\n"
       << report);
  CHECK(scan.violations.empty());
}
