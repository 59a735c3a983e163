// AtomicFile: "no partial output files". Commit publishes the whole file; abandoning (explicitly,
// by destruction or by an error) leaves the destination as it was and no temporary behind.
#include "io/atomic_file.h"

#include <catch2/catch.hpp>

#include "tests/io/io_test_files.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace cdnsim::io {

TEST_CASE("commit publishes the complete file and leaves no temporary", "[io]") {
  testing::IoTempDir dir("cdnsim-atomic");
  const std::filesystem::path target = dir.path / "summary.json";
  AtomicFile file(target);
  REQUIRE(file.isOpen());
  CHECK(file.temporaryPath().parent_path() == dir.path);
  CHECK(file.temporaryPath().filename().string().rfind("summary.json.tmp-", 0) == 0);
  file.append("{\"requests\": ");
  file.append('4');
  file.append("2}\n");
  CHECK(file.size() == 17);
  CHECK_FALSE(std::filesystem::exists(target));  // nothing visible before commit
  const auto status = file.commit();
  CHECK(status.ok());
  CHECK(status.toString() == "ok");
  CHECK(testing::readWholeFile(target) == "{\"requests\": 42}\n");
  CHECK(dir.entries() == 1);
}

TEST_CASE("abandoning leaves nothing behind", "[io]") {
  auto durable = GENERATE(true, false);
  testing::IoTempDir dir("cdnsim-atomic");
  const std::filesystem::path target = dir.path / "trace.jsonl";
  {
    AtomicFile file(target, AtomicFileOptions{durable, 64});
    file.append(std::string(1000, 'x'));  // past the buffer: bytes reach the temporary file
    CHECK(std::filesystem::exists(file.temporaryPath()));
  }  // destroyed without commit
  CHECK(dir.entries() == 0);
  AtomicFile explicitly(target);
  explicitly.append("partial");
  explicitly.abandon();
  CHECK(dir.entries() == 0);
  CHECK_FALSE(explicitly.commit().ok());  // abandoned files cannot be committed
  CHECK_FALSE(std::filesystem::exists(target));
}

TEST_CASE("an existing file is untouched until commit replaces it", "[io]") {
  testing::IoTempDir dir("cdnsim-atomic");
  const std::filesystem::path target = dir.path / "timeseries.csv";
  testing::writePlain(target, "old contents\n");
  {
    AtomicFile abandoned(target);
    abandoned.append("new but abandoned\n");
  }
  CHECK(testing::readWholeFile(target) == "old contents\n");
  AtomicFile file(target);
  file.append("new contents\n");
  CHECK(testing::readWholeFile(target) == "old contents\n");
  REQUIRE(file.commit().ok());
  CHECK(testing::readWholeFile(target) == "new contents\n");
  CHECK(dir.entries() == 1);
}

TEST_CASE("buffered and direct appends keep every byte in order", "[io]") {
  // Buffer sizes around the append sizes exercise: fits, flush then fit, and bypass.
  auto bufferBytes = GENERATE(std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{1} << 20);
  testing::IoTempDir dir("cdnsim-atomic");
  const std::filesystem::path target = dir.path / "log.txt";
  std::string expected;
  AtomicFile file(target, AtomicFileOptions{false, bufferBytes});
  for (int i = 0; i < 500; ++i) {
    std::string chunk(static_cast<std::size_t>(i % 13), static_cast<char>('a' + i % 26));
    chunk += std::to_string(i);
    expected += chunk;
    file.append(chunk);
  }
  REQUIRE(file.commit().ok());
  CHECK(testing::readWholeFile(target) == expected);
}

TEST_CASE("a missing directory is a clear error, not a crash", "[io]") {
  testing::IoTempDir dir("cdnsim-atomic");
  const std::filesystem::path target = dir.path / "no-such-dir" / "out.csv";
  AtomicFile file(target);
  CHECK_FALSE(file.isOpen());
  CHECK_FALSE(file.status().ok());
  file.append("ignored");
  const auto status = file.commit();
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains("no-such-dir") && Catch::Contains("No such file or directory"));
  CHECK(dir.entries() == 0);
}

TEST_CASE("commit succeeds only once", "[io]") {
  testing::IoTempDir dir("cdnsim-atomic");
  AtomicFile file(dir.path / "a.txt");
  file.append("x");
  CHECK(file.commit().ok());
  CHECK_FALSE(file.commit().ok());
  file.append("ignored after commit");
  CHECK(testing::readWholeFile(dir.path / "a.txt") == "x");
}

TEST_CASE("a moved AtomicFile keeps one owner of the temporary", "[io]") {
  testing::IoTempDir dir("cdnsim-atomic");
  AtomicFile first(dir.path / "moved.txt");
  first.append("hello ");
  AtomicFile second(std::move(first));
  second.append("world");
  AtomicFile third(dir.path / "other.txt");
  third = std::move(second);  // abandons other.txt's temporary, takes over moved.txt
  REQUIRE(third.commit().ok());
  CHECK(testing::readWholeFile(dir.path / "moved.txt") == "hello world");
  CHECK(dir.entries() == 1);
}

TEST_CASE("two writers of one path do not share a temporary", "[io]") {
  testing::IoTempDir dir("cdnsim-atomic");
  AtomicFile a(dir.path / "same.txt");
  AtomicFile b(dir.path / "same.txt");
  CHECK(a.temporaryPath() != b.temporaryPath());
  a.append("a");
  b.append("b");
  REQUIRE(a.commit().ok());
  REQUIRE(b.commit().ok());
  CHECK(testing::readWholeFile(dir.path / "same.txt") == "b");  // last commit wins, whole
}

TEST_CASE("writeFileAtomically writes the whole contents", "[io]") {
  testing::IoTempDir dir("cdnsim-atomic");
  CHECK(writeFileAtomically(dir.path / "r.html", "<html></html>").ok());
  CHECK(testing::readWholeFile(dir.path / "r.html") == "<html></html>");
  CHECK(writeFileAtomically(dir.path / "empty", "").ok());
  CHECK(std::filesystem::file_size(dir.path / "empty") == 0);
  CHECK_FALSE(writeFileAtomically(dir.path / "missing" / "x", "y").ok());
}

TEST_CASE("ensureDirectory creates parents and reports what is in the way", "[io]") {
  testing::IoTempDir dir("cdnsim-atomic");
  CHECK(ensureDirectory(dir.path / "runs" / "2026" / "a").ok());
  CHECK(std::filesystem::is_directory(dir.path / "runs" / "2026" / "a"));
  CHECK(ensureDirectory(dir.path / "runs").ok());  // already there
  testing::writePlain(dir.path / "file", "x");
  const auto blocked = ensureDirectory(dir.path / "file");
  REQUIRE_FALSE(blocked.ok());
  CHECK_THAT(blocked.message(), Catch::Contains("file"));
  CHECK_FALSE(ensureDirectory(dir.path / "file" / "sub").ok());
}

}  // namespace cdnsim::io
