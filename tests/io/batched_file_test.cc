// BatchedFile: the same bytes whether compressed or not, on the writer thread or the caller's;
// nothing at the final path before commit; errors on the writer thread reach commit().
#include "io/batched_file.h"

#include <catch2/catch.hpp>

#include "tests/io/io_test_files.h"

#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <csignal>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace cdnsim::io {

namespace {

// Decompresses a whole gzip file with zlib; fails the test on a truncated or corrupt stream.
std::string gunzip(const std::string& compressed) {
  z_stream zs{};
  REQUIRE(inflateInit2(&zs, 15 + 16) == Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char chunk[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - zs.avail_out);
  }
  inflateEnd(&zs);
  CHECK(rc == Z_STREAM_END);
  CHECK(zs.avail_in == 0);  // nothing after the trailer
  return out;
}

// Varied, partly repetitive lines (like a trace), numbered so any loss or reordering shows.
std::string line(int i) {
  return "{\"seq\":" + std::to_string(i) + ",\"path\":\"/obj/" + std::to_string(i * 7919 % 1000) + "\",\"pad\":\"" +
         std::string(static_cast<std::size_t>(i % 37), static_cast<char>('a' + i % 26)) + "\"}\n";
}

// Writes `lines` lines through a BatchedFile and returns what the lines were.
std::string writeLines(BatchedFile& file, int lines) {
  std::string expected;
  for (int i = 0; i < lines; ++i) {
    const std::string l = line(i);
    expected += l;
    file.buffer() += l;
    file.maybeFlush();
  }
  return expected;
}

BatchedFileOptions options(bool gzip, bool background, std::size_t batchBytes) {
  BatchedFileOptions o;
  o.gzip = gzip;
  o.background = background;
  o.batchBytes = batchBytes;
  o.durable = false;  // tests need no disk flushes
  return o;
}
}  // namespace

TEST_CASE("plain and gzip files round trip over many batches", "[io]") {
  const bool gzip = GENERATE(false, true);
  const bool background = GENERATE(false, true);
  // Batch sizes from one line per batch to everything in one batch.
  const std::size_t batchBytes = GENERATE(std::size_t{0}, std::size_t{100}, std::size_t{4096}, std::size_t{1} << 20);
  CAPTURE(gzip, background, batchBytes);
  testing::IoTempDir dir("cdnsim-batched");
  const std::filesystem::path target = dir.path / (gzip ? "trace.jsonl.gz" : "trace.jsonl");
  BatchedFile file(target, options(gzip, background, batchBytes));
  const std::string expected = writeLines(file, 5000);
  const auto status = file.commit();
  REQUIRE(status.ok());
  CHECK(dir.entries() == 1);
  const std::string bytes = testing::readWholeFile(target);
  if (gzip) {
    REQUIRE(bytes.size() > 2);
    CHECK(static_cast<unsigned char>(bytes[0]) == 0x1f);  // gzip magic (RFC 1952 §2.3.1)
    CHECK(static_cast<unsigned char>(bytes[1]) == 0x8b);
    CHECK(bytes.size() < expected.size() / 2);
    CHECK(gunzip(bytes) == expected);
  } else {
    CHECK(bytes == expected);
  }
}

TEST_CASE("background=false writes the same bytes as the writer thread", "[io]") {
  const bool gzip = GENERATE(false, true);
  testing::IoTempDir dir("cdnsim-batched");
  for (const bool background : {false, true}) {
    BatchedFile file(dir.path / (background ? "bg" : "fg"), options(gzip, background, 1000));
    writeLines(file, 3000);
    REQUIRE(file.commit().ok());
  }
  const std::string foreground = testing::readWholeFile(dir.path / "fg");
  CHECK(foreground.size() > 1000);
  CHECK(testing::readWholeFile(dir.path / "bg") == foreground);
}

TEST_CASE("an empty file commits as an empty file or an empty gzip stream", "[io]") {
  const bool gzip = GENERATE(false, true);
  const bool background = GENERATE(false, true);
  testing::IoTempDir dir("cdnsim-batched");
  BatchedFile file(dir.path / "empty", options(gzip, background, 128));
  REQUIRE(file.commit().ok());
  const std::string bytes = testing::readWholeFile(dir.path / "empty");
  if (gzip) {
    CHECK(gunzip(bytes).empty());
  } else {
    CHECK(bytes.empty());
  }
}

