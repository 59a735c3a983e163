// Which shard a process runs: --shard K/N, or the variables of mpirun, PMI and Slurm job arrays.

#include "sim/sweep/shard.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

namespace {

using ShardEnvironment = std::map<std::string, std::string>;

std::optional<cdnsim::sim::Shard> fromEnvironment(const ShardEnvironment& env, std::string& error) {
  return cdnsim::sim::shardFromEnvironment(
      [&env](const char* name) -> const char* {
        const auto found = env.find(name);
        return found == env.end() ? nullptr : found->second.c_str();
      },
      error);
}

}  // namespace

TEST_CASE("a shard given as K/N needs 0 <= K < N", "[sim][sweep][shard]") {
  using cdnsim::sim::parseShard;
  std::string error;
  const auto shard = parseShard("1/4", error);
  REQUIRE(shard);
  CHECK(shard->index == 1);
  CHECK(shard->count == 4);
  CHECK(shard->includes(5));
  CHECK_FALSE(shard->includes(4));
  for (const char* bad : {"4/4", "1", "1/0", "-1/4", "a/b", "1/4/2", "", "/4"}) {
    CAPTURE(bad);
    CHECK_FALSE(parseShard(bad, error));
    CHECK_THAT(error, Catch::StartsWith("--shard must be K/N with 0 <= K < N"));
  }
}

TEST_CASE("every point belongs to exactly one shard", "[sim][sweep][shard]") {
  using cdnsim::sim::Shard;
  for (std::size_t point = 0; point < 20; ++point) {
    int owners = 0;
    for (std::size_t k = 0; k < 3; ++k) owners += Shard{k, 3, ""}.includes(point) ? 1 : 0;
    CHECK(owners == 1);
  }
}

TEST_CASE("the environment of a cluster engine gives the shard", "[sim][sweep][shard]") {
  struct Case {
    ShardEnvironment env;
    std::size_t index, count;
    std::string source;
  };
  const auto c = GENERATE(values<Case>({
      {{}, 0, 1, ""},
      {{{"OMPI_COMM_WORLD_RANK", "1"}, {"OMPI_COMM_WORLD_SIZE", "2"}}, 1, 2, "Open MPI"},
      {{{"PMI_RANK", "3"}, {"PMI_SIZE", "4"}}, 3, 4, "PMI"},
      // Open MPI's own variables win over the PMI ones it may also set.
      {{{"OMPI_COMM_WORLD_RANK", "0"},
        {"OMPI_COMM_WORLD_SIZE", "2"},
        {"PMI_RANK", "1"},
        {"PMI_SIZE", "2"}},
       0,
       2,
       "Open MPI"},
      // --array=1-8: ids from 1.
      {{{"SLURM_ARRAY_TASK_ID", "3"},
        {"SLURM_ARRAY_TASK_COUNT", "8"},
        {"SLURM_ARRAY_TASK_MIN", "1"}},
       2,
       8,
       "Slurm job array"},
      // --array=10-16:2: ids 10, 12, 14, 16.
      {{{"SLURM_ARRAY_TASK_ID", "14"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"SLURM_ARRAY_TASK_MIN", "10"},
        {"SLURM_ARRAY_TASK_STEP", "2"}},
       2,
       4,
       "Slurm job array"},
      // mpirun -np 2 inside task 1 of 3: shards 2 and 3 of 6.
      {{{"SLURM_ARRAY_TASK_ID", "1"},
        {"SLURM_ARRAY_TASK_COUNT", "3"},
        {"SLURM_ARRAY_TASK_MIN", "0"},
        {"OMPI_COMM_WORLD_RANK", "1"},
        {"OMPI_COMM_WORLD_SIZE", "2"}},
       3,
       6,
       "Slurm job array x Open MPI"},
  }));
  std::string error;
  const auto shard = fromEnvironment(c.env, error);
  INFO(error);
  REQUIRE(shard);
  CHECK(shard->index == c.index);
  CHECK(shard->count == c.count);
  CHECK(shard->source == c.source);
}

TEST_CASE("inconsistent variables are refused, naming them", "[sim][sweep][shard][errors]") {
  auto [env, expected] = GENERATE(table<ShardEnvironment, std::string>({
      {{{"OMPI_COMM_WORLD_RANK", "2"}, {"OMPI_COMM_WORLD_SIZE", "2"}},
       "OMPI_COMM_WORLD_RANK=2 and OMPI_COMM_WORLD_SIZE=2 do not give a shard"},
      {{{"PMI_RANK", "0"}}, "PMI_RANK=0 and PMI_SIZE=(unset) do not give a shard"},
      {{{"SLURM_ARRAY_TASK_ID", "0"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"SLURM_ARRAY_TASK_MIN", "1"}},
       "SLURM_ARRAY_TASK_ID=0 with SLURM_ARRAY_TASK_COUNT=4, SLURM_ARRAY_TASK_MIN=1"},
      {{{"SLURM_ARRAY_TASK_ID", "11"},
        {"SLURM_ARRAY_TASK_COUNT", "4"},
        {"SLURM_ARRAY_TASK_MIN", "10"},
        {"SLURM_ARRAY_TASK_STEP", "2"}},
       "SLURM_ARRAY_TASK_ID=11 with"},
      {{{"SLURM_ARRAY_TASK_ID", "2"}}, "SLURM_ARRAY_TASK_ID=2 with SLURM_ARRAY_TASK_COUNT=(unset)"},
  }));
  std::string error;
  CHECK_FALSE(fromEnvironment(env, error));
  CHECK_THAT(error, Catch::StartsWith(expected));
}
