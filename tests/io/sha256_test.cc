// SHA-256 against the FIPS 180-4 example vectors (NIST CSRC "Examples with intermediate values"),
// fed whole and in uneven pieces; a gzip file hashes as its decompressed bytes.
#include "io/sha256.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "tests/io/io_test_files.h"

namespace cdnsim::io {

TEST_CASE("SHA-256 of the FIPS 180-4 example messages", "[io][sha256]") {
  const auto [message, digest] = GENERATE(table<std::string, std::string>({
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      // 64 bytes: the padding takes a block of its own.
      {std::string(64, 'a'), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
      {std::string(1'000'000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  }));
  CHECK(sha256Hex(message) == digest);
  // The same bytes in pieces of 1, 63 and 65 bytes cross every block boundary differently.
  for (const std::size_t piece : {std::size_t{1}, std::size_t{63}, std::size_t{65}}) {
    Sha256 hash;
    for (std::size_t at = 0; at < message.size(); at += piece) hash.update(std::string_view(message).substr(at, piece));
    CHECK(hash.hexDigest() == digest);
  }
}

TEST_CASE("a file's digest is that of its contents, and a gzip file's that of its decompressed bytes", "[io][sha256]") {
  testing::IoTempDir dir("cdnsim-sha256");
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{\"line\":" + std::to_string(i) + "}\n";
  std::ofstream(dir.path / "plain.jsonl", std::ios::binary) << text;
  gzFile gz = gzopen((dir.path / "packed.jsonl.gz").c_str(), "wb");
  REQUIRE(gz != nullptr);
  REQUIRE(gzwrite(gz, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size()));
  gzclose(gz);
  IoStatus status = IoStatus::success();
  CHECK(sha256OfFileContents(dir.path / "plain.jsonl", status) == sha256Hex(text));
  CHECK(sha256OfFileContents(dir.path / "packed.jsonl.gz", status) == sha256Hex(text));
  CHECK(testing::readWholeFile(dir.path / "packed.jsonl.gz") != text);  // really compressed
  CHECK_FALSE(sha256OfFileContents(dir.path / "absent", status).has_value());
  CHECK_THAT(status.message(), Catch::Contains("absent") && Catch::Contains("No such file"));
}

}  // namespace cdnsim::io