TEST_CASE("nothing appears at the final path before commit", "[io]") {
  const bool gzip = GENERATE(false, true);
  const bool background = GENERATE(false, true);
  testing::IoTempDir dir("cdnsim-batched");
  const std::filesystem::path target = dir.path / "access.log";
  BatchedFile file(target, options(gzip, background, 256));
  writeLines(file, 2000);  // many batches handed over, some already written
  CHECK_FALSE(std::filesystem::exists(target));
  CHECK(dir.entries() == 1);  // the temporary only
  REQUIRE(file.commit().ok());
  CHECK(std::filesystem::exists(target));
  CHECK(dir.entries() == 1);
}

TEST_CASE("destroying without commit removes the temporary and stops the writer", "[io]") {
  const bool gzip = GENERATE(false, true);
  const bool background = GENERATE(false, true);
  testing::IoTempDir dir("cdnsim-batched");
  {
    BatchedFile file(dir.path / "trace.jsonl", options(gzip, background, 64));
    writeLines(file, 1000);
    CHECK(dir.entries() == 1);
  }
  CHECK(dir.entries() == 0);
}

TEST_CASE("a directory that cannot hold the file is an error at commit", "[io]") {
  const bool gzip = GENERATE(false, true);
  const bool background = GENERATE(false, true);
  testing::IoTempDir dir("cdnsim-batched");
  {
    std::ofstream(dir.path / "a-file") << "x";
  }
  // A missing directory, and a "directory" that is a regular file (running as root defeats
  // permission bits, so those are not used here).
  for (const std::filesystem::path& target : {dir.path / "missing" / "t.jsonl", dir.path / "a-file" / "t.jsonl"}) {
    CAPTURE(target);
    BatchedFile file(target, options(gzip, background, 64));
    CHECK(file.failed());
    writeLines(file, 100);  // dropped, without blocking or crashing
    const auto status = file.commit();
    REQUIRE_FALSE(status.ok());
    CHECK_THAT(status.message(), Catch::Contains(target.parent_path().string()));
  }
  CHECK(dir.entries() == 1);  // only a-file
}

TEST_CASE("a write error on the writer thread is reported by commit", "[io]") {
  // RLIMIT_FSIZE makes write(2) fail with EFBIG past 64 KiB (SIGXFSZ ignored), on whichever
  // thread writes. Restored before the checks so that nothing else is affected.
  const bool gzip = GENERATE(false, true);
  const bool background = GENERATE(false, true);
  testing::IoTempDir dir("cdnsim-batched");
  const std::filesystem::path target = dir.path / "big";
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  const auto savedHandler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit limited = saved;
  limited.rlim_cur = 64 << 10;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
  BatchedFile file(target, options(gzip, background, 4096));
  // Random-looking bytes so that gzip cannot shrink them under the limit.
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 4096; ++i) {
    for (int j = 0; j < 64; ++j) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      file.buffer() += static_cast<char>('!' + x % 90);
    }
    file.buffer() += '\n';
    file.maybeFlush();
  }
  const auto status = file.commit();
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, savedHandler);
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains("cannot write") && Catch::Contains("File too large"));
  CHECK(file.failed());
  CHECK_FALSE(std::filesystem::exists(target));
  CHECK(dir.entries() == 0);
}

TEST_CASE("an invalid gzip level is an error at commit and writes nothing", "[io]") {
  testing::IoTempDir dir("cdnsim-batched");
  auto o = options(true, true, 64);
  o.gzipLevel = 42;
  BatchedFile file(dir.path / "t.gz", o);
  writeLines(file, 100);
  const auto status = file.commit();
  REQUIRE_FALSE(status.ok());
  CHECK_THAT(status.message(), Catch::Contains("gzip") && Catch::Contains("level 42"));
  CHECK(dir.entries() == 0);
}

TEST_CASE("the caller's buffers are reused: no allocation per batch once warm", "[io]") {
  testing::IoTempDir dir("cdnsim-batched");
  BatchedFile file(dir.path / "t", options(true, true, 4096));
  std::set<const char*> buffers;
  const std::size_t capacity = file.buffer().capacity();
  for (int i = 0; i < 20000; ++i) {
    file.buffer() += line(i);
    file.maybeFlush();
    buffers.insert(file.buffer().data());
    CHECK(file.buffer().capacity() == capacity);
  }
  CHECK(buffers.size() == 2);  // the double buffer, swapped back and forth
  REQUIRE(file.commit().ok());
}

TEST_CASE("a BatchedFile commits only once", "[io]") {
  testing::IoTempDir dir("cdnsim-batched");
  BatchedFile file(dir.path / "once", options(false, true, 64));
  file.buffer() += "x\n";
  REQUIRE(file.commit().ok());
  CHECK_FALSE(file.commit().ok());
  CHECK(testing::readWholeFile(dir.path / "once") == "x\n");
}

}  // namespace cdnsim::io
