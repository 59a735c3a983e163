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

  // Drops this process's resident pages wholly before `offset` (they stay in the page cache and
  // would be faulted back in if read again). Readers call it as they advance, so a process's
  // resident memory does not grow with the trace length.
  void releaseBefore(std::size_t offset);

 private:
  void close();
  const char* data_{nullptr};
  std::size_t size_{0};
  std::size_t released_{0};
};

}  // namespace cdnsim::sim::trace
