// OutputSet's name patterns: outputs whose names a run chooses (realtime-<name>.log) are replaced
// like the fixed ones; files that only look alike, and folders, stay.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "io/atomic_file.h"
#include "io/output_set.h"
#include "tests/io/io_test_files.h"

namespace cdnsim::io {

TEST_CASE("a name pattern matches prefix, something, suffix", "[io][outputset]") {
  const OutputNamePattern p{"realtime-", ".log"};
  CHECK(p.matches("realtime-a.log"));
  CHECK(p.matches("realtime-edge_sample.log"));
  CHECK_FALSE(p.matches("realtime-.log"));  // nothing between
  CHECK_FALSE(p.matches("realtime-a.log.gz"));
  CHECK_FALSE(p.matches("xrealtime-a.log"));
  CHECK_FALSE(p.matches("realtime.log"));
}

TEST_CASE("an earlier run's patterned outputs are removed; look-alikes and folders stay",
          "[io][outputset]") {
  testing::IoTempDir dir("cdnsim-outset-pattern");
  std::ofstream(dir.path / "realtime-old.log") << "old";
  std::ofstream(dir.path / "realtime-old.log.gz") << "old";
  std::ofstream(dir.path / "realtime-notes.txt") << "mine";
  std::filesystem::create_directories(dir.path / "realtime-folder.log");
  {
    OutputSet set(dir.path, {"summary.json"}, {{"realtime-", ".log"}, {"realtime-", ".log.gz"}});
    REQUIRE(set.status().ok());
    REQUIRE(writeFileAtomically(set.stagedPath("realtime-new.log"), "new").ok());
    REQUIRE(writeFileAtomically(set.stagedPath("summary.json"), "s").ok());
    REQUIRE(set.commit().ok());
  }
  CHECK(testing::listing(dir.path) == std::vector<std::string>{"realtime-folder.log", "realtime-new.log",
                                                      "realtime-notes.txt", "summary.json"});
  CHECK(testing::readWholeFile(dir.path / "realtime-new.log") == "new");
}

TEST_CASE("a staged name taken by a folder is refused before anything is touched", "[io][outputset]") {
  testing::IoTempDir dir("cdnsim-outset-pattern");
  std::ofstream(dir.path / "summary.json") << "old";
  std::filesystem::create_directories(dir.path / "realtime-x.log");
  OutputSet set(dir.path, {"summary.json"}, {{"realtime-", ".log"}});
  REQUIRE(set.status().ok());
  REQUIRE(writeFileAtomically(set.stagedPath("realtime-x.log"), "new").ok());
  REQUIRE(writeFileAtomically(set.stagedPath("summary.json"), "s").ok());
  const auto status = set.commit();
  CHECK_FALSE(status.ok());
  CHECK(status.message().find("is a directory") != std::string::npos);
  CHECK(testing::readWholeFile(dir.path / "summary.json") == "old");
}

}  // namespace cdnsim::io
