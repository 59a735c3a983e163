#include "sim/sweep/shard.h"

#include <fmt/format.h>

#include <charconv>

namespace cdnsim::sim {

namespace {

constexpr std::size_t kMaxShards = 1'000'000;

std::optional<std::size_t> wholeNumber(std::string_view text) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool read(const char* text, std::size_t& value) {
  const auto parsed = wholeNumber(text);
  if (parsed) value = *parsed;
  return parsed.has_value();
}

// A rank and size from two variables: nullopt when neither is set; an error when only one is,
// or they are not numbers with rank < size.
struct Pair {
  std::size_t rank = 0, size = 1;
};
std::optional<Pair> readPair(const EnvironmentReader& getenv, const char* rankName,
                             const char* sizeName, std::string& error) {
  const char* rank = getenv(rankName);
  const char* size = getenv(sizeName);
  if (rank == nullptr && size == nullptr) return std::nullopt;
  const auto r = rank ? wholeNumber(rank) : std::nullopt;
  const auto s = size ? wholeNumber(size) : std::nullopt;
  if (!r || !s || *s == 0 || *r >= *s || *s > kMaxShards) {
    error = fmt::format(
        "{}={} and {}={} do not give a shard; expected a rank from 0 below a size from 1 "
        "to {}",
        rankName, rank ? rank : "(unset)", sizeName, size ? size : "(unset)", kMaxShards);
    return std::nullopt;
  }
  return Pair{*r, *s};
}

}  // namespace

std::optional<Shard> parseShard(std::string_view text, std::string& error) {
  const auto slash = text.find('/');
  const auto k =
      slash == std::string_view::npos ? std::nullopt : wholeNumber(text.substr(0, slash));
  const auto n =
      slash == std::string_view::npos ? std::nullopt : wholeNumber(text.substr(slash + 1));
  if (!k || !n || *n == 0 || *k >= *n || *n > kMaxShards) {
    error =
        fmt::format("--shard must be K/N with 0 <= K < N <= {} (shard K of N, from 0), got '{}'",
                    kMaxShards, text);
    return std::nullopt;
  }
  return Shard{*k, *n, "--shard"};
}

std::optional<Shard> shardFromEnvironment(const EnvironmentReader& getenv, std::string& error) {
  error.clear();
  // An MPI launcher's rank and size: Open MPI's own variables first, then PMI's.
  std::optional<Pair> mpi = readPair(getenv, "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", error);
  if (!error.empty()) return std::nullopt;
  std::string mpiName = "Open MPI";
  if (!mpi) {
    mpi = readPair(getenv, "PMI_RANK", "PMI_SIZE", error);
    if (!error.empty()) return std::nullopt;
    mpiName = "PMI";
  }

  // A Slurm job array: task ids run from SLURM_ARRAY_TASK_MIN by SLURM_ARRAY_TASK_STEP.
  std::optional<Pair> array;
  if (const char* id = getenv("SLURM_ARRAY_TASK_ID")) {
    const char* count = getenv("SLURM_ARRAY_TASK_COUNT");
    const char* min = getenv("SLURM_ARRAY_TASK_MIN");
    const char* step = getenv("SLURM_ARRAY_TASK_STEP");
    std::size_t i = 0, c = 0, lo = 0, by = 1;
    bool ok = read(id, i) && count != nullptr && read(count, c) &&
              (min == nullptr || read(min, lo)) && (step == nullptr || read(step, by));
    ok = ok && by > 0 && c > 0 && c <= kMaxShards && i >= lo && (i - lo) % by == 0 &&
         (i - lo) / by < c;
    if (!ok) {
      error = fmt::format(
          "SLURM_ARRAY_TASK_ID={} with SLURM_ARRAY_TASK_COUNT={}, SLURM_ARRAY_TASK_MIN={} and "
          "SLURM_ARRAY_TASK_STEP={} do not give a shard; expected ids MIN, MIN+STEP, ... (COUNT of "
          "them)",
          id, count ? count : "(unset)", min ? min : "(unset)", step ? step : "(unset)");
      return std::nullopt;
    }
    array = Pair{(i - lo) / by, c};
  }

  if (array && mpi) {
    return Shard{array->rank * mpi->size + mpi->rank, array->size * mpi->size,
                 "Slurm job array x " + mpiName};
  }
  if (array) return Shard{array->rank, array->size, "Slurm job array"};
  if (mpi) return Shard{mpi->rank, mpi->size, mpiName};
  return Shard{0, 1, ""};
}

}  // namespace cdnsim::sim
