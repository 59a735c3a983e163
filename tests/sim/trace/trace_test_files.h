#pragma once
// Test helpers: a fresh temporary folder per test and writers for plain, gzip and oracleGeneral
// trace files, so that readers are tested on real files the way the command opens them.

#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace/trace_reader.h"

namespace cdnsim::sim::trace::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("cdnsim-trace-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(std::string_view name) const { return (path_ / name).string(); }

  std::string write(std::string_view name, std::string_view content) const {
    std::string p = file(name);
    std::ofstream(p, std::ios::binary)
        .write(content.data(), static_cast<std::streamsize>(content.size()));
    return p;
  }

  std::string writeGzip(std::string_view name, std::string_view content) const {
    std::string p = file(name);
    gzFile gz = gzopen(p.c_str(), "wb");
    gzwrite(gz, content.data(), static_cast<unsigned>(content.size()));
    gzclose(gz);
    return p;
  }

  // libCacheSim oracleGeneral records: u32 time, u64 id, u32 size, i64 next access (little-endian).
  std::string writeOracle(std::string_view name, const std::vector<TraceRequest>& records,
                          std::size_t extraBytes = 0) const {
    std::string bytes;
    for (const TraceRequest& r : records) {
      char rec[24];
      const auto time = static_cast<std::uint32_t>(r.timestamp);
      const auto size = static_cast<std::uint32_t>(r.size);
      const std::int64_t next = -1;
      std::memcpy(rec, &time, 4);
      std::memcpy(rec + 4, &r.id, 8);
      std::memcpy(rec + 12, &size, 4);
      std::memcpy(rec + 16, &next, 8);
      bytes.append(rec, 24);
    }
    bytes.append(extraBytes, '\0');
    return write(name, bytes);
  }

 private:
  std::filesystem::path path_;
};

// Reads everything; the error (if any) is left on the reader.
inline std::vector<TraceRequest> readAll(TraceReader& reader) {
  std::vector<TraceRequest> out;
  TraceCursor cursor(reader, 3);  // a tiny batch, to cross batch boundaries
  TraceRequest r;
  while (cursor.next(r)) out.push_back(r);
  return out;
}

}  // namespace cdnsim::sim::trace::testing
