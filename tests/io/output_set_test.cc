// OutputSet: the outputs of one run appear together or not at all, never beside an earlier run's,
// and nothing else in the folder is touched.
#include "io/output_set.h"

#include <catch2/catch.hpp>
#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <string>

#include "io/atomic_file.h"
#include "tests/io/io_test_files.h"

namespace cdnsim::io {

namespace {

const std::vector<std::string> kNames = {"summary.json", "series.csv", "trace.jsonl", "trace.jsonl.gz"};

}  // namespace

TEST_CASE("commit publishes every staged file and removes the staging folder", "[io][outputset]") {
  testing::IoTempDir dir("cdnsim-outset");
  const std::filesystem::path out = dir.path / "new" / "out";  // created with its parents
  {
    OutputSet set(out, kNames);
    REQUIRE(set.status().ok());
    REQUIRE(writeFileAtomically(set.stagedPath("trace.jsonl"), "t").ok());
    REQUIRE(writeFileAtomically(set.stagedPath("summary.json"), "s").ok());
    CHECK_FALSE(std::filesystem::exists(out / "summary.json"));  // staged, not yet published
    REQUIRE(set.commit().ok());
  }
  CHECK(testing::listing(out) == std::vector<std::string>{"summary.json", "trace.jsonl"});
  CHECK(testing::readWholeFile(out / "summary.json") == "s");
}

TEST_CASE("an earlier run's outputs are removed; unrelated files stay", "[io][outputset]") {
  testing::IoTempDir dir("cdnsim-outset");
  testing::writePlain(dir.path / "summary.json", "old");
  testing::writePlain(dir.path / "trace.jsonl.gz", "old");
  testing::writePlain(dir.path / "notes.txt", "mine");
  OutputSet set(dir.path, kNames);
  REQUIRE(writeFileAtomically(set.stagedPath("series.csv"), "c").ok());
  REQUIRE(writeFileAtomically(set.stagedPath("summary.json"), "new").ok());
  REQUIRE(set.commit().ok());
  CHECK(testing::listing(dir.path) == std::vector<std::string>{"notes.txt", "series.csv", "summary.json"});
  CHECK(testing::readWholeFile(dir.path / "summary.json") == "new");
}

TEST_CASE("a failure writing the second file publishes nothing and keeps the earlier run", "[io][outputset]") {
  // A full disk, injected with RLIMIT_FSIZE (write(2) fails with EFBIG past 64 KiB, SIGXFSZ
  // ignored): the first output fits, the second does not.
  testing::IoTempDir dir("cdnsim-outset");
  testing::writePlain(dir.path / "summary.json", "old");
  testing::writePlain(dir.path / "trace.jsonl", "old trace");
  {
    OutputSet set(dir.path, kNames);
    REQUIRE(writeFileAtomically(set.stagedPath("summary.json"), "small").ok());
    rlimit saved{};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto savedHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = saved;
    limited.rlim_cur = 64 << 10;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
    const auto second = writeFileAtomically(set.stagedPath("series.csv"), std::string(256 << 10, 'x'));
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, savedHandler);
    REQUIRE_FALSE(second.ok());
    CHECK(second.errorNumber() == EFBIG);
    CHECK_FALSE(second.isPathProblem());
    // The caller does not commit; the set goes out of scope.
  }
  CHECK(testing::listing(dir.path) == std::vector<std::string>{"summary.json", "trace.jsonl"});
  CHECK(testing::readWholeFile(dir.path / "summary.json") == "old");
  CHECK(testing::readWholeFile(dir.path / "trace.jsonl") == "old trace");
}

TEST_CASE("a staged file that was never written fails the commit and changes nothing", "[io][outputset]") {
  testing::IoTempDir dir("cdnsim-outset");
  testing::writePlain(dir.path / "summary.json", "old");
  OutputSet set(dir.path, kNames);
  REQUIRE(writeFileAtomically(set.stagedPath("summary.json"), "new").ok());
  (void)set.stagedPath("series.csv");
  const auto status = set.commit();
  CHECK_FALSE(status.ok());
  CHECK(testing::listing(dir.path) == std::vector<std::string>{"summary.json"});
  CHECK(testing::readWholeFile(dir.path / "summary.json") == "old");
}

TEST_CASE("a folder where an output goes is a path problem, found before any work", "[io][outputset]") {
  testing::IoTempDir dir("cdnsim-outset");
  std::filesystem::create_directory(dir.path / "trace.jsonl");
  OutputSet set(dir.path, kNames);
  CHECK_FALSE(set.status().ok());
  CHECK(set.status().isPathProblem());
  CHECK_THAT(set.status().message(), Catch::Contains("trace.jsonl' is a directory"));
  CHECK_FALSE(set.commit().ok());
  CHECK(testing::listing(dir.path) == std::vector<std::string>{"trace.jsonl"});
}

TEST_CASE("a destination that is a file is a path problem", "[io][outputset]") {
  testing::IoTempDir dir("cdnsim-outset");
  testing::writePlain(dir.path / "file", "x");
  for (const std::filesystem::path& out : {dir.path / "file", dir.path / "file" / "sub"}) {
    OutputSet set(out, kNames);
    INFO(out);
    CHECK_FALSE(set.status().ok());
    CHECK(set.status().isPathProblem());
    CHECK_THAT(set.status().message(), Catch::Contains("is not a directory"));
  }
}

TEST_CASE("without commit the staging folder is removed", "[io][outputset]") {
  testing::IoTempDir dir("cdnsim-outset");
  {
    OutputSet set(dir.path, kNames);
    REQUIRE(writeFileAtomically(set.stagedPath("summary.json"), "s").ok());
    CHECK(dir.entries() == 1);  // the staging folder
  }
  CHECK(dir.entries() == 0);
}

}  // namespace cdnsim::io
