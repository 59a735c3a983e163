// What `run --out DIR` guarantees: the new set of outputs or none of it, never beside an earlier
// run's files; no temporaries after Ctrl-C; exit 2 for a path the user got wrong, 1 for an I/O error.

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/scenarios/scenario_runner.h"

namespace cdnsim::testing {

namespace {

// Every entry under `dir`, as paths relative to it, sorted.
std::vector<std::string> tree(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    names.push_back(std::filesystem::relative(e.path(), dir).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool hasTemporary(const std::filesystem::path& dir) {
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename().string().find(".tmp-") != std::string::npos) return true;
  }
  return false;
}

void writePlain(const std::filesystem::path& p, const std::string& s) {
  std::ofstream(p, std::ios::binary) << s;
}

}  // namespace

TEST_CASE("SIGINT or SIGTERM during a run leaves no temporary files and ends with the signal", "[cli][out]") {
  const int signal = GENERATE(SIGINT, SIGTERM);
  TempDir dir("cdnsim-cli-signal");
  const std::filesystem::path out = dir.path() / "out";
  // A run of minutes, killed as soon as its temporaries exist. The child starts with the default
  // action for both signals, whatever this process inherited.
  const std::string binary = cdnsimBinary();
  const std::string scenario = sourcePath("scenarios/quickstart.yaml");
  const std::string outArg = out.string();
  std::vector<char*> argv = {const_cast<char*>(binary.c_str()), const_cast<char*>("run"),
                             const_cast<char*>(scenario.c_str()), const_cast<char*>("--requests"),
                             const_cast<char*>("50000000"), const_cast<char*>("--out"),
                             const_cast<char*>(outArg.c_str()), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, binary.c_str(), &actions, &attributes, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);

  // Polling a child process's progress: the one place a test waits on real time.
  bool started = false;
  for (int i = 0; i < 3000 && !started; ++i) {
    std::error_code ec;
    started = std::filesystem::exists(out, ec) && hasTemporary(out);
    if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(started);
  ::kill(pid, signal);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == signal);
  CHECK(tree(out).empty());  // no temporaries, no staging folder, no partial outputs
}

TEST_CASE("a full disk while writing the second file leaves the earlier run's set untouched", "[cli][out]") {
  // RLIMIT_FSIZE (ulimit -f, in KiB) as a full disk: summary.json is a few KiB, timeseries.csv at
  // --interval 1s about 150 KiB. Today's order wrote timeseries.csv first; either way neither may
  // appear. SIGXFSZ is ignored so that write(2) fails with EFBIG instead of killing the process.
  TempDir dir("cdnsim-cli-full");
  const std::filesystem::path out = dir.path() / "out";
  std::filesystem::create_directories(out);
  writePlain(out / "summary.json", "old summary");
  writePlain(out / "trace.jsonl", "old trace");
  const auto r = runCommand("trap '' XFSZ; ulimit -f 64; " + cdnsimBinary() + " run " +
                            sourcePath("scenarios/quickstart.yaml") + " --no-trace --interval 1s --out " +
                            out.string());
  INFO(r.output);
  CHECK(r.exitCode == 1);
  CHECK_THAT(r.output, Catch::Contains("timeseries.csv") && Catch::Contains("File too large"));
  CHECK(tree(out) == std::vector<std::string>{"summary.json", "trace.jsonl"});
  CHECK(readFile(out / "summary.json") == "old summary");
}

TEST_CASE("a run into a folder of an earlier run removes that run's outputs only", "[cli][out]") {
  TempDir dir("cdnsim-cli-rerun");
  const std::filesystem::path out = dir.path() / "out";
  std::filesystem::create_directories(out);
  for (const char* name : {"summary.json", "timeseries.csv", "trace.jsonl", "access.log", "trace.jsonl.gz",
                           "access.log.gz", "report.html"}) {
    writePlain(out / name, "old");
  }
  writePlain(out / "notes.txt", "mine");
  const auto r = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") +
                            " --requests 300 --no-trace --out " + out.string());
  INFO(r.output);
  CHECK(r.exitCode == 0);
  CHECK(tree(out) == std::vector<std::string>{"notes.txt", "report.html", "summary.json", "timeseries.csv"});
  CHECK(readFile(out / "notes.txt") == "mine");
  CHECK(readFile(out / "report.html") != "old");
  CHECK(readFile(out / "summary.json") != "old");
}

TEST_CASE("an output path the user got wrong exits 2 before running", "[cli][out]") {
  TempDir dir("cdnsim-cli-outpath");
  writePlain(dir.path() / "file", "x");
  std::filesystem::create_directories(dir.path() / "busy" / "summary.json");
  struct Case {
    std::filesystem::path out;
    const char* message;
  };
  for (const Case& c : {Case{dir.path() / "file", "is not a directory"},
                        Case{dir.path() / "file" / "sub", "is not a directory"},
                        Case{dir.path() / "busy", "summary.json' is a directory"},
                        Case{"/proc/cdnsim-cannot-be-here", "cannot create output directory"}}) {
    const auto r = runCommand(cdnsimBinary() + " run " + sourcePath("scenarios/quickstart.yaml") +
                              " --requests 50000000 --out " + c.out.string());
    INFO(c.out);
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.output, Catch::StartsWith("cdnsim run: ") && Catch::Contains(c.message));
  }
  CHECK(tree(dir.path() / "busy") == std::vector<std::string>{"summary.json"});
}

}  // namespace cdnsim::testing
