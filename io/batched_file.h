#pragma once
// A file written in large batches, optionally as a gzip stream, with the compression and the
// write(2) calls on a background thread: the thread producing records only formats lines into
// buffer(), so a run that writes a trace pays for formatting, not for deflate or the kernel copy.
//
// Double buffering: the caller fills one buffer while the writer drains the other; maybeFlush()
// swaps them once the caller's holds batchBytes. The caller blocks only when it has filled a whole
// batch while the writer is still on the previous one (the disk or deflate is the bottleneck then).
// Both buffers keep their capacity, so once warm no batch allocates.
//
// Built on AtomicFile: bytes go to a temporary beside the final path, which is renamed into place
// only by a successful commit(). Errors on the writer thread are sticky (the first one is kept, later
// batches are dropped) and reported by commit(); failed() lets the caller stop formatting early.
//
// Not thread-safe: one producing thread per BatchedFile (the writer thread is internal).

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "io/atomic_file.h"

namespace cdnsim::io {

struct BatchedFileOptions {
  // Write a gzip stream (RFC 1952). The caller chooses the path, e.g. "trace.jsonl.gz".
  bool gzip{false};
  // zlib level 1..9 (or -1 for zlib's default). 1 by default: the point is to take I/O off the
  // critical path, and level 1 already shrinks JSONL traces several times over.
  int gzipLevel{1};
  // Bytes the caller accumulates before handing a batch over. 512 KiB: each hand-over wakes the
  // other thread (a futex wake, costly under virtualisation), and on the bench machine 512 KiB and
  // 1 MiB batches took ~8% less CPU than 128 KiB in trace mode, while 4 MiB ones (no longer in
  // cache when the kernel copies them) took more (tools/bench/run_bench.sh).
  std::size_t batchBytes{512 << 10};
  // false: compress and write on the caller's thread (tests, tiny runs); same bytes either way.
  bool background{true};
  // fsync before the rename (see AtomicFileOptions::durable).
  bool durable{true};
  friend bool operator==(const BatchedFileOptions&, const BatchedFileOptions&) = default;
};

class BatchedFile {
 public:
  // Creates the temporary file (see AtomicFile) and, if background, starts the writer thread. A
  // file that cannot be created starts no thread; commit() reports why and appends are dropped.
  explicit BatchedFile(std::filesystem::path finalPath, BatchedFileOptions options = {});
  // Not committed: stops the writer thread (dropping its pending batch) and removes the temporary.
  ~BatchedFile();
  BatchedFile(const BatchedFile&) = delete;
  BatchedFile& operator=(const BatchedFile&) = delete;

  // The caller's batch: append whole lines, then call maybeFlush(). Valid until the next
  // maybeFlush() or commit(), which may swap it for the other buffer.
  std::string& buffer() { return front_; }

  // O(1) unless buffer() holds batchBytes or more: then hands it to the writer (swapping in the
  // spare buffer), waiting first if the writer has not finished the previous batch. Without a
  // background thread, compresses and writes it here.
  void maybeFlush() {
    if (front_.size() >= options_.batchBytes) handOff();
  }

  // Writes what is left in buffer(), finishes the gzip stream, stops the writer thread and renames
  // the temporary into place (AtomicFile::commit). The first error from any step wins, and the
  // temporary is then removed. Only the first call does anything.
  IoStatus commit();

  // True once the writer has hit an error (commit() will report it). Safe from the caller's thread.
  bool failed() const { return failed_.load(std::memory_order_relaxed); }
  const std::filesystem::path& path() const { return file_.path(); }
  const BatchedFileOptions& options() const { return options_; }

 private:
  struct Deflater;  // the zlib stream, kept out of this header

  void handOff();
  void writerLoop();
  // Writer side (the writer thread, or the caller when there is none).
  void writeBatch(const std::string& batch);
  void finishStream();
  void fail(std::string message);

  BatchedFileOptions options_;
  AtomicFile file_;
  std::unique_ptr<Deflater> deflater_;  // null unless gzip
  bool committed_ = false;

  std::string front_;  // the caller's
  std::string back_;   // the writer's while backFull_
  std::mutex mutex_;
  std::condition_variable writerWake_;  // backFull_ or stop_ set
  std::condition_variable callerWake_;  // backFull_ cleared
  bool backFull_ = false;               // guarded by mutex_
  bool stop_ = false;                   // guarded by mutex_
  bool finish_ = false;                 // guarded by mutex_: on stop, end the gzip stream
  std::thread writer_;

  // Writer side only (read by the caller after join).
  std::optional<std::string> error_;
  std::atomic<bool> failed_{false};
};

}  // namespace cdnsim::io
