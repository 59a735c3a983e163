#pragma once
// A read-only memory mapping of a whole file (RAII), so that readers parse a trace in place without
// copying it or holding it on the heap: the kernel pages it in and out as the reader advances.

#include <cstddef>
#include <string>
#include <string_view>

namespace cdnsim::sim::trace {

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;

  // Maps `path`; returns an empty string on success, else why not. An empty file maps to no bytes.
  std::string open(const std::string& path);

  std::string_view bytes() const { return {data_, size_}; }

 private:
  void close();
  const char* data_{nullptr};
  std::size_t size_{0};
};

}  // namespace cdnsim::sim::trace
