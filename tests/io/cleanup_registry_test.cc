// The signal-time cleanup table: what is registered is removed (files before folders), what is
// released is not, and AtomicFile keeps its temporary registered exactly while it exists.
#include "io/cleanup_registry.h"

#include <catch2/catch.hpp>

#include <fstream>

#include "io/atomic_file.h"
#include "tests/io/io_test_files.h"

namespace cdnsim::io {

TEST_CASE("registered files and folders are removed, files first; released ones stay", "[io][cleanup]") {
  testing::IoTempDir dir("cdnsim-cleanup");
  const std::filesystem::path folder = dir.path / "staging";
  std::filesystem::create_directory(folder);
  std::ofstream(folder / "a") << "a";
  std::ofstream(dir.path / "kept") << "k";
  const std::size_t before = registeredCleanupPaths();
  // The folder is registered before its file: removal must still empty it first.
  CleanupPath folderPath(folder, CleanupKind::Folder);
  CleanupPath file(folder / "a", CleanupKind::File);
  CleanupPath kept(dir.path / "kept", CleanupKind::File);
  CHECK(registeredCleanupPaths() == before + 3);
  kept.release();
  CHECK(registeredCleanupPaths() == before + 2);
  removeRegisteredPathsForTesting();
  CHECK_FALSE(std::filesystem::exists(folder));
  CHECK(std::filesystem::exists(dir.path / "kept"));
}

TEST_CASE("a moved CleanupPath keeps one registration", "[io][cleanup]") {
  testing::IoTempDir dir("cdnsim-cleanup");
  const std::size_t before = registeredCleanupPaths();
  {
    CleanupPath a(dir.path / "x", CleanupKind::File);
    CleanupPath b(std::move(a));
    CHECK_FALSE(a.registered());
    CHECK(b.registered());
    CHECK(registeredCleanupPaths() == before + 1);
    CleanupPath c;
    c = std::move(b);
    CHECK(registeredCleanupPaths() == before + 1);
  }
  CHECK(registeredCleanupPaths() == before);
}

TEST_CASE("a path too long for a slot is not registered", "[io][cleanup]") {
  const std::size_t before = registeredCleanupPaths();
  CleanupPath tooLong(std::filesystem::path(std::string(kMaxCleanupPathBytes, 'x')), CleanupKind::File);
  CHECK_FALSE(tooLong.registered());
  CHECK(registeredCleanupPaths() == before);
}

TEST_CASE("AtomicFile's temporary is registered until commit or abandon", "[io][cleanup]") {
  testing::IoTempDir dir("cdnsim-cleanup");
  const std::size_t before = registeredCleanupPaths();
  const bool commit = GENERATE(false, true);
  {
    AtomicFile file(dir.path / "out");
    file.append("bytes");
    CHECK(registeredCleanupPaths() == before + 1);
    if (commit) {
      REQUIRE(file.commit().ok());
    } else {
      file.abandon();
    }
    CHECK(registeredCleanupPaths() == before);
  }
  CHECK(std::filesystem::exists(dir.path / "out") == commit);
}

TEST_CASE("what a signal would remove of an open AtomicFile is its temporary only", "[io][cleanup]") {
  testing::IoTempDir dir("cdnsim-cleanup");
  std::ofstream(dir.path / "out") << "old";
  AtomicFile file(dir.path / "out");
  file.append("new");
  REQUIRE(std::filesystem::exists(file.temporaryPath()));
  removeRegisteredPathsForTesting();
  CHECK_FALSE(std::filesystem::exists(file.temporaryPath()));
  CHECK(testing::readWholeFile(dir.path / "out") == "old");
}

}  // namespace cdnsim::io
