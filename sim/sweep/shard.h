#pragma once
// Which of a sweep's points this process runs, so that a cluster engine splits a big grid across
// machines: shard K of N runs the points p with p % N == K (neighbouring points, often of unequal
// cost, land on different shards). From `--shard K/N`, or from the environment the engine sets:
//
//   Open MPI's mpirun        OMPI_COMM_WORLD_RANK, OMPI_COMM_WORLD_SIZE
//   PMI (MPICH, Intel MPI, srun --mpi=pmi2)   PMI_RANK, PMI_SIZE
//   a Slurm job array        SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, SLURM_ARRAY_TASK_MIN,
//                            SLURM_ARRAY_TASK_STEP (--array=1-8 numbers tasks from 1; 0-14:2 by 2)
//
// mpirun inside each task of a job array nests: task t of T with rank r of R is shard t*R + r of
// T*R.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cdnsim::sim {

struct Shard {
  std::size_t index = 0;  // K, from 0
  std::size_t count = 1;  // N
  std::string
      source;  // "--shard", "Open MPI", "PMI", "Slurm job array", "Slurm job array x Open MPI"

  bool includes(std::size_t point) const { return point % count == index; }
};

// "K/N" with 0 <= K < N; nullopt and a message naming --shard otherwise.
std::optional<Shard> parseShard(std::string_view text, std::string& error);

// The shard the environment gives (`getenv` reads one variable, nullptr when unset); a single
// shard (0 of 1) when no engine set its variables; nullopt and a message naming the variables
// when they are inconsistent (a rank not below its size, not a number).
using EnvironmentReader = std::function<const char*(const char*)>;
std::optional<Shard> shardFromEnvironment(const EnvironmentReader& getenv, std::string& error);

}  // namespace cdnsim::sim
