// The signal-time cleanup table: what is registered is removed (files before folders), what is
// released is not, and AtomicFile keeps its temporary registered exactly while it exists.
#include "io/cleanup_registry.h"

#include <catch2/catch.hpp>

#include <fstream>

#include "io/atomic_file.h"
#include "tests/io/io_test_files.h"

using cdnsim::io::AtomicFile;
using cdnsim::io::CleanupKind;
using cdnsim::io::CleanupPath;
using cdnsim::io::registeredCleanupPaths;
using cdnsim::io::removeRegisteredPathsForTesting;
namespace fs = std::filesystem;

namespace {
struct TempDir : cdnsim::testing::IoTempDir {
  TempDir() : IoTempDir("cdnsim-cleanup") {}
};
}  // namespace

TEST_CASE("registered files and folders are removed, files first; released ones stay", "[io][cleanup]") {
  TempDir dir;
  const fs::path folder = dir.path / "staging";
  fs::create_directory(folder);
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
  CHECK_FALSE(fs::exists(folder));
  CHECK(fs::exists(dir.path / "kept"));
}

TEST_CASE("a moved CleanupPath keeps one registration", "[io][cleanup]") {
  TempDir dir;
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
  CleanupPath tooLong(fs::path(std::string(cdnsim::io::kMaxCleanupPathBytes, 'x')), CleanupKind::File);
  CHECK_FALSE(tooLong.registered());
  CHECK(registeredCleanupPaths() == before);
}

TEST_CASE("AtomicFile's temporary is registered until commit or abandon", "[io][cleanup]") {
  TempDir dir;
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
  CHECK(fs::exists(dir.path / "out") == commit);
}

TEST_CASE("what a signal would remove of an open AtomicFile is its temporary only", "[io][cleanup]") {
  TempDir dir;
  std::ofstream(dir.path / "out") << "old";
  AtomicFile file(dir.path / "out");
  file.append("new");
  REQUIRE(fs::exists(file.temporaryPath()));
  removeRegisteredPathsForTesting();
  CHECK_FALSE(fs::exists(file.temporaryPath()));
  CHECK(cdnsim::testing::readWholeFile(dir.path / "out") == "old");
}
