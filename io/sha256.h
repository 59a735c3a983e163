#pragma once
// SHA-256 (FIPS 180-4), for pinning an output file's exact bytes (`run --expect` with
// "trace_sha256"): streaming, so a multi-gigabyte trace is hashed in constant memory.
//
// Costs: update() O(bytes), no allocation; about 200 MB/s, far below the cost of writing the trace.

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "io/atomic_file.h"

namespace cdnsim::io {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // The digest as 64 lowercase hex digits. Precondition: called once, after the last update().
  std::string hexDigest();

 private:
  void compress(const unsigned char* block);

  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> block_{};
  std::size_t used_ = 0;       // bytes in block_
  std::uint64_t length_ = 0;   // bytes hashed so far
};

std::string sha256Hex(std::string_view bytes);

// The SHA-256 of a file's contents; a gzip file (trace.jsonl.gz) is hashed decompressed, so a run
// with --gzip pins the same digest as one without. nullopt with `status` saying why when the file
// cannot be read.
std::optional<std::string> sha256OfFileContents(const std::filesystem::path& path, IoStatus& status);

}  // namespace cdnsim::io
